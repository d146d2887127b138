package dev.outpost.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import feign.RequestTemplate;
import feign.Response;
import feign.Util;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a {@link MultipartBody} by its content type only (the bytes are streamed by {@link MastodonHttpClient}) and
 * anything else as JSON, which every Mastodon endpoint takes; decodes a 2xx answer to a {@link JsonNode} (an empty
 * body to an empty object) or an {@link Answered} with its status, and refuses a body that is not JSON with a
 * {@link DecodeException} quoting a short excerpt of it.
 */
final class MastodonCodec implements Encoder, Decoder {
    @Override
    public void encode(Object object, Type bodyType, RequestTemplate template) {
        if (object instanceof MultipartBody multipart) {
            template.header("Content-Type", multipart.contentType());
            return;
        }
        try {
            template.header("Content-Type", "application/json");
            template.body(MastodonJson.MAPPER.writeValueAsBytes(object), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new EncodeException("could not write a JSON body: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        byte[] body = response.body() == null ? new byte[0] : Util.toByteArray(response.body().asInputStream());
        JsonNode node;
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            node = MastodonJson.MAPPER.createObjectNode();
        } else {
            try {
                node = MastodonJson.MAPPER.readTree(body);
                if (node == null || !node.isContainerNode()) {
                    throw new IOException("not a JSON object or array");
                }
            } catch (IOException e) {
                throw new DecodeException(response.status(), MastodonError.where(response.request()) + " answered "
                        + response.status() + " with a body that is not JSON: " + MastodonError.excerpt(body),
                        response.request());
            }
        }
        return type == Answered.class ? new Answered(response.status(), node) : node;
    }
}
