package dev.outpost.bluesky;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls XRPC methods over the JDK's HTTP client, pinned to HTTP/1.1 (its h2c upgrade gets "Connection reset" from the
 * Node servers, FACTS §1). A file body is streamed from disk as the connection takes it, never held in memory. Every
 * failure leaves through {@link XrpcErrors}, the one place where answers become platform failures. Thread-safe.
 */
final class Xrpc {
    private static final Logger LOG = LoggerFactory.getLogger("dev.outpost.bluesky.http");
    private static final int MAX_BODY = 16 * 1024 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration readTimeout;

    Xrpc(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /** Sends the call; the answer's body when it succeeded, else the platform failure it means. */
    JsonNode send(XrpcCall call) {
        XrpcAnswer answer = exchange(call);
        // A procedure without output answers 200 with no body at all; any other body must be JSON.
        if (!answer.ok() || !(answer.json() || answer.empty())) {
            throw XrpcErrors.failure(call, answer);
        }
        return answer.body();
    }

    /** Sends the call and returns whatever the server answered, for callers that act on some refusals themselves. */
    XrpcAnswer exchange(XrpcCall call) {
        XrpcAnswer answer = exchangeOnce(call);
        // A DPoP server that wants a fresh nonce says so once; the same request goes again with it.
        return call.auth().retry(call.uri(), answer) ? exchangeOnce(call) : answer;
    }

    private XrpcAnswer exchangeOnce(XrpcCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri()).timeout(readTimeout)
                .header("Accept", "application/json");
        String method = call.post() ? "POST" : "GET";
        HttpRequest.BodyPublisher body;
        if (call.file() != null) {
            try {
                body = HttpRequest.BodyPublishers.ofFile(call.file());
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException("cannot read " + call.file().getFileName(), e);
            }
            request.header("Content-Type", call.contentType());
        } else if (call.json() != null) {
            try {
                body = HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(call.json()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot encode the body of " + call.nsid(), e);
            }
            request.header("Content-Type", "application/json");
        } else {
            body = call.post() ? HttpRequest.BodyPublishers.noBody() : null;
        }
        if (body == null) {
            request.GET();
        } else {
            request.method(method, body);
        }
        call.auth().sign(request, method, call.uri());
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw XrpcErrors.noAnswer(call, new InterruptedIOException("interrupted while waiting for an answer"));
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchFileException missing) {
                throw new UncheckedIOException("cannot read " + call.file().getFileName(), missing);
            }
            throw XrpcErrors.noAnswer(call, e);
        }
        byte[] bytes = response.body() == null ? new byte[0] : response.body();
        JsonNode json = MissingNode.getInstance();
        boolean parsed = false;
        if (bytes.length > 0 && bytes.length <= MAX_BODY) {
            try {
                json = JSON.readTree(bytes);
                parsed = json != null && json.isObject();
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
        }
        XrpcAnswer answer = new XrpcAnswer(response.statusCode(), response.headers(), json, parsed,
                bytes.length == 0, call.where());
        LOG.debug("{} {} -> {} {}", method, call.where(), answer.status(), answer.error());
        return answer;
    }
}
