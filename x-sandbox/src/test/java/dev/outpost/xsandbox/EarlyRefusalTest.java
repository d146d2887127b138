package dev.outpost.xsandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request refused before its body is read (a bad token) is answered only once the body has arrived, as front ends
 * do, so a client still sending its body reads the 401 instead of losing it to a reset.
 */
class EarlyRefusalTest {
    private XSandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aRefusedUploadIsAnsweredAfterItsBodyArrives() throws Exception {
        sandbox = XSandbox.start(SandboxConfig.builder().build());
        byte[] body = new byte[200_000];
        String head = "POST /2/media/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer not-a-token\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500);
            assertThat(in.available()).as("answered before the body was sent").isZero();

            out.write(body);
            out.flush();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 401");
        }
    }
}
