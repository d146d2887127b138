package dev.outpost.xsandbox;

import java.util.List;
import java.util.Map;

/**
 * Sees each request and its response after it was answered, e.g. to validate both against
 * X's OpenAPI spec in a test. Called on the server's threads; must be thread-safe and quick.
 */
@FunctionalInterface
public interface ExchangeObserver {

    void onExchange(Exchange exchange);

    /**
     * @param requestHeaders header names in lower case; the Authorization value is masked to {@code "<scheme> ***"}
     * @param requestBody    the body as received when it is small and not multipart, else null; always null
     *                       for the OAuth endpoints, whose bodies hold secrets (as do their responses)
     * @param multipartParts for a multipart request, its part names in order, else empty
     * @param multipartFields for a multipart request, the values of its small text parts (not {@code media})
     * @param responseBody   the body as sent, or null when there was none or the connection was dropped
     */
    record Exchange(String method, String path, Map<String, List<String>> query,
                    Map<String, String> requestHeaders, byte[] requestBody, List<String> multipartParts,
                    Map<String, String> multipartFields,
                    int status, String responseContentType, byte[] responseBody, boolean connectionDropped) {
    }
}
