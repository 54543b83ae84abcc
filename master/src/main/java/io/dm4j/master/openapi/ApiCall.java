package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.proto.http.HttpQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One OpenAPI request: the HTTP request, the values of the path's {@code {name}} segments, and helpers to read them. */
record ApiCall(HttpQuery query, Map<String, String> pathParams) {
    ApiCall {
        pathParams = Map.copyOf(pathParams);
    }

    /** A path parameter, e.g. {@code source-name}. */
    String path(String name) {
        return pathParams.get(name);
    }

    /** The JSON body; a missing node when there is none. */
    JsonNode body() {
        String text = query.bodyText().trim();
        if (text.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw OpenApiErrors.BAD_REQUEST.error("the request body of " + query.method() + " " + query.path()
                    + " is not valid JSON: " + e.getMessage());
        }
    }

    /** A boolean query parameter ({@code true}/{@code false}); absent = {@code fallback}. */
    boolean flag(String name, boolean fallback) {
        String v = query.parameter(name, null);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw OpenApiErrors.BAD_REQUEST.error("query parameter `" + name + "` must be true or false, not `" + v + "`");
        }
        return Boolean.parseBoolean(v);
    }

    /** A list query parameter: repeated ({@code ?a=x&a=y}) or comma-separated. */
    List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : query.parameters().getOrDefault(name, List.of())) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }
}
