package dev.outpost.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.net.URI;
import java.util.Map;

/**
 * The Mastodon endpoints Outpost calls, on any server: {@code server} is the server's base URL (or, for the OAuth
 * endpoints, the endpoint itself, as discovery names it). {@code authorization} is {@code "Bearer <token>"}, or null
 * to ask anonymously; a null {@code Idempotency-Key} is left out. Thread-safe. Every call answers the server's JSON
 * (never null) or throws a {@link dev.outpost.ports.platform.PlatformException} through
 * {@link MastodonErrorDecoder}.
 */
@Headers("Accept: application/json")
interface MastodonApi {
    /** RFC 8414 metadata (4.3 and later; 404 on older servers). */
    @RequestLine("GET /.well-known/oauth-authorization-server")
    JsonNode discovery(URI server);

    /** Registers a client: JSON {@code {client_name, redirect_uris, scopes, website}} → its id and secret. */
    @RequestLine("POST /api/v1/apps")
    JsonNode registerApp(URI server, Map<String, Object> body);

    /** {@code grant_type=authorization_code} with the PKCE verifier → {@code {access_token, scope, ...}}. */
    @RequestLine("POST")
    JsonNode token(URI tokenEndpoint, Map<String, Object> body);

    /** Revokes a token of this client ({@code client_id}, {@code client_secret}, {@code token}). */
    @RequestLine("POST")
    JsonNode revoke(URI revocationEndpoint, Map<String, Object> body);

    @RequestLine("GET /api/v1/accounts/verify_credentials")
    @Headers("Authorization: {authorization}")
    JsonNode verifyCredentials(URI server, @Param("authorization") String authorization);

    /** The server's configuration and limits; public. */
    @RequestLine("GET /api/v2/instance")
    JsonNode instance(URI server);

    /** Multipart {@code file}, {@code description}, {@code focus} → 200 (processed) or 202 (processing). */
    @RequestLine("POST /api/v2/media")
    @Headers("Authorization: {authorization}")
    Answered uploadMedia(URI server, @Param("authorization") String authorization, MultipartBody body);

    /** 206 while processing, 200 once processed (then {@code url} is set). */
    @RequestLine("GET /api/v1/media/{id}")
    @Headers("Authorization: {authorization}")
    Answered media(URI server, @Param("authorization") String authorization, @Param("id") String mediaId);

    /** JSON {@code {status, media_ids, in_reply_to_id, visibility, spoiler_text, sensitive, language}}. */
    @RequestLine("POST /api/v1/statuses")
    @Headers({"Authorization: {authorization}", "Idempotency-Key: {key}"})
    JsonNode createStatus(URI server, @Param("authorization") String authorization, @Param("key") String key,
            Map<String, Object> body);

    /** The account's statuses, newest first; {@code maxId} null for the newest. */
    @RequestLine("GET /api/v1/accounts/{id}/statuses?limit=40&max_id={maxId}")
    @Headers("Authorization: {authorization}")
    JsonNode accountStatuses(URI server, @Param("authorization") String authorization, @Param("id") String accountId,
            @Param("maxId") String maxId);
}
