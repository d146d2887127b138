package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Raw XRPC for tests, behind the plugin's back: what a test sends and reads to set up and to check, with no mapping
 * of errors (an answer is an answer).
 */
final class Wire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI base;

    Wire(URI base) {
        this.base = base;
    }

    /** A status and a JSON body (a missing node when there was none). */
    record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        String error() {
            return body.path("error").asText("");
        }
    }

    JsonNode post(String nsid, String bearer, Object body) {
        return ok(postAnswer(nsid, bearer, body), nsid);
    }

    JsonNode get(String nsid, String bearer, Map<String, String> params) {
        return ok(getAnswer(nsid, bearer, params), nsid);
    }

    Answer postAnswer(String nsid, String bearer, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(nsid, Map.of()))
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return send(request, bearer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer getAnswer(String nsid, String bearer, Map<String, String> params) {
        return send(HttpRequest.newBuilder(uri(nsid, params)).GET(), bearer);
    }

    Answer upload(String nsid, String bearer, String contentType, byte[] bytes, Map<String, String> params) {
        return send(HttpRequest.newBuilder(uri(nsid, params)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)), bearer);
    }

    byte[] bytes(String nsid, Map<String, String> params) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri(nsid, params)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(nsid + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? JSON.missingNode() : readOrMissing(response.body());
            return new Answer(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrMissing(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static JsonNode ok(Answer answer, String nsid) {
        if (answer.status() != 200) {
            throw new IllegalStateException(nsid + " answered " + answer.status() + " " + answer.body());
        }
        return answer.body();
    }

    private URI uri(String nsid, Map<String, String> params) {
        String query = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return URI.create(base.toString().replaceAll("/+$", "") + "/xrpc/" + nsid + (query.isEmpty() ? "" : "?"
                + query));
    }
}
