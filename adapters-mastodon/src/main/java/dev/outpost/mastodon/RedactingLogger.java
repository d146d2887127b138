package dev.outpost.mastodon;

import feign.Logger;
import feign.Request;
import feign.Response;
import feign.Util;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Feign's wire log, at DEBUG on {@code dev.outpost.mastodon.http}, with secrets hidden: Authorization values become
 * {@code Bearer ***}/{@code Basic ***}; token-bearing fields of form and JSON bodies ({@code code},
 * {@code code_verifier}, {@code refresh_token}, {@code access_token}, {@code client_secret}, {@code token}) become
 * {@code ***}; binary and multipart bodies are shown by size only. Thread-safe.
 */
final class RedactingLogger extends Logger {
    private static final int MAX_BODY = 2000;
    private final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.outpost.mastodon.http");

    @Override
    protected void log(String configKey, String format, Object... args) {
        if (log.isDebugEnabled()) {
            log.debug(methodTag(configKey) + Redaction.redactText(String.format(format, args)));
        }
    }

    @Override
    protected void logRequest(String configKey, Level logLevel, Request request) {
        if (!log.isDebugEnabled()) {
            return;
        }
        log(configKey, "---> %s %s", request.httpMethod(), request.url());
        if (logLevel.ordinal() >= Level.HEADERS.ordinal()) {
            logHeaders(configKey, request.headers());
            byte[] body = request.body();
            String type = contentType(request.headers());
            if (body != null && logLevel == Level.FULL) {
                log(configKey, "%s", describe(type, body));
            } else if (body == null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                log(configKey, "(multipart body streamed from the media file, not shown)");
            }
        }
        log(configKey, "---> END HTTP (%s-byte body)", request.length());
    }

    @Override
    protected Response logAndRebufferResponse(String configKey, Level logLevel, Response response, long elapsed)
            throws IOException {
        if (!log.isDebugEnabled()) {
            return response;
        }
        log(configKey, "<--- HTTP %s (%sms)", response.status(), elapsed);
        if (logLevel.ordinal() < Level.HEADERS.ordinal()) {
            return response;
        }
        logHeaders(configKey, response.headers());
        byte[] body = response.body() == null ? new byte[0] : Util.toByteArray(response.body().asInputStream());
        if (logLevel == Level.FULL && body.length > 0) {
            log(configKey, "%s", describe(contentType(response.headers()), body));
        }
        log(configKey, "<--- END HTTP (%s-byte body)", body.length);
        return response.toBuilder().body(body).build();
    }

    @Override
    protected IOException logIOException(String configKey, Level logLevel, IOException ioe, long elapsed) {
        log(configKey, "<--- ERROR %s: %s (%sms)", ioe.getClass().getSimpleName(), ioe.getMessage(), elapsed);
        return ioe;
    }

    private void logHeaders(String configKey, Map<String, Collection<String>> headers) {
        headers.forEach((name, values) -> values.forEach(value -> log(configKey, "%s: %s", name,
                isSecretHeader(name) ? Redaction.authorizationHeader(value) : value)));
    }

    private static boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("authorization") || lower.equals("cookie") || lower.equals("set-cookie");
    }

    private static String describe(String contentType, byte[] body) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (!type.contains("json") && !type.contains("x-www-form-urlencoded") && !type.startsWith("text/")) {
            return "(" + body.length + " bytes of " + (type.isEmpty() ? "unlabelled data" : type.split(";")[0])
                    + ", not shown)";
        }
        String text = new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8);
        return Redaction.redactText(text) + (body.length > MAX_BODY ? "…" : "");
    }

    private static String contentType(Map<String, Collection<String>> headers) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type") && !e.getValue().isEmpty())
                .map(e -> e.getValue().iterator().next())
                .findFirst().orElse("");
    }
}
