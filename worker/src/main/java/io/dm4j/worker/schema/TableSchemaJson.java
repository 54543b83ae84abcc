package io.dm4j.worker.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.errors.SchemaErrors;
import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checkpoint's {@code table_info} form of a {@link TableSchema}: the table id, the CREATE TABLE text, and
 * the columns and keys exactly as tracked, so reading it back gives an equal object without depending on
 * database defaults at read time. A document holding only {@code schema}, {@code table} and
 * {@code createTable} is accepted too (the structure is then parsed from the text).
 */
public final class TableSchemaJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int VERSION = 1;

    private final CreateTableParser parser;

    public TableSchemaJson(CreateTableParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    public String toJson(TableSchema schema) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        root.put("schema", schema.id().schema());
        root.put("table", schema.id().table());
        root.put("createTable", schema.createTable());
        ArrayNode cols = root.putArray("columns");
        for (ColumnDef c : schema.columns()) {
            ObjectNode n = cols.addObject();
            n.put("name", c.name());
            n.put("dataType", c.dataType());
            n.put("columnType", c.columnType());
            n.put("unsigned", c.unsigned());
            n.put("nullable", c.nullable());
            n.put("charset", c.charset());
            n.put("collation", c.collation());
            n.put("length", c.length());
            n.put("precision", c.precision());
            n.put("scale", c.scale());
            n.put("fsp", c.fsp());
            ArrayNode el = n.putArray("elements");
            c.elements().forEach(el::add);
            n.put("generated", c.generated().name());
        }
        ArrayNode keys = root.putArray("keys");
        for (KeyDef k : schema.uniqueKeys()) {
            ObjectNode n = keys.addObject();
            n.put("name", k.name());
            n.put("primary", k.primary());
            ArrayNode kc = n.putArray("columns");
            k.columns().forEach(kc::add);
        }
        ArrayNode partial = root.putArray("partialKeys");
        for (PartialKey k : schema.partialKeys()) {
            ArrayNode parts = partial.addObject().putArray("parts");
            for (PartialKey.Part p : k.parts()) {
                ObjectNode pn = parts.addObject();
                pn.put("column", p.column());
                pn.put("prefix", p.prefix());
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw SchemaErrors.MARSHAL_JSON.wrap(e, schema.id());
        }
    }

    public TableSchema fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw SchemaErrors.INVALID_JSON.wrap(e, "table_info", e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.hasNonNull("schema") || !root.hasNonNull("table")
                || !root.hasNonNull("createTable")) {
            throw SchemaErrors.INVALID_JSON.error("table_info", "schema, table and createTable are required");
        }
        TableId id = new TableId(root.get("schema").asText(), root.get("table").asText());
        String createTable = root.get("createTable").asText();
        if (!root.has("columns")) {
            return parser.parse(id, createTable);
        }
        try {
            List<ColumnDef> columns = new ArrayList<>();
            for (JsonNode n : root.get("columns")) {
                List<String> elements = new ArrayList<>();
                n.get("elements").forEach(e -> elements.add(e.asText()));
                columns.add(new ColumnDef(n.get("name").asText(), n.get("dataType").asText(),
                        n.get("columnType").asText(), n.get("unsigned").asBoolean(), n.get("nullable").asBoolean(),
                        text(n, "charset"), text(n, "collation"), n.get("length").asInt(), n.get("precision").asInt(),
                        n.get("scale").asInt(), n.get("fsp").asInt(), elements,
                        ColumnDef.Generated.valueOf(n.get("generated").asText())));
            }
            List<KeyDef> keys = new ArrayList<>();
            for (JsonNode n : root.get("keys")) {
                List<String> kc = new ArrayList<>();
                n.get("columns").forEach(e -> kc.add(e.asText()));
                keys.add(new KeyDef(n.get("name").asText(), kc, n.get("primary").asBoolean()));
            }
            return new TableSchema(id, columns, keys, createTable, partialKeys(root, id, createTable));
        } catch (RuntimeException e) {
            throw SchemaErrors.INVALID_JSON.wrap(e, id, "columns or keys are malformed");
        }
    }

    /** The stored prefix/expression unique keys; table_info written before they were stored gets them re-read. */
    private List<PartialKey> partialKeys(JsonNode root, TableId id, String createTable) {
        if (!root.has("partialKeys")) {
            try {
                return parser.parse(id, createTable).partialKeys();
            } catch (RuntimeException e) {
                return List.of(); // the columns and keys above were readable; the text alone is not needed
            }
        }
        List<PartialKey> out = new ArrayList<>();
        for (JsonNode n : root.get("partialKeys")) {
            List<PartialKey.Part> parts = new ArrayList<>();
            for (JsonNode p : n.get("parts")) {
                parts.add(new PartialKey.Part(text(p, "column"), p.get("prefix").asInt()));
            }
            out.add(new PartialKey(parts));
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
