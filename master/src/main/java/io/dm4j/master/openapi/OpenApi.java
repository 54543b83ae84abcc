package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.master.http.JarFiles;
import io.dm4j.master.http.SameOrigin;
import io.dm4j.master.server.MasterService;
import io.dm4j.proto.http.HttpEndpoint;
import io.dm4j.proto.http.HttpQuery;
import io.dm4j.proto.http.HttpReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * DM's OpenAPI under {@code /api/v1} on the master's port, when {@code openapi = true}; otherwise every path there
 * answers 404 naming the key. The OpenAPI document ({@code dm.json}) describes exactly the operations registered
 * here (a test holds the two together); {@code /api/v1/docs} renders it.
 */
public final class OpenApi implements HttpEndpoint {
    /** The prefix served, as registered with the RPC server. */
    public static final String PATHS = "/api/v1/*";
    static final String DOCUMENT = "/api/v1/dm.json";
    static final String DOCS = "/api/v1/docs";

    private final boolean enabled;
    private final ApiRouter router = new ApiRouter();

    /** @param stored where created tasks and templates are kept, by kind ({@link StoredTexts#TASKS}, {@code TEMPLATES}) */
    OpenApi(MasterService master, Function<String, StoredTexts> stored, boolean enabled) {
        this.enabled = enabled;
        StoredTexts tasks = stored.apply(StoredTexts.TASKS);
        StoredTexts templates = stored.apply(StoredTexts.TEMPLATES);
        JsonNode document = readJson("dm.json");
        HttpReply docs = new HttpReply(200, "text/html; charset=utf-8", resource("docs.html"));
        router.add("GET", DOCUMENT, c -> ApiReply.ok(document))
                .add("GET", DOCS, c -> ApiReply.raw(docs));
        new SourceApi(master).register(router);
        new TemplateApi(master, templates).register(router);
        new TaskApi(master, tasks).register(router);
        new ClusterApi(master).register(router);
        new ClusterInfoApi(stored.apply(StoredTexts.CLUSTER)).register(router);
        new ConverterApi(master).register(router);
        new TableStructureApi(master).register(router);
    }

    /** The OpenAPI of {@code master}; {@code enabled} is dm-master.toml's {@code openapi}. */
    public static OpenApi of(MasterService master, Function<String, StoredTexts> stored, boolean enabled) {
        return new OpenApi(master, stored, enabled);
    }

    @Override
    public HttpReply handle(HttpQuery query) {
        if (!enabled) {
            return ApiReply.error(404, OpenApiErrors.DISABLED.error("openapi = false; " + query.method() + " " + query.path()
                    + " is not served")).toHttp();
        }
        boolean write = !query.method().equals("GET") && !query.method().equals("HEAD");
        if (write && SameOrigin.crossOrigin(query)) {
            return ApiReply.error(403, OpenApiErrors.CROSS_ORIGIN.error(query.method(), query.path(),
                    query.headers().get("origin"))).toHttp();
        }
        return router.dispatch(query).toHttp();
    }

    @Override
    public boolean acceptsWrites() {
        return true;
    }

    /** Every operation served, as {@code "METHOD /path/{param}"}. */
    List<String> operations() {
        return router.routes().stream().map(r -> r.method() + " " + r.template()).toList();
    }

    static byte[] resource(String name) {
        return JarFiles.read(OpenApi.class, name);
    }

    static JsonNode readJson(String name) {
        try {
            return Json.MAPPER.readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
