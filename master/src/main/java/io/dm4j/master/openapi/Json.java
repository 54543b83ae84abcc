package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dm4j.common.errors.OpenApiErrors;
import java.util.Collection;

/** The JSON (and YAML, for the files built from JSON) mappers of the OpenAPI and small node helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array(Collection<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /** {@code {"total": n, "data": [...]}}, DM's list answer. */
    static ObjectNode list(ArrayNode data) {
        ObjectNode o = object();
        o.put("total", data.size());
        o.set("data", data);
        return o;
    }

    /** A required text field of a request object. */
    static String requiredText(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw OpenApiErrors.BAD_REQUEST.error(where + " needs the text field `" + field + "`");
        }
        return v.asText();
    }

    /** A text field, or {@code fallback} when absent or null. */
    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? fallback : v.asText();
    }

    /** The text items of an array field (absent = empty). */
    static java.util.List<String> texts(JsonNode node, String field) {
        java.util.List<String> out = new java.util.ArrayList<>();
        node.path(field).forEach(x -> out.add(x.asText()));
        return out;
    }

    /** Writes a tree as a YAML document (for the source and task files built from OpenAPI requests). */
    static String yaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }
}
