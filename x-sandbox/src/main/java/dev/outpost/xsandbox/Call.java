package dev.outpost.xsandbox;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request in flight: its body as a counted (and possibly throttled) stream, the caller once
 * authenticated, and the answer, which is held here and written only at the end so a fault can
 * still delay or drop it.
 */
final class Call {
    static final int SMALL_BODY_LIMIT = 64 * 1024;

    final Context ctx;
    final Endpoint endpoint;
    final List<String> partNames = new ArrayList<>();
    /** Text fields of a multipart body, for the exchange observer. */
    final Map<String, String> multipartFields = new LinkedHashMap<>();
    private final CountingStream body;
    private byte[] smallBody;
    Authorizations.Grant grant;

    int status = 200;
    String contentType;
    byte[] responseBody;
    String redirectTo;

    Call(Context ctx, Endpoint endpoint, long bandwidthBytesPerSecond) {
        this.ctx = ctx;
        this.endpoint = endpoint;
        InputStream raw;
        try {
            raw = ctx.req().getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.body = new CountingStream(bandwidthBytesPerSecond > 0 ? new ThrottledInputStream(raw, bandwidthBytesPerSecond) : raw);
    }

    String userId() {
        return grant == null ? null : grant.userId();
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

    boolean isJson() {
        return requestContentType().toLowerCase(Locale.ROOT).contains("json");
    }

    /** The whole body, for the small bodies of OAuth and JSON endpoints. */
    byte[] bodyBytes(int limit) {
        if (smallBody == null) {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                for (int n; (n = body.read(chunk)) >= 0; ) {
                    out.write(chunk, 0, n);
                    if (out.size() > limit) {
                        throw ApiProblem.invalidRequest("Request body is larger than " + limit + " bytes.");
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

    /** The body as JSON; X's 400 "Request body is not valid JSON." when it is not. */
    JsonNode jsonBody() {
        JsonNode node = Json.parseRequest(bodyBytes(SMALL_BODY_LIMIT * 16));
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                partNames.add(names.next());
            }
        }
        return node;
    }

    /** Form or JSON fields as text, for the OAuth endpoints that must accept both (FACTS §4). */
    Map<String, String> formOrJsonFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (isJson()) {
            JsonNode node = jsonBody();
            node.properties().forEach(e -> fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        } else {
            String text = new String(bodyBytes(SMALL_BODY_LIMIT), StandardCharsets.UTF_8);
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
                partNames.add(name);
            }
        }
        return fields;
    }

    void json(int status, Object body) {
        this.status = status;
        this.contentType = "application/json; charset=utf-8";
        this.responseBody = Json.bytes(body);
    }

    void noContent() {
        this.status = 204;
        this.contentType = null;
        this.responseBody = null;
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

    void problem(ApiProblem problem, String problemHost) {
        this.status = problem.status;
        Map<String, Object> body = problem.body(problemHost);
        this.contentType = body == null ? null : problem.contentType();
        this.responseBody = body == null ? null : Json.bytes(body);
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
