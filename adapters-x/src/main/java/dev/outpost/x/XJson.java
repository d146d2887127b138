package dev.outpost.x;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** One tolerant JSON mapper for X's answers, and reading them with or without the {@code data} wrapper. */
final class XJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private XJson() {
    }

    /** The payload: {@code data} when the answer wraps it, else the answer itself. */
    static JsonNode data(JsonNode answer) {
        JsonNode data = answer.path("data");
        return data.isMissingNode() || data.isNull() ? answer : data;
    }

    /** A text field, or null when absent; numbers are accepted as text (X sends ids as strings, some clients not). */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
