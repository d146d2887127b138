package dev.outpost.bluesky;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One XRPC request: a query ({@code GET /xrpc/<nsid>?params}) or a procedure ({@code POST} with a JSON body, or with
 * raw bytes streamed from a file). Immutable; built with the {@code with...} methods.
 *
 * @param service the server's base URL (a PDS, the video service, a PLC directory's host)
 * @param nsid the method, such as {@code com.atproto.repo.putRecord}
 * @param post whether it is a procedure
 * @param params query parameters, in order
 * @param json the JSON body of a procedure, or null
 * @param file a file sent as the raw body, or null
 * @param contentType the type of the raw body
 * @param auth what proves who calls, or {@link Auth#NONE}
 * @param creates whether the call makes something that a repeat would make twice (a post): then a lost answer is
 *     {@link dev.outpost.ports.platform.PlatformException.Ambiguous}, else {@code Transient}
 */
record XrpcCall(URI service, String nsid, boolean post, Map<String, String> params, Object json, Path file,
        String contentType, Auth auth, boolean creates) {
    XrpcCall {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(nsid, "nsid");
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        auth = auth == null ? Auth.NONE : auth;
    }

    static XrpcCall query(URI service, String nsid) {
        return new XrpcCall(service, nsid, false, Map.of(), null, null, null, Auth.NONE, false);
    }

    static XrpcCall procedure(URI service, String nsid, Object json) {
        return new XrpcCall(service, nsid, true, Map.of(), json, null, null, Auth.NONE, false);
    }

    static XrpcCall upload(URI service, String nsid, Path file, String contentType) {
        return new XrpcCall(service, nsid, true, Map.of(), null, file, contentType, Auth.NONE, false);
    }

    XrpcCall param(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(params);
        next.put(name, value);
        return new XrpcCall(service, nsid, post, next, json, file, contentType, auth, creates);
    }

    XrpcCall auth(Auth next) {
        return new XrpcCall(service, nsid, post, params, json, file, contentType, next, creates);
    }

    XrpcCall creating() {
        return new XrpcCall(service, nsid, post, params, json, file, contentType, auth, true);
    }

    URI uri() {
        String base = service.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String query = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(base + "/xrpc/" + nsid + (query.isEmpty() ? "" : "?" + query));
    }

    /** The method and the server, for messages: never the query, which may carry a name the user chose. */
    String where() {
        return nsid + " at " + service.getHost() + (service.getPort() < 0 ? "" : ":" + service.getPort());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
