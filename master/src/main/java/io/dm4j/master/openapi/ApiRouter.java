package io.dm4j.master.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.OpenApiErrors;
import io.dm4j.proto.http.HttpQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps {@code METHOD /path/{param}/...} templates to operations. A literal segment wins over a parameter (so
 * {@code /tasks/templates} is not the task named "templates"). Every {@link DmException} becomes DM's error answer:
 * 400, or 404 when the operation says the thing asked for does not exist.
 */
final class ApiRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    @FunctionalInterface
    interface Operation {
        ApiReply run(ApiCall call);
    }

    record Route(String method, String template, Operation operation) {
        List<String> segments() {
            return List.of(template.substring(1).split("/"));
        }

        /** Path parameters when {@code path} fits this template, else null. */
        Map<String, String> match(List<String> path) {
            List<String> segs = segments();
            if (segs.size() != path.size()) {
                return null;
            }
            Map<String, String> params = new HashMap<>();
            for (int i = 0; i < segs.size(); i++) {
                String s = segs.get(i);
                if (s.startsWith("{") && s.endsWith("}")) {
                    if (path.get(i).isEmpty()) {
                        return null;
                    }
                    params.put(s.substring(1, s.length() - 1), path.get(i));
                } else if (!s.equals(path.get(i))) {
                    return null;
                }
            }
            return params;
        }

        /** Literal segments count more, so the most specific template wins. */
        int literals() {
            return (int) segments().stream().filter(s -> !s.startsWith("{")).count();
        }
    }

    private final List<Route> routes = new ArrayList<>();

    ApiRouter add(String method, String template, Operation op) {
        routes.add(new Route(method, template, op));
        return this;
    }

    List<Route> routes() {
        return List.copyOf(routes);
    }

    ApiReply dispatch(HttpQuery query) {
        List<String> path = List.of(query.path().substring(1).split("/", -1));
        String method = query.method().equals("HEAD") ? "GET" : query.method();
        Route best = null;
        Map<String, String> params = null;
        boolean pathKnown = false;
        for (Route r : routes) {
            Map<String, String> p = r.match(path);
            if (p == null) {
                continue;
            }
            pathKnown = true;
            if (r.method().equals(method) && (best == null || r.literals() > best.literals())) {
                best = r;
                params = p;
            }
        }
        if (best == null) {
            DmException e = OpenApiErrors.NO_SUCH_OPERATION.error(query.method(), query.path());
            return ApiReply.error(pathKnown ? 405 : 404, e);
        }
        try {
            return best.operation().run(new ApiCall(query, params));
        } catch (NotFound e) {
            return ApiReply.error(404, e.error);
        } catch (Failed e) {
            LOG.info("OpenAPI {} {} failed: {}", query.method(), query.path(), e.getMessage());
            ObjectNode body = Json.object();
            body.put("error_code", e.code);
            body.put("error_msg", e.getMessage());
            return new ApiReply(400, body);
        } catch (DmException e) {
            LOG.info("OpenAPI {} {} refused: {}", query.method(), query.path(), e.getMessage());
            return ApiReply.error(400, e);
        }
    }

    /**
     * A master operation answered "not done" for a source with a message that already carries its DM error header
     * ({@code [code=30042:class=...], Message: ...}): answered with that code and message as they are.
     */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("\\[code=(\\d+):");
        final int code;

        private Failed(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        /** The message's own error when it has a DM error header, else {@code fallback}. */
        static RuntimeException of(String message, DmException fallback) {
            java.util.regex.Matcher m = HEADER.matcher(message);
            return m.find() ? new Failed(Integer.parseInt(m.group(1)), message) : fallback;
        }
    }

    /** Thrown by an operation when what the path names does not exist: answered 404 (DM's spec for GET of one item). */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient DmException error;

        NotFound(DmException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }
}
