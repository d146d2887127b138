package dev.outpost.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.outpost.application.OutpostException;
import dev.outpost.domain.account.Account;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect target of {@code accounts add}: a one-shot HTTP server on 127.0.0.1 (never on another interface)
 * that takes the browser's return from the consent page, finishes the connection and tells the browser the outcome.
 */
final class LoopbackCallback implements AutoCloseable {
    /**
     * Finishes the connection from the callback's query parameters ({@code state}, {@code code}, {@code error}, and
     * whatever else the platform sends back); may throw an {@link OutpostException}.
     */
    @FunctionalInterface
    interface Completion {
        Account complete(Map<String, String> params);
    }

    private final HttpServer server;
    private final CompletableFuture<Account> outcome = new CompletableFuture<>();

    private LoopbackCallback(HttpServer server) {
        this.server = server;
    }

    /** @param port 0 for any free port */
    static LoopbackCallback listen(int port, Completion completion) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (BindException inUse) {
            throw OutpostException.invalid("--port", "port " + port + " on 127.0.0.1 is taken; choose another with"
                    + " --port N and register http://127.0.0.1:N/callback as a callback URI of your app on the"
                    + " platform");
        } catch (IOException e) {
            throw new OutpostException(OutpostException.Kind.FAILED, "cannot listen on 127.0.0.1:" + port + " ("
                    + e.getMessage() + ")", e);
        }
        LoopbackCallback callback = new LoopbackCallback(server);
        server.createContext("/callback", exchange -> callback.handle(exchange, completion));
        server.createContext("/", exchange -> respond(exchange, 404, "Not found", "Nothing here."));
        server.start();
        return callback;
    }

    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    /**
     * Waits for the browser to come back.
     *
     * @throws OutpostException what completing the connection threw, or FAILED when nothing came in time
     */
    Account await(Duration timeout) {
        try {
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OutpostException(OutpostException.Kind.FAILED, "the browser did not come back within "
                    + timeout.toMinutes() + " min; run `outpost accounts add` again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutpostException(OutpostException.Kind.FAILED, "interrupted while waiting for the browser", e);
        }
    }

    private void handle(HttpExchange exchange, Completion completion) throws IOException {
        if (outcome.isDone()) {
            respond(exchange, 410, "Already done", "This authorization has already been handled; you can close"
                    + " this tab.");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        try {
            Account account = completion.complete(Map.copyOf(query));
            respond(exchange, 200, "Outpost is connected", "Outpost may now post as @" + account.handle()
                    + ". You can close this tab and go back to the terminal.");
            outcome.complete(account);
        } catch (RuntimeException e) {
            respond(exchange, 400, "Outpost is not connected", e.getMessage() + " Go back to the terminal.");
            outcome.completeExceptionally(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String title, String message) throws IOException {
        String page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body style=\"font-family:sans-serif;margin:3em\"><h1>" + escape(title)
                + "</h1><p>" + escape(message) + "</p></body></html>";
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
