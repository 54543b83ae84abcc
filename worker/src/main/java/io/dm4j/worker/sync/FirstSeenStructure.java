package io.dm4j.worker.sync;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.dm4j.common.errors.DecodeErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.errors.SyncErrors;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.schema.SchemaTracker;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.decode.RowDecoder;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structure of a table whose rows reach the unit before any structure of it is tracked: after an incremental
 * start from {@code meta} or {@code --start-time}, the upstream's current structure may be newer than the rows.
 *
 * <p>Candidates, in DM's order: the downstream table the source table is routed to (it has not seen the upstream's
 * later DDL yet), then the upstream's current structure. The first one the TABLE_MAP agrees with (column count,
 * binlog types, and column names when the upstream writes {@code binlog_row_metadata=FULL}) is tracked. When none
 * fits, the unit stops with {@link SyncErrors#FIRST_SEEN_STRUCTURE}, naming {@code binlog-schema update}.
 */
final class FirstSeenStructure {
    private static final Logger LOG = LoggerFactory.getLogger(FirstSeenStructure.class);
    /** Decoder verdicts that mean "these rows were not written with this structure". */
    private static final Set<ErrorCode> MISFITS = Set.of(DecodeErrors.COLUMN_COUNT_MISMATCH,
            DecodeErrors.COLUMN_NAME_MISMATCH, DecodeErrors.TYPE_MISMATCH);

    private final SchemaTracker tracker;
    private final RowDecoder decoder;
    private final TableSelection selection;
    private final Upstream upstream;
    private final Downstream downstream;

    FirstSeenStructure(SchemaTracker tracker, RowDecoder decoder, TableSelection selection, Upstream upstream,
                       Downstream downstream) {
        this.tracker = tracker;
        this.decoder = decoder;
        this.selection = selection;
        this.upstream = upstream;
        this.downstream = downstream;
    }

    /** Tracks and returns the structure that fits {@code tableMap}; {@code near} names the binlog place for errors. */
    TableSchema resolve(TableId table, TableMapEventData tableMap, Supplier<String> near) {
        // Read first in any case: it also records the upstream database's default charset for later CREATE TABLEs.
        TableSchema current = null;
        String upstreamVerdict;
        try (Connection c = upstream.connect()) {
            current = tracker.readStructure(c, table, table);
            upstreamVerdict = null;
        } catch (SQLException | DmException e) {
            upstreamVerdict = "cannot be read (" + reason(e) + ")";
        }
        TableId target = selection.route(table);
        String downstreamVerdict;
        if (!selection.extract(table).columns().isEmpty()) {
            downstreamVerdict = "not comparable (extract-* columns are added to it)";
        } else {
            TableSchema s = null;
            try (Connection c = downstream.dataSource().getConnection()) {
                s = tracker.readStructure(c, target, table);
                downstreamVerdict = null;
            } catch (SQLException | DmException e) {
                downstreamVerdict = "cannot be read (" + reason(e) + ")";
            }
            if (s != null) {
                downstreamVerdict = misfit(tableMap, s);
                if (downstreamVerdict == null) {
                    return track(s, "the downstream table " + target);
                }
            }
        }
        if (current != null) {
            upstreamVerdict = misfit(tableMap, current);
            if (upstreamVerdict == null) {
                return track(current, "the upstream's current structure (downstream table " + target + ": "
                        + downstreamVerdict + ")");
            }
        }
        throw SyncErrors.FIRST_SEEN_STRUCTURE.error(table, near.get(), target, downstreamVerdict, upstreamVerdict);
    }

    /** Null when the rows of {@code tableMap} decode with {@code s}, else why not. */
    private String misfit(TableMapEventData tableMap, TableSchema s) {
        try {
            decoder.layout(tableMap, s);
            return null;
        } catch (DmException e) {
            if (MISFITS.contains(e.code())) {
                return e.detail();
            }
            throw e;
        }
    }

    private static String reason(Exception e) {
        if (e instanceof DmException d) {
            return d.rawCause().isEmpty() ? d.detail() : d.detail() + ": " + d.rawCause();
        }
        return e.getMessage();
    }

    private TableSchema track(TableSchema s, String from) {
        tracker.put(s);
        LOG.info("task {}: table {} first seen in the binlog; its rows fit {}, which is now tracked ({} columns)",
                tracker.task(), s.id(), from, s.columns().size());
        return s;
    }
}
