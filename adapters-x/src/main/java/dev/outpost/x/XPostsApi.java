package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;

/**
 * Creating a post, with a user's bearer token ({@code authorization} is {@code "Bearer <token>"}). Not idempotent:
 * {@link XErrorDecoder} reports a 5xx or a lost answer as ambiguous. Thread-safe. Answers X's JSON (never null) or
 * throws a {@link dev.outpost.ports.platform.PlatformException}.
 */
@Headers({"Accept: application/json", "Authorization: {authorization}"})
interface XPostsApi {
    /** {@code {text, media:{media_ids}, reply:{in_reply_to_tweet_id}}} → 201 {@code data {id, text}}. */
    @RequestLine("POST /2/tweets")
    JsonNode create(@Param("authorization") String authorization, Map<String, Object> body);
}
