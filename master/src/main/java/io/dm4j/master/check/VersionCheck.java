package io.dm4j.master.check;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code version}: MySQL 5.6.0 up to (not including) 8.5.0, or MariaDB 10.1.2 and later, as DM supports. */
final class VersionCheck extends PerSourceItem {
    private static final Pattern NUMBERS = Pattern.compile("^(?:5\\.5\\.5-)?(\\d+)\\.(\\d+)\\.(\\d+)");

    VersionCheck() {
        super("version", ALWAYS);
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        judge(s.db.version(), s.db.isMariaDb(), s.db.label(), out);
    }

    /** The finding for a server reporting {@code version} (MariaDB when {@code maria}). */
    void judge(String version, boolean maria, String label, Findings out) {
        Matcher m = NUMBERS.matcher(version);
        if (!m.find()) {
            out.warn(name(), label, "version `" + version + "` not understood",
                    "Check that the source is MySQL 5.6-8.4 or MariaDB 10.1.2 or later.");
            return;
        }
        int v = Integer.parseInt(m.group(1)) * 10_000 + Integer.parseInt(m.group(2)) * 100 + Integer.parseInt(m.group(3));
        boolean ok = maria ? v >= 100_102 : v >= 50_600 && v < 80_500;
        if (ok) {
            out.success(name(), label, (maria ? "MariaDB " : "MySQL ") + version);
        } else {
            out.warn(name(), label, "version " + version + " is outside the supported range",
                    maria ? "Use MariaDB 10.1.2 or later." : "Use MySQL 5.6.0 up to 8.4.");
        }
    }
}
