package io.dm4j.master.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code replication_privilege}: the source user holds REPLICATION SLAVE (to read the binlog) and REPLICATION
 * CLIENT (MariaDB: BINLOG MONITOR; to read the binlog position) on {@code *.*}.
 */
final class ReplicationPrivilegeCheck extends PerSourceItem {
    private static final List<String> NEEDED = List.of("REPLICATION SLAVE", "REPLICATION CLIENT");

    ReplicationPrivilegeCheck() {
        super("replication_privilege", SYNCS);
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        Grants grants = s.db.grants();
        List<String> missing = new ArrayList<>();
        for (String p : NEEDED) {
            if (!grants.hasGlobal(p)) {
                missing.add(p);
            }
        }
        String user = s.db.user();
        if (missing.isEmpty()) {
            out.success(name(), s.db.label(), "user `" + user + "` has " + String.join(", ", NEEDED));
        } else {
            out.fail(name(), s.db.label(), "user `" + user + "` lacks " + String.join(", ", missing) + " on *.*",
                    "Run `GRANT " + String.join(", ", missing) + " ON *.* TO` the user `" + user + "` upstream.");
        }
    }
}
