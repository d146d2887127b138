package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import feign.HeaderMap;
import feign.Headers;
import feign.RequestLine;
import java.util.Map;

/**
 * X's OAuth 2.0 token endpoints. Bodies are form-encoded; {@code headers} carries {@code Authorization: Basic …}
 * for a confidential client and is empty for a public one (which puts {@code client_id} in the body instead).
 * Thread-safe. Every call answers X's JSON (never null) or throws a
 * {@link dev.outpost.ports.platform.PlatformException} through {@link XErrorDecoder}.
 */
@Headers("Accept: application/json")
interface XOAuthApi {
    /** {@code grant_type=authorization_code} or {@code refresh_token}: answers the token set. */
    @RequestLine("POST /2/oauth2/token")
    JsonNode token(@HeaderMap Map<String, String> headers, FormBody body);

    /** Revokes one token ({@code token}, {@code token_type_hint}); X answers {@code {"revoked":true}}. */
    @RequestLine("POST /2/oauth2/revoke")
    JsonNode revoke(@HeaderMap Map<String, String> headers, FormBody body);
}
