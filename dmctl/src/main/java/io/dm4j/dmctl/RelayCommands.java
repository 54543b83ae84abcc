package io.dm4j.dmctl;

import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OperateRelayRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.proto.message.SourcesResponse;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** dmctl's relay log commands: start-relay, stop-relay, pause-relay, resume-relay and purge-relay, flagged as DM's. */
final class RelayCommands {
    private RelayCommands() {
    }

    /** The four stage commands: -s sources, and for start/stop DM's deprecated worker names. */
    abstract static class StageOp extends Commands.Base {
        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "the source(s)")
        List<String> sources = new ArrayList<>();

        abstract String op();

        abstract String name();

        List<String> workers() {
            return List.of();
        }

        @Override
        int run() {
            if (sources.isEmpty()) {
                throw DmctlErrors.BAD_ARGUMENTS.error(name() + " must specify at least one source (`-s` / `--source`), e.g. "
                        + name() + " -s mysql-replica-01");
            }
            if (!workers().isEmpty() && sources.size() != 1) {
                throw DmctlErrors.BAD_ARGUMENTS.error(name() + " with worker names must specify exactly one source (`-s` / `--source`),"
                        + " not " + sources);
            }
            return MasterCall.run(g(), MasterMethods.OPERATE_RELAY, new OperateRelayRequest(op(), sources, workers()),
                    OperateTaskResponse::result, r -> r);
        }
    }

    /** start-relay and stop-relay take worker names after the source (deprecated in DM, accepted for compatibility). */
    abstract static class OnOff extends StageOp {
        @Parameters(arity = "0..*", paramLabel = "WORKER", description = "deprecated: the worker(s) that pull the relay log;"
                + " must be the worker serving the source")
        List<String> workerNames = new ArrayList<>();

        @Override
        List<String> workers() {
            return workerNames;
        }
    }

    @Command(name = "start-relay", mixinStandardHelpOptions = true,
            description = "Start the relay log of a source (the worker serving it keeps a local copy of the upstream binlog): start-relay -s SOURCE")
    static final class StartRelay extends OnOff {
        @Override
        String op() {
            return "StartRelay";
        }

        @Override
        String name() {
            return "start-relay";
        }
    }

    @Command(name = "stop-relay", mixinStandardHelpOptions = true,
            description = "Stop the relay log of a source (subtasks read the upstream again; relay files stay): stop-relay -s SOURCE")
    static final class StopRelay extends OnOff {
        @Override
        String op() {
            return "StopRelay";
        }

        @Override
        String name() {
            return "stop-relay";
        }
    }

    @Command(name = "pause-relay", mixinStandardHelpOptions = true, description = "Pause pulling the relay log: pause-relay -s SOURCE..")
    static final class PauseRelay extends StageOp {
        @Override
        String op() {
            return "PauseRelay";
        }

        @Override
        String name() {
            return "pause-relay";
        }
    }

    @Command(name = "resume-relay", mixinStandardHelpOptions = true, description = "Resume a paused relay log: resume-relay -s SOURCE..")
    static final class ResumeRelay extends StageOp {
        @Override
        String op() {
            return "ResumeRelay";
        }

        @Override
        String name() {
            return "resume-relay";
        }
    }

    @Command(name = "purge-relay", mixinStandardHelpOptions = true,
            description = "Delete the relay log files before FILE (in SUB-DIR, default the newest, and all earlier sub-directories);"
                    + " refuses when a subtask still needs one of them: purge-relay -s SOURCE --filename FILE [--sub-dir SUB-DIR]")
    static final class PurgeRelay extends Commands.Base {
        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "the source")
        List<String> sources = new ArrayList<>();

        @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "delete the relay files before this one, e.g. mysql-bin.000006")
        String filename = "";

        @Option(names = "--sub-dir", paramLabel = "SUB-DIR", description = "the relay sub-directory of FILE (<server-uuid>.<6 digits>); default the newest")
        String subDir = "";

        @Override
        int run() {
            if (sources.size() != 1) {
                throw DmctlErrors.BAD_ARGUMENTS.error("purge-relay must specify exactly one source (`-s` / `--source`), not " + sources);
            }
            if (filename.isBlank()) {
                throw DmctlErrors.BAD_ARGUMENTS.error("purge-relay needs the file to purge before: --filename, e.g. --filename mysql-bin.000006");
            }
            if (filename.contains("/") || subDir.contains("/")) {
                throw DmctlErrors.BAD_ARGUMENTS.error("purge-relay takes a file name and a sub-directory name, not paths: `"
                        + filename + "`, `" + subDir + "`");
            }
            return MasterCall.run(g(), MasterMethods.PURGE_RELAY, new PurgeRelayRequest(sources.get(0), filename, subDir),
                    SourcesResponse::result, r -> r);
        }
    }
}
