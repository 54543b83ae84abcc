package io.dm4j.master.check;

import java.sql.SQLException;

/**
 * {@code max_allowed_packet} (dm4j's own item): a warning when the downstream accepts smaller packets than the
 * upstream, since a row or statement the upstream took may then be refused downstream.
 */
final class MaxAllowedPacketCheck extends PerSourceItem {
    MaxAllowedPacketCheck() {
        super("max_allowed_packet", ALWAYS);
    }

    @Override
    void check(SourceUnderCheck s, CheckContext ctx, Findings out) throws SQLException {
        long up = Long.parseLong(s.db.variable("max_allowed_packet").orElse("0"));
        long down = Long.parseLong(ctx.target().variable("max_allowed_packet").orElse("0"));
        if (down >= up) {
            out.success(name(), s.db.label(), "downstream max_allowed_packet " + down + " >= upstream " + up);
        } else {
            out.warn(name(), s.db.label(), "downstream max_allowed_packet " + down + " is smaller than upstream " + up,
                    "Run `SET GLOBAL max_allowed_packet = " + up + "` on " + ctx.target().label() + " (and in its option file).");
        }
    }
}
