package io.dm4j.master.check;

import io.dm4j.common.model.TableId;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code dump_privilege}: the source user may SELECT every selected table, and has what the dump's consistency
 * needs: RELOAD for {@code flush} (FLUSH TABLES WITH READ LOCK), LOCK TABLES for {@code lock}. With {@code auto}
 * a missing RELOAD is a warning, since the dump then cannot fall back to the global read lock.
 */
final class DumpPrivilegeCheck extends PerSourceItem {
    DumpPrivilegeCheck() {
        super("dump_privilege", DUMPS);
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        Grants grants = s.db.grants();
        String user = s.db.user();
        List<String> missing = new ArrayList<>();
        List<TableId> noSelect = s.tables().stream().map(TableInfo::id).filter(t -> !grants.has("SELECT", t)).toList();
        if (!noSelect.isEmpty()) {
            missing.add("SELECT on " + Items.some(noSelect));
        }
        String consistency = s.subTask.mydumper().consistency().orElse("auto").toLowerCase(Locale.ROOT);
        if (consistency.equals("flush") && !grants.hasGlobal("RELOAD")) {
            missing.add("RELOAD (consistency flush)");
        }
        if (consistency.equals("lock") && s.tables().stream().anyMatch(t -> !grants.has("LOCK TABLES", t.id()))) {
            missing.add("LOCK TABLES (consistency lock)");
        }
        if (!missing.isEmpty()) {
            out.fail(name(), s.db.label(), "user `" + user + "` lacks " + String.join(", ", missing),
                    "GRANT " + Items.privilegeNames(missing) + " ON *.* TO the user `" + user + "` upstream (or on the"
                            + " selected schemas), then run check-task again.");
        } else if (consistency.equals("auto") && !grants.hasGlobal("RELOAD")) {
            out.warn(name(), s.db.label(), "user `" + user + "` lacks RELOAD: the dump cannot use FLUSH TABLES WITH READ LOCK",
                    "GRANT RELOAD ON *.* to the user, or set `--consistency snapshot` in mydumpers.extra-args.");
        } else {
            out.success(name(), s.db.label(), "user `" + user + "` may dump " + s.tables().size() + " table(s)");
        }
    }
}
