package dev.outpost.xsandbox;

import java.util.List;
import java.util.Map;

/**
 * One request as the sandbox saw it, for assertions. It never holds a secret: the
 * Authorization header is reduced to its scheme, and query parameters that carry codes or
 * tokens are masked.
 *
 * @param endpoint   the emulated endpoint's key, or null for admin and unknown paths
 * @param headers    selected headers (authorization scheme, content-length, user-agent …)
 * @param partNames  names of form fields, multipart parts or top-level JSON fields, in order
 * @param fault      the spec of the fault that fired on this request, or null
 */
public record LoggedRequest(
        long sequence,
        String at,
        String method,
        String path,
        Map<String, String> query,
        String contentType,
        Map<String, String> headers,
        List<String> partNames,
        String userId,
        String endpoint,
        int status,
        long bodyBytesRead,
        String fault) {
}
