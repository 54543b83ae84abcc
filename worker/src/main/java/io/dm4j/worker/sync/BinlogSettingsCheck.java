package io.dm4j.worker.sync;

import io.dm4j.common.errors.BinlogEventErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.worker.db.Upstream;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The upstream settings row-based replication needs: binary logging on, {@code binlog_format=ROW} and
 * {@code binlog_row_image=FULL}, and no {@code binlog_row_value_options=PARTIAL_JSON}. Anything else would lose or
 * misapply changes, so it stops the unit at start.
 */
final class BinlogSettingsCheck {
    private BinlogSettingsCheck() {
    }

    static void require(Upstream upstream) throws SQLException {
        require(name -> {
            try {
                return upstream.variable(name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** @param variables the upstream's global variables by name */
    static void require(Function<String, Optional<String>> variables) {
        check(variables, "log_bin", "ON", "log_bin=ON");
        check(variables, "binlog_format", "ROW", "binlog_format=ROW");
        check(variables, "binlog_row_image", "FULL", "binlog_row_image=FULL");
        refusePartialJson(variables);
    }

    /** MySQL 8 can log only the changed parts of JSON values; such rows cannot be rebuilt (MariaDB lacks the variable). */
    private static void refusePartialJson(Function<String, Optional<String>> variables) {
        String options = variables.apply("binlog_row_value_options").orElse("");
        if (options.toUpperCase(Locale.ROOT).contains("PARTIAL_JSON")) {
            throw BinlogEventErrors.PARTIAL_JSON.error("binlog_row_value_options=" + options,
                    "updates of JSON columns would be logged as PARTIAL_UPDATE_ROWS_EVENT, which cannot be replicated");
        }
    }

    private static void check(Function<String, Optional<String>> variables, String name, String wanted, String set) {
        Optional<String> value = variables.apply(name);
        // binlog_row_image does not exist before MySQL 5.6 / MariaDB 10.1: those always log full images.
        if (value.isEmpty() && name.equals("binlog_row_image")) {
            return;
        }
        String v = value.orElse("(not set)");
        boolean ok = v.equalsIgnoreCase(wanted) || name.equals("log_bin") && v.equals("1");
        if (!ok) {
            DmException e = StreamErrors.BINLOG_FORMAT.error(name, v.toUpperCase(Locale.ROOT), wanted);
            throw e.withWorkaround(e.workaround().replace("%s", set));
        }
    }
}
