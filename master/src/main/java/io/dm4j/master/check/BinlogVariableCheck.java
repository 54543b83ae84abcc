package io.dm4j.master.check;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code binlog_enable}, {@code binlog_format}, {@code binlog_row_image}: the upstream settings row-based
 * replication needs. Anything else loses or misapplies changes, so each is a failure.
 */
final class BinlogVariableCheck extends PerSourceItem {
    private final String variable;
    private final List<String> accepted;

    private BinlogVariableCheck(String item, String variable, List<String> accepted) {
        super(item, SYNCS);
        this.variable = variable;
        this.accepted = accepted;
    }

    static List<CheckItem> all() {
        return List.of(new BinlogVariableCheck("binlog_enable", "log_bin", List.of("ON", "1")),
                new BinlogVariableCheck("binlog_format", "binlog_format", List.of("ROW")),
                new BinlogVariableCheck("binlog_row_image", "binlog_row_image", List.of("FULL")));
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        Optional<String> value = s.db.variable(variable);
        if (value.isEmpty() && variable.equals("binlog_row_image")) {
            out.success(name(), s.db.label(), "no binlog_row_image (MySQL before 5.6 / MariaDB before 10.1 log full rows)");
            return;
        }
        String v = value.orElse("(not set)").toUpperCase(Locale.ROOT);
        if (accepted.contains(v)) {
            out.success(name(), s.db.label(), variable + "=" + v);
        } else if (variable.equals("log_bin")) {
            out.fail(name(), s.db.label(), "binary logging is off (log_bin=" + v + ")",
                    "Start the upstream server with log-bin (and a server-id), then run check-task again.");
        } else {
            out.fail(name(), s.db.label(), variable + " is " + v + ", row replication needs " + accepted.get(0),
                    "Run `SET GLOBAL " + variable + " = '" + accepted.get(0) + "'` upstream and set it in the server's"
                            + " option file; sessions opened before keep the old value.");
        }
    }
}
