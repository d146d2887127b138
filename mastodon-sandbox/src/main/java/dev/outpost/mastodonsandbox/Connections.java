package dev.outpost.mastodonsandbox;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;

import java.io.IOException;
import java.net.StandardSocketOptions;

/** Kills a client's TCP connection from inside a handler, the way a flaky network would. */
final class Connections {
    private Connections() {
    }

    /** Signals that the connection must be cut instead of answered. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("connection aborted by a sandbox fault", null, false, false);
        }
    }

    /** Closes the connection with a TCP reset (SO_LINGER 0), so the client sees "connection reset". */
    static void reset(HttpServletRequest request) {
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(request)
                .getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException ignored) {
                // the close below still ends the connection, only less abruptly
            }
        }
        endPoint.close();
    }
}
