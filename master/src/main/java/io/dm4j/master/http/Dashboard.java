package io.dm4j.master.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.errors.DmException;
import io.dm4j.master.server.MasterService;
import io.dm4j.proto.http.HttpEndpoint;
import io.dm4j.proto.http.HttpQuery;
import io.dm4j.proto.http.HttpReply;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard at {@code /dashboard}: a static page (HTML, JS and CSS from the jar, no build step, nothing
 * fetched from elsewhere) that polls {@code /dashboard/api/overview} and pauses or resumes a task with
 * {@code POST /dashboard/api/tasks/{task}/pause|resume} (pause-task/resume-task). Served whatever {@code openapi}
 * says, since it needs no more than dmctl's access; a write coming from another web origin is refused, so a page
 * elsewhere cannot make an operator's browser pause tasks.
 */
public final class Dashboard implements HttpEndpoint {
    /** The prefix served, as registered with the RPC server. */
    public static final String PATHS = "/dashboard/*";
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final Pattern OPERATE = Pattern.compile("/dashboard/api/tasks/([^/]+)/(pause|resume)");
    private static final Map<String, String> FILES = Map.of(
            "/dashboard", "index.html", "/dashboard/", "index.html", "/dashboard/index.html", "index.html",
            "/dashboard/dashboard.js", "dashboard.js", "/dashboard/dashboard.css", "dashboard.css");

    private final MasterService master;
    private final ObjectMapper json = new ObjectMapper();
    private final Overview overview;

    public Dashboard(MasterService master) {
        this.master = master;
        this.overview = new Overview(master, json);
    }

    @Override
    public boolean acceptsWrites() {
        return true;
    }

    @Override
    public HttpReply handle(HttpQuery q) throws IOException {
        boolean read = q.method().equals("GET") || q.method().equals("HEAD");
        String file = FILES.get(q.path());
        if (read && file != null) {
            return new HttpReply(200, contentType(file), JarFiles.read(Dashboard.class, file));
        }
        if (read && q.path().equals("/dashboard/api/overview")) {
            return HttpReply.json(json.writeValueAsString(overview.build()));
        }
        Matcher m = OPERATE.matcher(q.path());
        if (m.matches()) {
            if (!q.method().equals("POST")) {
                return HttpReply.text(405, q.method() + " is not allowed on " + q.path() + "; use POST\n");
            }
            if (SameOrigin.crossOrigin(q)) {
                return HttpReply.text(403, "refused: the request comes from another web origin (" + q.headers().get("origin") + ")\n");
            }
            return operate(m.group(1), m.group(2));
        }
        return HttpReply.text(404, "no such dashboard path " + q.path() + "; the dashboard is at /dashboard\n");
    }

    private HttpReply operate(String task, String op) throws IOException {
        String dmOp = op.equals("pause") ? "Pause" : "Resume";
        try {
            OperateTaskResponse r = master.operateTask(new OperateTaskRequest(dmOp, task, List.of()));
            LOG.info("dashboard: {} of task {}: {}", dmOp, task, r.result() ? "done" : "refused");
            return new HttpReply(r.result() ? 200 : 400, HttpReply.JSON, json.writeValueAsBytes(r));
        } catch (DmException e) {
            return new HttpReply(400, HttpReply.JSON, json.writeValueAsBytes(Map.of("result", false, "msg", e.getMessage())));
        }
    }

    private static String contentType(String file) {
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    }
}
