package dev.outpost.blueskysandbox;

import java.util.Map;

/** An XRPC error answer: a status and {@code {"error": name, "message": ...}}, with headers when it needs them. */
final class XrpcError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String name;
    final transient Map<String, String> headers;
    final transient Map<String, Object> extra;

    XrpcError(int status, String name, String message, Map<String, String> headers, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.name = name;
        this.headers = headers;
        this.extra = extra;
    }

    XrpcError(int status, String name, String message) {
        this(status, name, message, Map.of(), Map.of());
    }

    static XrpcError invalid(String message) {
        return new XrpcError(400, "InvalidRequest", message);
    }
}
