package io.dm4j.master.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.proto.http.HttpQuery;
import io.dm4j.proto.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** dm.json describes exactly the operations served, and every reference in it resolves. */
class OpenApiDocumentTest {
    private static TreeSet<String> documented(JsonNode doc) {
        TreeSet<String> ops = new TreeSet<>();
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> ops.add(m.toUpperCase() + " " + p.getKey())));
        return ops;
    }

    @Test
    void everyDocumentedOperationIsServedAndEveryServedOneDocumented() {
        OpenApi api = new OpenApi(null, kind -> new MemoryTexts(), true);
        JsonNode doc = OpenApi.readJson("dm.json");

        assertEquals(documented(doc), new TreeSet<>(api.operations()));
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").asText());
    }

    @Test
    void everySchemaReferenceResolvesAndEveryPathParameterIsDeclared() {
        JsonNode doc = OpenApi.readJson("dm.json");
        List<String> refs = new java.util.ArrayList<>();
        collectRefs(doc, refs);
        assertTrue(refs.size() > 40, "refs: " + refs.size());
        for (String ref : refs) {
            String name = ref.substring("#/components/schemas/".length());
            assertTrue(doc.path("components").path("schemas").has(name), "unresolved " + ref);
        }
        doc.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
            while (m.find()) {
                String param = m.group(1);
                boolean declared = false;
                for (JsonNode x : op.getValue().path("parameters")) {
                    declared |= x.path("name").asText().equals(param) && x.path("in").asText().equals("path");
                }
                assertTrue(declared, op.getKey() + " " + p.getKey() + " does not declare " + param);
            }
        }));
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(x -> collectRefs(x, out));
        }
    }

    @Test
    void documentAndDocsPageAreServed() throws Exception {
        OpenApi api = new OpenApi(null, kind -> new MemoryTexts(), true);

        HttpReply json = api.handle(new HttpQuery("/api/v1/dm.json", Map.of()));
        assertEquals(200, json.status());
        assertEquals(documented(OpenApi.readJson("dm.json")),
                documented(Json.MAPPER.readTree(new String(json.body(), StandardCharsets.UTF_8))));
        HttpReply docs = api.handle(new HttpQuery("/api/v1/docs", Map.of()));
        assertEquals(200, docs.status());
        assertTrue(docs.contentType().startsWith("text/html"));
        assertTrue(new String(docs.body(), StandardCharsets.UTF_8).contains("/api/v1/dm.json"));
    }

    @Test
    void offMeansEveryPathIs404NamingTheKey() throws Exception {
        OpenApi api = new OpenApi(null, kind -> new MemoryTexts(), false);

        for (String path : List.of("/api/v1/sources", "/api/v1/dm.json", "/api/v1/docs")) {
            HttpReply reply = api.handle(new HttpQuery(path, Map.of()));
            assertEquals(404, reply.status(), path);
            JsonNode body = Json.MAPPER.readTree(reply.body());
            assertEquals(49400, body.path("error_code").asInt());
            assertTrue(body.path("error_msg").asText().contains("openapi = true"), body.toString());
        }
    }

    @Test
    void unknownOperationIs404AndWrongMethod405InDmsErrorShape() throws Exception {
        OpenApi api = new OpenApi(null, kind -> new MemoryTexts(), true);

        HttpReply unknown = api.handle(new HttpQuery("/api/v1/nothing", Map.of()));
        assertEquals(404, unknown.status());
        assertEquals(49401, Json.MAPPER.readTree(unknown.body()).path("error_code").asInt());
        HttpReply wrong = api.handle(new HttpQuery("PATCH", "/api/v1/sources", Map.of(), Map.of(), new byte[0]));
        assertEquals(405, wrong.status());
        assertTrue(Json.MAPPER.readTree(wrong.body()).path("error_msg").asText().contains("PATCH /api/v1/sources"));
    }

    @Test
    void writesFromAPageOfAnotherSiteAre403() throws Exception {
        OpenApi api = new OpenApi(null, kind -> new MemoryTexts(), true);
        HttpQuery forged = new HttpQuery("POST", "/api/v1/tasks/t1/stop", Map.of(),
                Map.of("host", "10.0.0.5:8261", "origin", "https://evil.example"), new byte[0]);

        HttpReply reply = api.handle(forged);
        assertEquals(403, reply.status());
        assertEquals(49403, Json.MAPPER.readTree(reply.body()).path("error_code").asInt());
    }
}
