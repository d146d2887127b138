package dev.outpost.x;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.util.Map;

/**
 * X's v2 media endpoints, with a user's bearer token holding {@code media.write} ({@code authorization} is
 * {@code "Bearer <token>"}). Any 2xx is success, an empty body included; answers come with or without the
 * {@code data} wrapper ({@link XJson#data}). Thread-safe. Failures are
 * {@link dev.outpost.ports.platform.PlatformException}s from {@link XErrorDecoder}.
 */
@Headers({"Accept: application/json", "Authorization: {authorization}"})
interface XMediaApi {
    /** One-shot upload: multipart {@code media_category} and {@code media} (raw bytes). */
    @RequestLine("POST /2/media/upload")
    JsonNode upload(@Param("authorization") String authorization, MultipartBody body);

    /** INIT: JSON {@code {total_bytes, media_type, media_category}} → {@code data {id, expires_after_secs}}. */
    @RequestLine("POST /2/media/upload/initialize")
    JsonNode initialize(@Param("authorization") String authorization, Map<String, Object> body);

    /** APPEND: multipart {@code segment_index} and {@code media}; repeating the same index is safe. */
    @RequestLine("POST /2/media/upload/{id}/append")
    void append(@Param("authorization") String authorization, @Param("id") String mediaId, MultipartBody body);

    /** FINALIZE, no body → {@code data {id, processing_info?}}. */
    @RequestLine("POST /2/media/upload/{id}/finalize")
    JsonNode finalizeUpload(@Param("authorization") String authorization, @Param("id") String mediaId);

    /** STATUS → {@code data {id, processing_info?}}. */
    @RequestLine("GET /2/media/upload?command=STATUS&media_id={id}")
    JsonNode status(@Param("authorization") String authorization, @Param("id") String mediaId);

    /** Alt text: JSON {@code {id, metadata:{alt_text:{text}}}}. */
    @RequestLine("POST /2/media/metadata")
    JsonNode metadata(@Param("authorization") String authorization, Map<String, Object> body);
}
