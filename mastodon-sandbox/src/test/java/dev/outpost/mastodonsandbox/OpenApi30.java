package dev.outpost.mastodonsandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mastodon's description is OpenAPI 3.1; the validator reads 3.1 documents but judges their schemas as 3.0 (a
 * string typed {@code ["string", "null"]} is parsed as JSON). This rewrites the few 3.1 forms it uses into their 3.0
 * equivalents, mechanically: type arrays with null become {@code nullable}, {@code oneOf [X, {type: null}]} becomes
 * {@code allOf [X]} with {@code nullable}, {@code const} becomes a one-value enum,
 * schema {@code examples} arrays and keywords 3.0 lacks ({@code propertyNames}, ...) go.
 */
final class OpenApi30 {
    private OpenApi30() {
    }

    static String convert(Path spec) {
        try {
            JsonNode root = Json.MAPPER.readTree(spec.toFile());
            ((ObjectNode) root).put("openapi", "3.0.3");
            ObjectNode schemas = (ObjectNode) root.path("components").path("schemas");
            rewrite(root, schemas);
            return Json.MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewrite(JsonNode node, ObjectNode schemas) {
        if (node instanceof ObjectNode object) {
            JsonNode type = object.get("type");
            if (type instanceof ArrayNode types) {
                List<String> kept = new ArrayList<>();
                types.forEach(t -> {
                    if (!t.asText().equals("null")) {
                        kept.add(t.asText());
                    }
                });
                if (kept.size() < types.size()) {
                    object.put("nullable", true);
                }
                if (kept.size() == 1) {
                    object.put("type", kept.get(0));
                } else {
                    object.remove("type");
                }
            }
            for (String combiner : List.of("oneOf", "anyOf")) {
                if (object.get(combiner) instanceof ArrayNode options) {
                    ArrayNode real = Json.MAPPER.createArrayNode();
                    options.forEach(o -> {
                        if (!(o.size() == 1 && "null".equals(o.path("type").asText()))) {
                            real.add(o);
                        }
                    });
                    if (real.size() < options.size()) {
                        object.remove(combiner);
                        JsonNode only = real.size() == 1 ? real.get(0) : null;
                        if (only != null && only.has("$ref")) {
                            // the validator honours nullable only beside a type: point at a nullable copy
                            object.put("$ref", nullableCopy(only.get("$ref").asText(), schemas));
                        } else {
                            object.set(real.size() == 1 ? "allOf" : combiner, real);
                            object.put("nullable", true);
                        }
                    }
                }
            }
            // JSON Schema keywords 3.0 does not have; none of them is on an endpoint the sandbox serves
            object.remove(List.of("propertyNames", "prefixItems", "unevaluatedProperties", "contentMediaType"));
            if (object.has("const")) {
                object.set("enum", Json.MAPPER.createArrayNode().add(object.remove("const")));
            }
            if (object.get("examples") instanceof ArrayNode && (object.has("type") || object.has("$ref"))) {
                object.remove("examples");
            }
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(child -> rewrite(child, schemas));
        } else if (node instanceof ArrayNode array) {
            array.forEach(n -> rewrite(n, schemas));
        }
    }

    /** {@code #/components/schemas/X} as a nullable copy {@code X_nullable}, made once. */
    private static String nullableCopy(String ref, ObjectNode schemas) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        String copyName = name + "_nullable";
        if (!schemas.has(copyName)) {
            ObjectNode copy = ((ObjectNode) schemas.get(name)).deepCopy();
            copy.put("nullable", true);
            schemas.set(copyName, copy);
            rewrite(copy, schemas);
        }
        return "#/components/schemas/" + copyName;
    }
}
