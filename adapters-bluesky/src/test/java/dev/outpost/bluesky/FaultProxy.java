package dev.outpost.bluesky;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP proxy on loopback in front of a Bluesky server, for faults the server itself never makes: an answer
 * lost after the server acted on the request (the connection closes where the answer should be). Counts what passes.
 */
final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ConcurrentHashMap<String, AtomicInteger> loseAnswers = new ConcurrentHashMap<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next {@code times} calls of {@code nsid} reach the server, which acts on them; their answers are lost. */
    void loseAnswers(String nsid, int times) {
        loseAnswers.computeIfAbsent(nsid, k -> new AtomicInteger()).addAndGet(times);
    }

    /** The NSIDs of every call that passed, in order. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    long count(String nsid) {
        return seen.stream().filter(nsid::equals).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String nsid = path.startsWith("/xrpc/") ? path.substring("/xrpc/".length()) : path;
        seen.add(nsid);
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.toString().replaceAll("/+$", "")
                    + exchange.getRequestURI())).method(exchange.getRequestMethod(), body.length == 0
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            AtomicInteger lose = loseAnswers.get(nsid);
            if (lose != null && lose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // The server acted; the client hears nothing but a closed connection.
                throw new LostAnswer();
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the exchange without an answer: the JDK server closes the connection. */
    private static final class LostAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
