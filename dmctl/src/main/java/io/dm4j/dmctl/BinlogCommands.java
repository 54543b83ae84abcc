package io.dm4j.dmctl;

import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.proto.message.BinlogOperateRequest;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.SourcesResponse;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dmctl's error-handling commands: {@code binlog}, its older name {@code handle-error}, and {@code binlog-schema}. */
final class BinlogCommands {
    private BinlogCommands() {
    }

    private static final List<String> OPS = List.of("skip", "replace", "inject", "revert", "list");

    /** The -b and -s that binlog and handle-error share. */
    static final class Target {
        @Option(names = {"-b", "--binlog-pos"}, paramLabel = "FILE:POS",
                description = "the event's start position (startLocation in query-status); default: the event that failed")
        String binlogPos = "";

        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "only these sources")
        List<String> sources = new ArrayList<>();
    }

    /** Checks the arguments the way DM's dmctl does, then asks the master. */
    static int send(Commands.Base cmd, String op, String task, Target target, List<String> sqls) {
        String binlogPos = target.binlogPos;
        if (!OPS.contains(op)) {
            throw DmctlErrors.BAD_ARGUMENTS.error("binlog takes skip, replace, inject, revert or list, not `" + op + "`");
        }
        if (task == null || task.isBlank()) {
            throw DmctlErrors.BAD_ARGUMENTS.error("binlog " + op + " needs a task name");
        }
        boolean needsSql = op.equals("replace") || op.equals("inject");
        if (needsSql && sqls.isEmpty()) {
            throw DmctlErrors.BAD_ARGUMENTS.error("binlog " + op + " needs the statements to run, e.g. binlog " + op + " "
                    + task + " -b mysql-bin.000001:2345 \"ALTER TABLE db.t ADD COLUMN c INT\"");
        }
        if (!needsSql && !sqls.isEmpty()) {
            throw DmctlErrors.BAD_ARGUMENTS.error("binlog " + op + " takes no statements, but got " + sqls);
        }
        if (op.equals("inject") && binlogPos.isBlank()) {
            throw DmctlErrors.BAD_ARGUMENTS.error("binlog inject needs -b FILE:POS, the position of the event to run the statements before");
        }
        return MasterCall.run(cmd.g(), MasterMethods.BINLOG,
                new BinlogOperateRequest(op, LocalFiles.taskName(task), binlogPos, target.sources, sqls), SourcesResponse::result, r -> r);
    }

    @Command(name = "binlog", mixinStandardHelpOptions = true,
            description = "Skip, replace or inject around a binlog event, revert or list such operators:"
                    + " binlog skip|replace|inject|revert|list TASK [-b FILE:POS] [-s SOURCE].. [\"SQL; ...\"]")
    static final class Binlog extends Commands.Base {
        @Parameters(index = "0", paramLabel = "skip|replace|inject|revert|list")
        String op;

        @Parameters(index = "1", paramLabel = "TASK-NAME|TASK-FILE")
        String task;

        @Parameters(index = "2..*", paramLabel = "SQL", description = "replace, inject: the statements (separated by ;)")
        List<String> sqls = new ArrayList<>();

        @Mixin
        Target target = new Target();

        @Override
        int run() {
            return send(this, op, task, target, sqls);
        }
    }

    @Command(name = "handle-error", mixinStandardHelpOptions = true,
            description = "Older name of binlog (DM v2): handle-error TASK [-b FILE:POS] [-s SOURCE].. skip|replace|revert [\"SQL; ...\"]")
    static final class HandleError extends Commands.Base {
        @Parameters(index = "0", paramLabel = "TASK-NAME|TASK-FILE")
        String task;

        @Parameters(index = "1", paramLabel = "skip|replace|revert")
        String op;

        @Parameters(index = "2..*", paramLabel = "SQL")
        List<String> sqls = new ArrayList<>();

        @Mixin
        Target target = new Target();

        @Override
        int run() {
            if (!List.of("skip", "replace", "revert").contains(op)) {
                throw DmctlErrors.BAD_ARGUMENTS.error("handle-error takes skip, replace or revert, not `" + op + "`");
            }
            return send(this, op, task, target, sqls);
        }
    }

    @Command(name = "binlog-schema", mixinStandardHelpOptions = true,
            description = "Show, replace or drop the table structure the sync unit decodes rows with (task paused):"
                    + " binlog-schema list|update|delete TASK DB TABLE [SCHEMA-FILE]")
    static final class BinlogSchema extends Commands.Base {
        @Parameters(index = "0", paramLabel = "list|update|delete")
        String op;

        @Parameters(index = "1", paramLabel = "TASK-NAME|TASK-FILE")
        String task;

        @Parameters(index = "2", paramLabel = "DB")
        String database;

        @Parameters(index = "3", paramLabel = "TABLE")
        String table;

        @Parameters(index = "4", arity = "0..1", paramLabel = "SCHEMA-FILE", description = "update: a file with the CREATE TABLE statement")
        String schemaFile;

        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "only these sources")
        List<String> sources = new ArrayList<>();

        @Option(names = "--flush", arity = "0..1", defaultValue = "true", description = "update: store it in the checkpoint at once (always done)")
        boolean flush;

        @Option(names = "--sync", arity = "0..1", defaultValue = "true", description = "update: re-register with the master (shard mode only; no effect)")
        boolean sync;

        @Option(names = "--from-source", description = "update: take the current structure of the upstream table")
        boolean fromSource;

        @Option(names = "--from-target", description = "update: take the current structure of the downstream table")
        boolean fromTarget;

        @Override
        int run() {
            if (!List.of("list", "update", "delete").contains(op)) {
                throw DmctlErrors.BAD_ARGUMENTS.error("binlog-schema takes list, update or delete, not `" + op + "`");
            }
            boolean update = op.equals("update");
            int givenSources = (schemaFile != null ? 1 : 0) + (fromSource ? 1 : 0) + (fromTarget ? 1 : 0);
            if (update && givenSources != 1) {
                throw DmctlErrors.BAD_ARGUMENTS.error("binlog-schema update needs exactly one of SCHEMA-FILE, --from-source and --from-target");
            }
            if (!update && (givenSources != 0)) {
                throw DmctlErrors.BAD_ARGUMENTS.error("binlog-schema " + op + " takes no schema file, --from-source or --from-target");
            }
            String schema = schemaFile == null ? "" : LocalFiles.read(schemaFile);
            return MasterCall.run(g(), MasterMethods.BINLOG_SCHEMA, new BinlogSchemaRequest(op, LocalFiles.taskName(task), sources,
                    database, table, schema, flush, sync, fromSource, fromTarget), SourcesResponse::result, r -> r);
        }
    }
}
