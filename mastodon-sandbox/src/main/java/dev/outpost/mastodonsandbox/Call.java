package dev.outpost.mastodonsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request in flight: its body as a counted stream, the caller once authenticated, and the answer, held here and
 * written at the end so that a fault can still delay or drop it.
 */
final class Call {
    static final int SMALL_BODY_LIMIT = 256 * 1024;

    final Context ctx;
    final Endpoint endpoint;
    final List<String> partNames = new ArrayList<>();
    final Map<String, String> multipartFields = new LinkedHashMap<>();
    private final CountingStream body;
    private byte[] smallBody;
    ServerState.Grant grant;

    int status = 200;
    String contentType;
    byte[] responseBody;
    String redirectTo;
    final Map<String, String> headers = new LinkedHashMap<>();

    Call(Context ctx, Endpoint endpoint) {
        this.ctx = ctx;
        this.endpoint = endpoint;
        try {
            this.body = new CountingStream(ctx.req().getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String userId() {
        return grant == null ? null : grant.userId();
    }

    /** The caller's user id; 401 when the request carried no valid token. */
    String requireUser() {
        if (grant == null) {
            throw ApiError.invalidToken();
        }
        return grant.userId();
    }

    /** 403 unless the token grants {@code scope} (or its parent). */
    void requireScope(String scope) {
        requireUser();
        if (!grant.allows(scope)) {
            throw ApiError.outsideScopes();
        }
    }

    InputStream body() {
        return body;
    }

    long bodyBytesRead() {
        return body.count;
    }

    String requestContentType() {
        String type = ctx.header("Content-Type");
        return type == null ? "" : type;
    }

    byte[] bodyBytes() {
        if (smallBody == null) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                for (int n; (n = body.read(chunk)) >= 0; ) {
                    out.write(chunk, 0, n);
                    if (out.size() > SMALL_BODY_LIMIT) {
                        throw ApiError.of(413, "Request body too large");
                    }
                }
                smallBody = out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return smallBody;
    }

    byte[] smallBodyOrNull() {
        return smallBody;
    }

    /**
     * The parameters of a JSON, form or multipart body, as Rails reads them: each name with its values (an array
     * {@code media_ids} or {@code media_ids[]} gives several). Query parameters come first, the body overrides.
     */
    Map<String, List<String>> params() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> params.put(arrayName(k), List.copyOf(v)));
        String type = requestContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            String boundary = MultipartReader.boundaryOf(requestContentType())
                    .orElseThrow(() -> ApiError.of(400, "multipart body without a boundary"));
            try {
                MultipartReader reader = new MultipartReader(body, boundary);
                for (var part = reader.next(); part.isPresent(); part = reader.next()) {
                    String name = part.get().name();
                    partNames.add(name);
                    String value = new String(part.get().body().readNBytes(SMALL_BODY_LIMIT), StandardCharsets.UTF_8);
                    multipartFields.put(name, value);
                    params.computeIfAbsent(arrayName(name), k -> new ArrayList<>()).add(value);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return params;
        }
        byte[] bytes = bodyBytes();
        if (bytes.length == 0) {
            return params;
        }
        if (type.contains("json")) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(bytes);
            } catch (IOException e) {
                throw ApiError.of(400, "Error occurred while parsing request parameters");
            }
            if (node != null && node.isObject()) {
                node.properties().forEach(e -> {
                    partNames.add(e.getKey());
                    List<String> values = new ArrayList<>();
                    if (e.getValue().isArray()) {
                        e.getValue().forEach(v -> values.add(v.asText()));
                    } else if (!e.getValue().isNull()) {
                        values.add(e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString());
                    }
                    params.put(arrayName(e.getKey()), values);
                });
            }
            return params;
        }
        for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            partNames.add(name);
            params.computeIfAbsent(arrayName(name), k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String arrayName(String name) {
        return name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    void json(int status, Object body) {
        this.status = status;
        this.contentType = "application/json; charset=utf-8";
        this.responseBody = Json.bytes(body);
    }

    void html(int status, String page) {
        this.status = status;
        this.contentType = "text/html; charset=utf-8";
        this.responseBody = page.getBytes(StandardCharsets.UTF_8);
    }

    void redirect(String location) {
        this.status = 302;
        this.redirectTo = location;
        this.contentType = null;
        this.responseBody = null;
    }

    void error(ApiError error) {
        json(error.status, error.body());
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
