package dev.outpost.x;

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
 * Encodes request bodies by their type (form, multipart, else JSON), setting the matching {@code Content-Type};
 * decodes every 2xx answer to a {@link JsonNode}, an empty body to an empty object, and refuses a body that is not
 * JSON with a {@link DecodeException} that quotes a short excerpt of it.
 */
final class XCodec implements Encoder, Decoder {
    @Override
    public void encode(Object object, Type bodyType, RequestTemplate template) {
        if (object instanceof FormBody form) {
            template.header("Content-Type", "application/x-www-form-urlencoded");
            template.body(form.encoded().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } else if (object instanceof MultipartBody multipart) {
            // The bytes never pass through Feign: XHttpClient streams them from the file (XHttpClient.sending).
            template.header("Content-Type", multipart.contentType());
        } else {
            try {
                template.header("Content-Type", "application/json");
                template.body(XJson.MAPPER.writeValueAsBytes(object), StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new EncodeException("could not write a JSON body: " + e.getOriginalMessage(), e);
            }
        }
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        byte[] body = response.body() == null ? new byte[0] : Util.toByteArray(response.body().asInputStream());
        if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return XJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = XJson.MAPPER.readTree(body);
            if (node == null || !node.isContainerNode()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new DecodeException(response.status(), "X answered " + response.status() + " to "
                    + XProblem.where(response.request()) + " with a body that is not JSON: "
                    + XProblem.excerpt(body), response.request());
        }
    }
}
