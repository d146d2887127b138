package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import feign.CollectionFormat;
import feign.Headers;
import feign.Param;
import feign.RequestLine;

/**
 * X's user endpoints, called with a user's bearer token ({@code authorization} is {@code "Bearer <token>"}).
 * Thread-safe. Every call answers X's JSON (never null) or throws a
 * {@link dev.outpost.ports.platform.PlatformException} through {@link XErrorDecoder}.
 */
@Headers({"Accept: application/json", "Authorization: {authorization}"})
interface XUsersApi {
    /** The token's user: {@code data {id, username, name}}. */
    @RequestLine("GET /2/users/me")
    JsonNode me(@Param("authorization") String authorization);

    /**
     * The user's posts created at or after {@code startTime} (ISO-8601, whole seconds), newest first, up to 100,
     * with {@code created_at}, attachments and the attached media's keys.
     */
    // CSV: Feign would otherwise split the comma-separated field list into repeated parameters.
    @RequestLine(value = "GET /2/users/{id}/tweets?start_time={startTime}&max_results=100"
            + "&tweet.fields=created_at,attachments&expansions=attachments.media_keys",
            collectionFormat = CollectionFormat.CSV)
    JsonNode tweets(@Param("authorization") String authorization, @Param("id") String userId,
            @Param("startTime") String startTime);
}
