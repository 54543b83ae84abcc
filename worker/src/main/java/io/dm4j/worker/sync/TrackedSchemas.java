package io.dm4j.worker.sync;

import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.model.TableId;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.schema.SchemaTracker;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.checkpoint.CheckpointStore;
import io.dm4j.worker.sync.checkpoint.SyncCheckpoint;
import io.dm4j.worker.sync.checkpoint.TablePoint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code binlog-schema list|update|delete}: the structures a paused sync unit decodes rows with. An update is stored
 * in the table's checkpoint row at once (at the stored global point), so the next start reads it back.
 */
public final class TrackedSchemas {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedSchemas.class);

    private final String task;
    private final String sourceId;
    private final SchemaTracker tracker;
    private final CheckpointStore store;
    private final Upstream upstream;
    private final Downstream downstream;
    private final TableSelection selection;

    TrackedSchemas(String task, String sourceId, SchemaTracker tracker, CheckpointStore store, Upstream upstream,
                   Downstream downstream, TableSelection selection) {
        this.task = task;
        this.sourceId = sourceId;
        this.tracker = tracker;
        this.store = store;
        this.upstream = upstream;
        this.downstream = downstream;
        this.selection = selection;
    }

    /** The tracked CREATE TABLE of an upstream table. */
    public String show(TableId table) {
        TableSchema s = tracker.get(table);
        if (s == null) {
            throw BinlogOpErrors.SCHEMA_NOT_TRACKED.error(table, task, sourceId);
        }
        return s.createTable();
    }

    /**
     * Replaces the tracked structure of {@code table}: with {@code createTable}, or read now from the upstream table
     * ({@code fromSource}) or from its downstream table after routing ({@code fromTarget}).
     */
    public String update(TableId table, String createTable, boolean fromSource, boolean fromTarget) {
        String text = fromSource ? showCreate(table, true) : fromTarget ? showCreate(selection.route(table), false) : createTable;
        if (text == null || text.isBlank()) {
            throw BinlogOpErrors.SCHEMA_BAD_STATEMENT.error(table, "no schema file, --from-source or --from-target given");
        }
        TableSchema schema;
        try {
            schema = tracker.parser().parse(table, text.strip(), tracker.databaseDefault(table.schema()));
        } catch (DmException | IllegalArgumentException e) {
            throw BinlogOpErrors.SCHEMA_BAD_STATEMENT.wrap(e, table, e.getMessage());
        }
        SyncCheckpoint cp = store.load(sourceId).orElse(null);
        if (cp == null || cp.global() == null) {
            throw BinlogOpErrors.SCHEMA_NO_SYNC.error(task, sourceId);
        }
        tracker.put(schema);
        store.flush(sourceId, cp.global(), cp.exitSafe(), Map.of(table, new TablePoint(cp.global(), tracker.toJson(schema))));
        LOG.info("task {} source {}: tracked structure of {} replaced by binlog-schema update ({} columns)", task, sourceId,
                table, schema.columns().size());
        return schema.createTable();
    }

    /** Forgets the tracked structure; the next rows event of the table loads it from the upstream. */
    public void delete(TableId table) {
        if (tracker.remove(table) == null) {
            throw BinlogOpErrors.SCHEMA_NOT_TRACKED.error(table, task, sourceId);
        }
        store.removeTable(sourceId, table);
        LOG.info("task {} source {}: tracked structure of {} deleted by binlog-schema delete", task, sourceId, table);
    }

    private String showCreate(TableId table, boolean fromUpstream) {
        try (Connection c = fromUpstream ? upstream.connect() : downstream.connection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + table.quoted())) {
            if (!rs.next()) {
                throw BinlogOpErrors.SCHEMA_BAD_STATEMENT.error(table, "SHOW CREATE TABLE returned nothing");
            }
            return rs.getString(2);
        } catch (SQLException e) {
            throw BinlogOpErrors.SCHEMA_BAD_STATEMENT.wrap(e, table, "cannot read it from the "
                    + (fromUpstream ? "upstream" : "downstream") + ": " + e.getMessage());
        }
    }
}
