package io.dm4j.worker.server;

import io.dm4j.common.config.Encryptor;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.config.WorkerConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClassifier;
import io.dm4j.common.errors.WorkerErrors;
import io.dm4j.proto.message.BindSourceRequest;
import io.dm4j.proto.message.OperateSubTaskRequest;
import io.dm4j.proto.message.QueryWorkerStatusResponse;
import io.dm4j.proto.message.SourceStatus;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.SubTaskSpec;
import io.dm4j.proto.message.SubTaskStatus;
import io.dm4j.proto.message.WorkerOpResponse;
import io.dm4j.proto.message.WorkerOpResponse.SubTaskOpResult;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.worker.relay.DiskSpace;
import io.dm4j.worker.relay.RelayHolder;
import io.dm4j.worker.relay.RelayUnit;
import io.dm4j.worker.subtask.AutoResumer;
import io.dm4j.worker.subtask.SubTask;
import io.dm4j.worker.subtask.UnitContext;
import io.dm4j.worker.subtask.UnitFactory;
import io.dm4j.worker.subtask.UnitHandoff;
import io.dm4j.worker.sync.operator.BinlogOperators;
import io.dm4j.common.errors.BinlogOpErrors;
import io.dm4j.proto.message.BinlogOperateRequest;
import io.dm4j.proto.message.BinlogSchemaRequest;
import io.dm4j.proto.message.CommonResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's state: the source it is bound to and the subtasks it runs for that source. It carries out what the
 * master asks (whole assignments and single operations) and answers status queries. Operations are serialised.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

    /** A running subtask with the master's last wish for it. */
    private static final class Entry {
        SubTaskSpec spec;
        final SubTask task;
        final BinlogOperators operators; // null for a subtask whose configuration could not be used

        Entry(SubTaskSpec spec, SubTask task, BinlogOperators operators) {
            this.spec = spec;
            this.task = task;
            this.operators = operators;
        }
    }

    private final WorkerConfig cfg;
    private final UnitFactory factory;
    private final Encryptor encryptor;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dm4j-task-checker");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Entry> subtasks = new LinkedHashMap<>();
    private final RelayHolder relay;
    private String sourceId = "";
    private String sourceYaml = "";
    private SourceConfig source;
    private long revision = -1;
    private ScheduledFuture<?> checkerRun;
    private volatile boolean closed;

    public Worker(WorkerConfig cfg, UnitFactory factory, Encryptor encryptor) {
        this.cfg = cfg;
        this.factory = factory;
        this.encryptor = encryptor;
        this.relay = new RelayHolder(cfg.name(), DiskSpace.FILE_STORE, Clock.systemUTC());
    }

    public String name() {
        return cfg.name();
    }

    /** A new session with a master starts: accept its revisions whatever they are. */
    public synchronized void resetRevision() {
        revision = -1;
    }

    public synchronized boolean hasWork() {
        return !sourceId.isEmpty();
    }

    public synchronized String sourceId() {
        return sourceId;
    }

    /** The master's whole wish for this worker (see {@link BindSourceRequest}). */
    public synchronized WorkerOpResponse bind(BindSourceRequest r) {
        if (closed) {
            throw WorkerErrors.SHUTTING_DOWN.error();
        }
        if (r.revision() < revision) {
            return new WorkerOpResponse(true, "revision " + r.revision() + " is older than " + revision + "; ignored", List.of());
        }
        revision = r.revision();
        if (!r.sourceId().equals(sourceId) || !r.sourceYaml().equals(sourceYaml)) {
            releaseSource(r.sourceId().isEmpty() ? "the master freed this worker" : "the master bound source " + r.sourceId());
            if (r.sourceId().isEmpty()) {
                return new WorkerOpResponse(true, "", List.of());
            }
            try {
                source = SourceConfig.parse(r.sourceYaml(), "source " + r.sourceId(), encryptor);
            } catch (DmException e) {
                LOG.error("source {} from the master cannot be used: {}", r.sourceId(), e.getMessage());
                return new WorkerOpResponse(false, e.getMessage(), List.of());
            }
            sourceId = r.sourceId();
            sourceYaml = r.sourceYaml();
            startChecker();
            LOG.info("bound to source {}", sourceId);
        }
        if (source == null) {
            return new WorkerOpResponse(true, "", List.of()); // free, and it was before: nothing to apply
        }
        if (relay.unit().isPresent() != (r.relayStage() != Stage.STOPPED)) {
            // as DM does: the subtasks restart from their checkpoints to read the relay log, or the upstream again
            stopSubTasks(r.relayStage() == Stage.STOPPED ? "the relay log stops" : "the relay log starts");
        }
        applyRelay(r.relayStage(), r.subtasks());
        List<SubTaskOpResult> results = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (SubTaskSpec spec : r.subtasks()) {
            wanted.add(spec.name());
            results.add(applyWish(spec));
        }
        for (String name : List.copyOf(subtasks.keySet())) {
            if (!wanted.contains(name)) {
                removeSubTask(name, "the master no longer lists it (stop-task)");
            }
        }
        boolean ok = results.stream().allMatch(SubTaskOpResult::result);
        return new WorkerOpResponse(ok, ok ? "" : "some subtasks failed to start", results);
    }

    /** The relay log of the source at the master's stage; a failure is logged and shows in query-status, the bind goes on. */
    private void applyRelay(Stage stage, List<SubTaskSpec> specs) {
        SourceConfig src = source;
        try {
            Supplier<List<SubTaskConfig>> subs = () -> subTaskConfigs(specs, src);
            relay.apply(src, Path.of(cfg.relayDirFor(src)), stage, subs, new StoredCheckpoints(src, subs));
        } catch (RuntimeException e) {
            LOG.error("relay log of source {} cannot be set to {}: {}", sourceId, stage.label(), ErrorClassifier.toDm(e).getMessage());
        }
    }

    /** The configurations of the subtasks the master wants on this worker (those that can be parsed). */
    private List<SubTaskConfig> subTaskConfigs(List<SubTaskSpec> specs, SourceConfig src) {
        List<SubTaskConfig> out = new ArrayList<>();
        for (SubTaskSpec spec : specs) {
            try {
                out.add(subTaskConfig(spec, src));
            } catch (RuntimeException e) {
                LOG.debug("subtask {} left out of the relay's readers: {}", spec.name(), e.getMessage());
            }
        }
        return out;
    }

    private SubTaskConfig subTaskConfig(SubTaskSpec spec, SourceConfig src) {
        return TaskConfig.parse(spec.taskYaml(), spec.origin(), encryptor).subTask(src.sourceId()).withSource(src);
    }

    /** {@code purge-relay} of the bound source's relay log. */
    public CommonResponse purgeRelay(PurgeRelayRequest r) {
        return relay.purge(r);
    }

    private SubTaskOpResult applyWish(SubTaskSpec spec) {
        if (!spec.sourceId().equals(sourceId)) {
            return new SubTaskOpResult(spec.name(), false, WorkerErrors.WRONG_SOURCE.error(sourceId, spec.sourceId()).getMessage(), Stage.INVALID);
        }
        Entry e = subtasks.get(spec.name());
        if (e != null && !sameConfig(e.spec, spec)) {
            removeSubTask(spec.name(), "its task file changed");
            e = null;
        }
        if (e == null) {
            e = create(spec);
            if (spec.stage() == Stage.PAUSED) {
                e.task.startPaused();
            } else {
                e.task.start();
            }
        } else if (e.spec.stage() != spec.stage()) {
            if (spec.stage() == Stage.PAUSED) {
                e.task.pause();
            } else if (spec.stage() == Stage.RUNNING) {
                e.task.resume();
            }
        }
        e.spec = spec;
        return outcome(e.task);
    }

    private static boolean sameConfig(SubTaskSpec a, SubTaskSpec b) {
        return a.taskYaml().equals(b.taskYaml()) && Objects.equals(a.origin(), b.origin());
    }

    private Entry create(SubTaskSpec spec) {
        SubTask task;
        BinlogOperators operators = null;
        try {
            SubTaskConfig sub = subTaskConfig(spec, source);
            operators = OperatorStores.forSubtask(sub);
            UnitContext ctx = new UnitContext(cfg.name(), spec.cliArgs().removeMeta(), spec.cliArgs().startTime(), cfg.relayDirFor(source),
                    new UnitHandoff(), operators, relay.unit().orElse(null));
            task = new SubTask(sub, source, factory, ctx);
        } catch (RuntimeException ex) {
            DmException dm = ex instanceof DmException d ? d : WorkerErrors.SUBTASK_CONFIG.wrap(ex, spec.name(), sourceId);
            LOG.error("subtask {} on source {} cannot be used: {}", spec.name(), sourceId, dm.getMessage());
            task = SubTask.broken(spec.name(), sourceId, dm);
        }
        Entry e = new Entry(spec, task, operators);
        subtasks.put(spec.name(), e);
        LOG.info("subtask {} on source {} created (desired stage {})", spec.name(), sourceId, spec.stage().label());
        return e;
    }

    private static SubTaskOpResult outcome(SubTask t) {
        boolean failed = t.stage() == Stage.PAUSED && !t.errors().isEmpty() && !t.canceled();
        return new SubTaskOpResult(t.name(), !failed, failed ? t.errorSummary() : "", t.stage());
    }

    /** One explicit operation: Start, Pause, Resume or Stop. */
    public synchronized WorkerOpResponse operate(OperateSubTaskRequest r) {
        if (closed) {
            throw WorkerErrors.SHUTTING_DOWN.error();
        }
        SubTaskSpec spec = r.subtask();
        if (!spec.sourceId().equals(sourceId)) {
            throw WorkerErrors.WRONG_SOURCE.error(sourceId.isEmpty() ? "(none)" : sourceId, spec.sourceId());
        }
        Entry e = subtasks.get(spec.name());
        String op = r.op() == null ? "" : r.op();
        if (!List.of("Start", "Pause", "Resume", "Stop").contains(op)) {
            throw WorkerErrors.BAD_OPERATION.error("unknown subtask operation `" + op + "`; use Start, Pause, Resume or Stop");
        }
        if (op.equals("Start") || e == null && !op.equals("Stop")) {
            // not here yet (the master's assignment is still on its way): create it in the stage the master wants
            SubTaskOpResult res = applyWish(op.equals("Start") ? spec : withStage(spec, op.equals("Pause") ? Stage.PAUSED : Stage.RUNNING));
            return new WorkerOpResponse(res.result(), res.msg(), List.of(res));
        }
        if (e == null) {
            return new WorkerOpResponse(true, "", List.of(new SubTaskOpResult(spec.name(), true, "", Stage.STOPPED)));
        }
        switch (op) {
            case "Pause" -> {
                e.task.pause();
                e.spec = withStage(e.spec, Stage.PAUSED);
            }
            case "Resume" -> {
                e.task.resume();
                e.spec = withStage(e.spec, Stage.RUNNING);
            }
            case "Stop" -> {
                removeSubTask(spec.name(), "stop-task");
                return new WorkerOpResponse(true, "", List.of(new SubTaskOpResult(spec.name(), true, "", Stage.STOPPED)));
            }
            default -> throw new IllegalStateException(op);
        }
        SubTaskOpResult res = op.equals("Pause") ? new SubTaskOpResult(spec.name(), true, "", e.task.stage()) : outcome(e.task);
        return new WorkerOpResponse(res.result(), res.msg(), List.of(res));
    }

    private static SubTaskSpec withStage(SubTaskSpec s, Stage stage) {
        return new SubTaskSpec(s.name(), s.sourceId(), s.taskYaml(), s.origin(), stage, s.cliArgs());
    }

    /** The relay log of the bound source; empty when relay is off or no source is bound. */
    public java.util.Optional<RelayUnit> relay() {
        return relay.unit();
    }

    /** The subtasks now on this worker, for /metrics. */
    public synchronized List<SubTask> subTasks() {
        return subtasks.values().stream().map(x -> x.task).toList();
    }

    public QueryWorkerStatusResponse status(String name) {
        List<SubTask> tasks;
        String src;
        synchronized (this) {
            src = sourceId;
            tasks = subtasks.values().stream().map(x -> x.task).filter(t -> name == null || name.isEmpty() || t.name().equals(name)).toList();
        }
        List<SubTaskStatus> statuses = tasks.stream().map(SubTask::status).toList();
        SourceStatus ss = src.isEmpty() ? null : new SourceStatus(src, cfg.name(), null, WorkerRelay.statusJson(relay.unit().orElse(null)));
        return new QueryWorkerStatusResponse(true, "", cfg.name(), ss, statuses);
    }

    /** {@code binlog skip|replace|inject|revert|list} on this worker's subtask of the task. */
    public CommonResponse binlog(BinlogOperateRequest r) {
        Entry e = entryFor(r.task(), r.sources());
        return BinlogCommands.operate(e.task, e.operators, r);
    }

    /** {@code binlog-schema list|update|delete} on this worker's subtask of the task. */
    public CommonResponse binlogSchema(BinlogSchemaRequest r) {
        return BinlogCommands.schema(entryFor(r.task(), r.sources()).task, r);
    }

    private synchronized Entry entryFor(String task, List<String> sources) {
        Entry e = subtasks.get(task);
        if (e == null || e.operators == null || !sources.isEmpty() && !sources.contains(sourceId)) {
            throw BinlogOpErrors.NO_SUBTASK.error(task, sources.isEmpty() ? sourceId : String.join(",", sources), cfg.name());
        }
        return e;
    }

    /** Stops every subtask cleanly and forgets the source (unbinding, fencing, shutdown). */
    public synchronized void release(String why) {
        releaseSource(why);
    }

    private void releaseSource(String why) {
        if (!sourceId.isEmpty() || !subtasks.isEmpty()) {
            LOG.info("releasing source {}: {}", sourceId.isEmpty() ? "-" : sourceId, why);
        }
        stopSubTasks(why);
        relay.release(why);
        if (checkerRun != null) {
            checkerRun.cancel(false);
            checkerRun = null;
        }
        sourceId = "";
        sourceYaml = "";
        source = null;
    }

    /** Stops and forgets every subtask, in parallel, so that several checkpoint flushes do not add up their pause times. */
    private void stopSubTasks(String why) {
        List<java.util.concurrent.CompletableFuture<Void>> stops = new ArrayList<>();
        for (String name : List.copyOf(subtasks.keySet())) {
            stops.add(java.util.concurrent.CompletableFuture.runAsync(() -> removeSubTask(name, why)));
        }
        stops.forEach(java.util.concurrent.CompletableFuture::join);
    }

    private void removeSubTask(String name, String why) {
        Entry e;
        synchronized (subtasks) {
            e = subtasks.remove(name);
        }
        if (e != null) {
            LOG.info("stopping subtask {} on source {}: {}", name, e.task.sourceId(), why);
            try {
                e.task.stop();
            } catch (RuntimeException ex) {
                LOG.warn("stopping subtask {} failed: {}", name, ErrorClassifier.toDm(ex).getMessage());
            }
            if (e.operators != null) {
                e.operators.close();
            }
        }
    }

    private void startChecker() {
        AutoResumer resumer = new AutoResumer(source.checker(), this::currentTasks);
        long every = Math.max(100, source.checker().checkInterval().toMillis());
        checkerRun = checker.scheduleWithFixedDelay(() -> {
            try {
                resumer.check();
            } catch (RuntimeException e) {
                LOG.warn("task checker failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private synchronized Collection<SubTask> currentTasks() {
        return subtasks.values().stream().map(x -> x.task).toList();
    }

    /** Pauses every unit cleanly (checkpoints flushed) and stops. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            releaseSource("the worker is shutting down");
        }
        checker.shutdownNow();
        relay.close();
    }
}
