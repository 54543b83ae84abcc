package io.dm4j.proto.message;

import java.util.List;

/**
 * {@code binlog-schema list|update|delete TASK DB TABLE [schema-file] [-s SOURCE].. [--flush] [--sync]
 * [--from-source|--from-target]} (DM's OperateSchema).
 *
 * @param schema     update: the CREATE TABLE text read from the schema file by dmctl ("" with --from-source/--from-target)
 * @param flush      update: store the structure in the checkpoint at once (dm4j always does; kept for DM)
 * @param sync       update: DM's optimistic shard re-registration; accepted, no effect without shard mode
 */
public record BinlogSchemaRequest(String op, String task, List<String> sources, String database, String table,
                                  String schema, boolean flush, boolean sync, boolean fromSource, boolean fromTarget) {
    public BinlogSchemaRequest {
        op = op == null ? "" : op;
        task = task == null ? "" : task;
        sources = sources == null ? List.of() : List.copyOf(sources);
        database = database == null ? "" : database;
        table = table == null ? "" : table;
        schema = schema == null ? "" : schema;
    }

    /** The same request aimed at one source. */
    public BinlogSchemaRequest forSource(String source) {
        return new BinlogSchemaRequest(op, task, List.of(source), database, table, schema, flush, sync, fromSource, fromTarget);
    }
}
