package io.dm4j.master.check;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code server_id}: each upstream has a non-zero server_id, no two sources of the task have the same one (the same
 * server twice, or a misconfigured copy), and the source file's {@code server-id} (the id dm4j's binlog connection
 * uses) is not the upstream's own.
 */
final class ServerIdCheck extends PerSourceItem {
    ServerIdCheck() {
        super("server_id", SYNCS);
    }

    @Override
    public void run(CheckContext ctx, Findings out) {
        Map<String, String> seen = new LinkedHashMap<>(); // server_id → first source with it
        for (SourceUnderCheck s : ctx.sources()) {
            guarded(s, out, x -> check(x, seen, out));
        }
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        check(s, new LinkedHashMap<>(), out);
    }

    private void check(SourceUnderCheck s, Map<String, String> seen, Findings out) throws SQLException {
        judge(s.db.variable("server_id").orElse("0").trim(), s.source.sourceId(), s.source.serverId(), s.db.label(),
                seen, out);
    }

    /**
     * The finding for a source whose upstream has {@code id}; {@code seen} maps the server_ids of the task's sources
     * checked before to their source ids (MariaDB refuses server_id 0, MySQL takes it).
     */
    void judge(String id, String sourceId, long ownServerId, String label, Map<String, String> seen, Findings out) {
        if (id.equals("0")) {
            out.fail(name(), label, "server_id is 0: the server cannot serve replicas",
                    "Set a unique non-zero server_id upstream (`SET GLOBAL server_id = N` and in the option file).");
            return;
        }
        String other = seen.putIfAbsent(id, sourceId);
        if (other != null) {
            out.fail(name(), label, "server_id " + id + " is also the server_id of source " + other,
                    "Each source must be its own server with a unique server_id; remove the duplicate source from"
                            + " mysql-instances or give the servers different server_id values.");
            return;
        }
        if (Long.toString(ownServerId).equals(id)) {
            out.fail(name(), label, "the source file's server-id " + id + " is the upstream's own server_id",
                    "Change server-id in the source file of " + sourceId + " (or remove it to let dm4j pick one).");
            return;
        }
        out.success(name(), label, "server_id=" + id);
    }
}
