package io.dm4j.dmctl;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.proto.message.CheckTaskRequest;
import io.dm4j.proto.message.CheckTaskResponse;
import io.dm4j.proto.message.CommonResponse;
import io.dm4j.proto.message.GetConfigRequest;
import io.dm4j.proto.message.GetConfigResponse;
import io.dm4j.proto.message.ListMemberRequest;
import io.dm4j.proto.message.ListMemberResponse;
import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OfflineMemberRequest;
import io.dm4j.proto.message.OperateSourceRequest;
import io.dm4j.proto.message.OperateSourceResponse;
import io.dm4j.proto.message.OperateTaskRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.QueryStatusListResponse;
import io.dm4j.proto.message.QueryStatusRequest;
import io.dm4j.proto.message.StartTaskRequest;
import io.dm4j.proto.message.TaskCliArgs;
import io.dm4j.proto.message.TaskSummary;
import io.dm4j.proto.message.TransferSourceRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** dmctl's commands, named and flagged as DM's. Each prints JSON and returns 0 when the answer's result is true. */
final class Commands {
    private Commands() {
    }

    /** Shared access to the global options. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        DmctlMain parent;

        GlobalOptions g() {
            return parent.globals;
        }

        /** Prints a local failure (bad arguments, unreadable file) the same way as a failed call. */
        int fail(DmException e) {
            Output.print(g().out(), Output.failure(e));
            return 1;
        }

        @Override
        public final Integer call() {
            try {
                return run();
            } catch (DmException e) {
                return fail(e);
            }
        }

        abstract int run();
    }

    @Command(name = "operate-source", mixinStandardHelpOptions = true, description = "Create, stop (remove) or show upstream sources: operate-source create|stop|show [files or ids]")
    static final class OperateSource extends Base {
        @Parameters(index = "0", paramLabel = "create|stop|show", description = "the operation")
        String op;

        @Parameters(index = "1..*", paramLabel = "FILE|SOURCE-ID", description = "source files (create, stop) or ids (stop)")
        List<String> args = new ArrayList<>();

        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "show: only these sources")
        List<String> sources = new ArrayList<>();

        @Option(names = {"-w", "--worker"}, paramLabel = "NAME", description = "create: bind the source to this free worker")
        String worker = "";

        @Override
        int run() {
            List<String> configs = new ArrayList<>();
            List<String> origins = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            switch (op) {
                case "create" -> {
                    if (args.isEmpty()) {
                        throw DmctlErrors.BAD_ARGUMENTS.error("operate-source create needs at least one source file");
                    }
                    for (String f : args) {
                        configs.add(LocalFiles.read(f));
                        origins.add(f);
                    }
                }
                case "stop" -> {
                    if (args.isEmpty()) {
                        throw DmctlErrors.BAD_ARGUMENTS.error("operate-source stop needs source files or source ids");
                    }
                    for (String a : args) {
                        if (LocalFiles.isFile(a)) {
                            configs.add(LocalFiles.read(a));
                            origins.add(a);
                        } else {
                            ids.add(a);
                        }
                    }
                }
                case "show" -> {
                    ids.addAll(sources);
                    ids.addAll(args);
                }
                default -> throw DmctlErrors.BAD_ARGUMENTS.error("operate-source takes create, stop or show, not `" + op + "`");
            }
            return MasterCall.run(g(), MasterMethods.OPERATE_SOURCE, new OperateSourceRequest(op, configs, origins, ids, worker),
                    OperateSourceResponse::result, r -> r);
        }
    }

    @Command(name = "start-task", mixinStandardHelpOptions = true, description = "Check a task file, store the task and start it on its sources")
    static final class StartTask extends Base {
        @Parameters(index = "0", paramLabel = "TASK-FILE")
        String file;

        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "start only on these sources")
        List<String> sources = new ArrayList<>();

        @Option(names = "--remove-meta", description = "drop the task's checkpoints downstream first (start over)")
        boolean removeMeta;

        @Option(names = "--start-time", paramLabel = "TIME", description = "start sync at this time, e.g. '2021-10-21 00:01:00'")
        String startTime = "";

        @Override
        int run() {
            String problem = TaskCliArgs.startTimeProblem(startTime);
            if (problem != null) {
                throw DmctlErrors.BAD_ARGUMENTS.error(problem);
            }
            return MasterCall.run(g(), MasterMethods.START_TASK,
                    new StartTaskRequest(LocalFiles.read(file), file, sources, removeMeta, startTime), OperateTaskResponse::result, r -> r);
        }
    }

    /** stop-task, pause-task and resume-task. */
    abstract static class TaskOp extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "TASK-NAME|TASK-FILE")
        String task = "";

        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "only these sources (without a task: all their tasks)")
        List<String> sources = new ArrayList<>();

        abstract String op();

        @Override
        int run() {
            if ((task == null || task.isEmpty()) && sources.isEmpty()) {
                throw DmctlErrors.BAD_ARGUMENTS.error(op().toLowerCase() + "-task needs a task name (or task file), or sources with -s");
            }
            return MasterCall.run(g(), MasterMethods.OPERATE_TASK, new OperateTaskRequest(op(), LocalFiles.taskName(task), sources),
                    OperateTaskResponse::result, r -> r);
        }
    }

    @Command(name = "stop-task", mixinStandardHelpOptions = true, description = "Stop a task and remove it (start-task again resumes from its checkpoint)")
    static final class StopTask extends TaskOp {
        @Override
        String op() {
            return "Stop";
        }
    }

    @Command(name = "pause-task", mixinStandardHelpOptions = true, description = "Pause a task (its units stop cleanly, checkpoints flushed)")
    static final class PauseTask extends TaskOp {
        @Override
        String op() {
            return "Pause";
        }
    }

    @Command(name = "resume-task", mixinStandardHelpOptions = true, description = "Resume a paused task (also one paused by an error)")
    static final class ResumeTask extends TaskOp {
        @Override
        String op() {
            return "Resume";
        }
    }

    @Command(name = "query-status", mixinStandardHelpOptions = true, description = "Show the status of one task (per source) or a summary of all tasks")
    static final class QueryStatus extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "TASK-NAME|TASK-FILE")
        String task = "";

        @Option(names = {"-s", "--source"}, paramLabel = "SOURCE-ID", description = "only these sources")
        List<String> sources = new ArrayList<>();

        @Option(names = "--more", description = "accepted for DM compatibility; the full status is always shown")
        boolean more;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "json",
                description = "json (DM's, the default) or table (aligned text, progress bars for dump and load)")
        StatusOutput output;

        @Option(names = "--watch", arity = "0..1", paramLabel = "INTERVAL", fallbackValue = "2s",
                description = "show the status again every INTERVAL (default 2s) until interrupted; on a terminal in place")
        String watch;

        @Option(names = "--watch-count", hidden = true, defaultValue = "0", description = "stop --watch after N snapshots")
        int watchCount;

        @Override
        int run() {
            String name = LocalFiles.taskName(task);
            QueryStatusRequest request = new QueryStatusRequest(name, sources, more);
            if (watch == null) {
                return output == StatusOutput.TABLE
                        ? QueryStatusView.print(g(), request)
                        : MasterCall.run(g(), MasterMethods.QUERY_STATUS, request, QueryStatusListResponse::result,
                        QueryStatus::withHints);
            }
            java.time.Duration interval = QueryStatusView.interval(watch);
            new Watch(g().out(), System.console() != null, java.time.Clock.systemDefaultZone(),
                    d -> Thread.sleep(d.toMillis()))
                    .run(() -> QueryStatusView.snapshot(g(), request, output), interval, watchCount);
            return 0;
        }

        /** dmctl adds the command to run to an error status, as DM's does. */
        static QueryStatusListResponse withHints(QueryStatusListResponse r) {
            if (r.tasks() == null) {
                return r;
            }
            List<TaskSummary> tasks = r.tasks().stream().map(t -> t.taskStatus().startsWith("Error")
                    ? new TaskSummary(t.taskName(), t.taskStatus() + ". Please run `query-status " + t.taskName()
                    + "` to get more details.", t.sources()) : t).toList();
            return new QueryStatusListResponse(r.result(), r.msg(), r.sources(), tasks);
        }
    }

    @Command(name = "check-task", mixinStandardHelpOptions = true, description = "Check a task file (the checks start-task runs) without starting it")
    static final class CheckTask extends Base {
        @Parameters(index = "0", paramLabel = "TASK-FILE")
        String file;

        @Option(names = {"-e", "--error"}, defaultValue = "10", description = "most errors shown (default ${DEFAULT-VALUE})")
        int errors;

        @Option(names = {"-w", "--warn"}, defaultValue = "10", description = "most warnings shown (default ${DEFAULT-VALUE})")
        int warnings;

        @Option(names = "--start-time", paramLabel = "TIME", description = "check with this start time")
        String startTime = "";

        @Override
        int run() {
            return MasterCall.run(g(), MasterMethods.CHECK_TASK,
                    new CheckTaskRequest(LocalFiles.read(file), file, errors, warnings, startTime), CheckTaskResponse::result, r -> r);
        }
    }

    @Command(name = "list-member", mixinStandardHelpOptions = true, description = "List the leader, masters and workers (with their stage and source)")
    static final class ListMember extends Base {
        @Option(names = {"-l", "--leader"}, description = "only the leader")
        boolean leader;

        @Option(names = {"-m", "--master"}, description = "only masters")
        boolean master;

        @Option(names = {"-w", "--worker"}, description = "only workers")
        boolean worker;

        @Option(names = {"-n", "--name"}, split = ",", paramLabel = "NAME", description = "only these members")
        List<String> names = new ArrayList<>();

        @Override
        int run() {
            return MasterCall.run(g(), MasterMethods.LIST_MEMBER, new ListMemberRequest(leader, master, worker, names),
                    ListMemberResponse::result, r -> r);
        }
    }

    @Command(name = "offline-member", mixinStandardHelpOptions = true, description = "Remove a stopped member: offline-member --worker --name NAME")
    static final class OfflineMember extends Base {
        @Option(names = "--master", description = "the member is a master")
        boolean master;

        @Option(names = "--worker", description = "the member is a worker")
        boolean worker;

        @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
        String name;

        @Override
        int run() {
            if (master == worker) {
                throw DmctlErrors.BAD_ARGUMENTS.error("offline-member needs exactly one of --master and --worker");
            }
            return MasterCall.run(g(), MasterMethods.OFFLINE_MEMBER, new OfflineMemberRequest(master ? "master" : "worker", name),
                    CommonResponse::result, r -> r);
        }
    }

    @Command(name = "transfer-source", mixinStandardHelpOptions = true, description = "Move a source to a free worker: transfer-source SOURCE-ID WORKER")
    static final class TransferSource extends Base {
        @Parameters(index = "0", paramLabel = "SOURCE-ID")
        String source;

        @Parameters(index = "1", paramLabel = "WORKER")
        String worker;

        @Override
        int run() {
            return MasterCall.run(g(), MasterMethods.TRANSFER_SOURCE, new TransferSourceRequest(source, worker),
                    CommonResponse::result, r -> r);
        }
    }

    @Command(name = "config", aliases = "get-config", mixinStandardHelpOptions = true, description = "Show a stored file: config source|task|master|worker NAME [-p FILE] (passwords as ******)")
    static final class Config extends Base {
        @Parameters(index = "0", paramLabel = "source|task|master")
        String type;

        @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
        String name = "";

        @Option(names = {"-p", "--path"}, paramLabel = "FILE", description = "write the file here instead of printing it")
        Path path;

        @Override
        int run() {
            if (!List.of("source", "task", "master", "worker").contains(type)) {
                throw DmctlErrors.BAD_ARGUMENTS.error("config takes source, task, master or worker, not `" + type + "`");
            }
            try {
                GetConfigResponse r = MasterCall.call(g(), MasterMethods.GET_CONFIG, new GetConfigRequest(type, name));
                if (path != null && r.result()) {
                    java.nio.file.Files.writeString(path, r.cfg());
                    Output.print(g().out(), new CommonResponse(true, "the " + type + " file was written to " + path));
                } else {
                    Output.print(g().out(), r);
                }
                return r.result() ? 0 : 1;
            } catch (java.io.IOException e) {
                throw DmctlErrors.READ_FILE.wrap(e, path, "cannot write it");
            }
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt a password for source and task files"
            + " (key: --secret-key-path, else DM4J_SECRET_KEY, else the built-in key); reads it from standard input when not given")
    static final class Encrypt extends SecretKeyCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PLAINTEXT")
        String plain;

        @Override
        int run() {
            g().out().println(key().encrypt(valueOrStdin(plain, "password")));
            return 0;
        }
    }
}
