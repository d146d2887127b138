package dev.outpost.mastodonsandbox;

import java.util.List;
import java.util.Map;

/**
 * Sees each request and its answer once answered, e.g. to validate both against Mastodon's OpenAPI description in a
 * test. Called on the server's threads: thread-safe and quick.
 */
@FunctionalInterface
public interface ExchangeObserver {
    void onExchange(Exchange exchange);

    /**
     * @param path the request path; {@code endpoint} is null for paths that are no API endpoint (pages, admin)
     * @param requestHeaders names in lower case; Authorization masked to {@code "Bearer ***"}
     * @param requestBody the body when it was small and not multipart, else null; null for the OAuth endpoints, whose
     *     bodies hold secrets (as do their answers)
     * @param multipartParts a multipart request's part names in order, else empty
     * @param multipartFields a multipart request's small text parts
     * @param responseHeaders names in lower case
     * @param responseBody null when there was none, the answer was secret, or the connection was dropped
     */
    record Exchange(Endpoint endpoint, String method, String path, Map<String, List<String>> query,
            Map<String, String> requestHeaders, byte[] requestBody, List<String> multipartParts,
            Map<String, String> multipartFields, int status, Map<String, String> responseHeaders,
            String responseContentType, byte[] responseBody, boolean connectionDropped) {
    }
}
