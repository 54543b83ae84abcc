package io.dm4j.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.config.TaskMode;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Real dm-master, dm-worker and dmctl processes started from the repository's {@code bin/} (the jars must be built:
 * {@code mvn -B -o -DskipTests package}, which {@code mvn verify} does before this module). Every process started is
 * killed by {@link #close()}, and by a shutdown hook if the test JVM dies first.
 *
 * <p>Units: the real ones when this build has them all ({@link #REAL_UNITS}), else the simulated table-copying units
 * of the worker's test code ({@code SimulatedWorkerMain}, not in the release). {@code -Ddm4j.it.units=real|simulated}
 * forces a choice. The tests assert the same
 * things either way (stages, bindings, identical tables); with the real units they test real replication.
 */
final class Cluster implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final boolean REAL_UNITS = switch (System.getProperty("dm4j.it.units", "auto")) {
        case "real" -> true;
        case "simulated" -> false;
        default -> DefaultUnitFactory.supports(TaskMode.ALL);
    };
    private static final String JVM_OPTS = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** A started process. */
    record Proc(String name, Process process, int port, Path log) {
        long pid() {
            return process.pid();
        }

        String addr() {
            return "127.0.0.1:" + port;
        }
    }

    /** What a dmctl run printed and returned. */
    record Ctl(int exit, String out, JsonNode json) {
        boolean ok() {
            return exit == 0;
        }

        String msg() {
            return json == null || json.get("msg") == null ? out : json.get("msg").asText();
        }
    }

    /** Where bin/ is: the repository (jars under each module's target/) or an unpacked release (jars under lib/). */
    final Path root;
    final Path dir;
    private final List<Proc> procs = new CopyOnWriteArrayList<>();
    private final Thread reaper = new Thread(this::killAll, "cluster-reaper");
    /** Extra flags for every dm-master and dm-worker (e.g. --ssl-ca/--ssl-cert/--ssl-key); none by default. */
    private final List<String> processFlags;
    /** DM4J_CDS for every process (bin/dm4j-launch). */
    private String cds = "off";
    /** Extra flags for every {@link #dmctl} run; none by default. */
    private final List<String> dmctlFlags;
    Proc master;
    /** Extra flags for dm-master only (e.g. --config with openapi = true); none by default. */
    private List<String> masterFlags = List.of();
    /** The masters of a cluster started with {@link #startMasters}, by name, with the ports they keep across restarts. */
    private final Map<String, MasterSpec> masterSpecs = new java.util.LinkedHashMap<>();
    private final Map<String, Proc> masters = new java.util.concurrent.ConcurrentHashMap<>();
    private String initialCluster = "";

    /** A master of a multi-master cluster: name, client port (master-addr) and Raft peer port. */
    record MasterSpec(String name, int port, int peerPort, String jvm) {
        String addr() {
            return "127.0.0.1:" + port;
        }
    }

    Cluster(Path dir) {
        this(dir, List.of(), List.of());
    }

    /**
     * @param processFlags extra flags for every dm-master and dm-worker started (e.g. the TLS files)
     * @param dmctlFlags   extra flags for every {@link #dmctl} run
     */
    Cluster(Path dir, List<String> processFlags, List<String> dmctlFlags) {
        this(repoRoot(), List.of("master/target/dm-master.jar", "worker/target/dm-worker.jar", "dmctl/target/dmctl.jar"),
                dir, processFlags, dmctlFlags);
    }

    /**
     * A cluster of the programs of an unpacked release tarball ({@code installDir/bin}, {@code installDir/lib}), with
     * class-data sharing on as installed (the other clusters run without: a daemon's first stop writes the archive).
     */
    static Cluster installed(Path installDir, Path dir) {
        Cluster c = new Cluster(installDir, List.of("lib/dm-master.jar", "lib/dm-worker.jar", "lib/dmctl.jar"), dir, List.of(), List.of());
        c.cds = "on";
        return c;
    }

    private Cluster(Path root, List<String> jars, Path dir, List<String> processFlags, List<String> dmctlFlags) {
        this.root = root;
        this.dir = dir;
        this.processFlags = List.copyOf(processFlags);
        this.dmctlFlags = List.copyOf(dmctlFlags);
        for (String jar : jars) {
            if (!Files.isRegularFile(root.resolve(jar))) {
                throw new IllegalStateException(root.resolve(jar) + " is missing; build first: (cd " + root
                        + " && mvn -B -o -DskipTests package)");
            }
        }
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** A cluster in a new temporary directory with a master and one worker running the real units. */
    static Cluster withOneWorker(String dirPrefix, String workerName) throws IOException {
        Cluster c = new Cluster(Files.createTempDirectory(dirPrefix));
        try {
            c.startMaster();
            c.startWorker(workerName, 10, true);
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("bin/dm-master")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (a directory with bin/dm-master) above "
                + Path.of("").toAbsolutePath());
    }

    /**
     * A free port below Linux's ephemeral range (32768-60999), handed out once per test JVM. A port the OS picked for
     * {@code new ServerSocket(0)} is free only until some process binds port 0 again: a single dm-master's own Raft
     * transport (which listens on a port-0 socket) once took the port this harness had just chosen for its master-addr.
     */
    static synchronized int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20000 + RANDOM.nextInt(12000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new java.net.InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException busy) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port found in 20000-31999 after 1000 attempts");
    }

    private static final java.util.Random RANDOM = new java.util.Random();
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    private Proc start(String name, int port, List<String> args, String extraJvm) throws IOException {
        List<String> cmd = new ArrayList<>(args);
        cmd.addAll(processFlags);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".out").toFile()));
        pb.environment().put("JAVA_OPTS", JVM_OPTS + " " + extraJvm);
        pb.environment().put("DM4J_CDS", cds);
        Proc p = new Proc(name, pb.start(), port, dir.resolve(name + ".log"));
        procs.add(p);
        return p;
    }

    /** Starts dm-master with these extra flags from now on (e.g. {@code --config FILE}). */
    Cluster withMasterFlags(String... flags) {
        masterFlags = List.of(flags);
        return this;
    }

    /** Starts dm-master with its data in {@code dir/<name>-data}; reuses the port of an earlier master of this cluster. */
    Proc startMaster() throws IOException {
        return startMaster(List.of());
    }

    /** As {@link #startMaster()}, with {@code extraArgs} (e.g. {@code --config dm-master.toml}) after the usual flags. */
    Proc startMaster(List<String> extraArgs) throws IOException {
        int port = master == null ? freePort() : master.port();
        List<String> args = new ArrayList<>(List.of(root.resolve("bin/dm-master").toString(), "--name", "master1",
                "--master-addr", "127.0.0.1:" + port, "--data-dir", dir.resolve("master-data").toString(),
                "--log-file", dir.resolve("master.log").toString()));
        args.addAll(masterFlags);
        args.addAll(extraArgs);
        master = start("master", port, args, "");
        awaitTrue("dm-master answers", Duration.ofSeconds(30), () -> dmctl("list-member", "--leader").ok());
        return master;
    }

    /**
     * Starts {@code n} masters forming one Raft group ({@code --initial-cluster}) named master1..n on free ports, and
     * waits for a leader. {@code extraJvm} goes to every master's JVM (e.g. {@code -Ddm4j.master.snapshot-every=5}).
     * Workers and dmctl then get the whole master list.
     */
    List<Proc> startMasters(int n, String extraJvm) throws IOException {
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            MasterSpec spec = new MasterSpec("master" + i, freePort(), freePort(), extraJvm);
            masterSpecs.put(spec.name(), spec);
            members.add(spec.name() + "=http://127.0.0.1:" + spec.peerPort());
        }
        initialCluster = String.join(",", members);
        List<Proc> out = new ArrayList<>();
        for (MasterSpec spec : masterSpecs.values()) {
            out.add(launchMaster(spec));
        }
        master = out.get(0);
        awaitTrue("a leader among the masters", Duration.ofSeconds(60), () -> !leaderName().isEmpty());
        return out;
    }

    private Proc launchMaster(MasterSpec spec) throws IOException {
        String peer = "http://127.0.0.1:" + spec.peerPort();
        List<String> args = new ArrayList<>(List.of(root.resolve("bin/dm-master").toString(), "--name", spec.name(),
                "--master-addr", spec.addr(), "--peer-urls", peer, "--advertise-peer-urls", peer, "--initial-cluster", initialCluster,
                "--data-dir", dir.resolve(spec.name() + "-data").toString(), "--log-file", dir.resolve(spec.name() + ".log").toString()));
        args.addAll(masterFlags);
        Proc p = start(spec.name(), spec.port(), args, spec.jvm());
        masters.put(spec.name(), p);
        return p;
    }

    /** Starts a master of {@link #startMasters} again, with its name, ports and data-dir. */
    Proc restartMaster(String name) throws IOException {
        Proc p = launchMaster(masterSpecs.get(name));
        if (master != null && master.name().equals(name)) {
            master = p;
        }
        return p;
    }

    /** The running process of a master of {@link #startMasters}. */
    Proc masterProc(String name) {
        return masters.get(name);
    }

    /** The Raft peer port (peer-urls) of a master of {@link #startMasters}. */
    int peerPort(String name) {
        return masterSpecs.get(name).peerPort();
    }

    Set<String> masterNames() {
        return masterSpecs.keySet();
    }

    /** Every master's address, comma-separated (the one master's without {@link #startMasters}). */
    String masterAddrs() {
        return masterSpecs.isEmpty() ? master.addr() : String.join(",", masterSpecs.values().stream().map(MasterSpec::addr).toList());
    }

    /** The leader's name as list-member --leader tells it ("" while none is known). */
    String leaderName() {
        Ctl c = dmctl("list-member", "--leader");
        if (c.json() == null || c.json().get("members") == null) {
            return "";
        }
        return c.json().get("members").get(0).get("leader").get("name").asText("");
    }

    /** dmctl against only the named masters. */
    Ctl dmctlVia(List<String> masterNames, String... args) {
        String addrs = String.join(",", masterNames.stream().map(n -> masterSpecs.get(n).addr()).toList());
        return dmctlAt(addrs, dmctlFlags, Duration.ofSeconds(90), args);
    }

    /** A value of the process's /metrics (first sample of that name), or NaN when it cannot be read. */
    static double metric(Proc p, String name) {
        try {
            var client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var resp = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + p.addr() + "/metrics"))
                    .timeout(Duration.ofSeconds(3)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            for (String line : resp.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    /** Sends a signal (STOP, CONT, ...) to the process. */
    static void signal(Proc p, String sig) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start();
        if (k.waitFor() != 0) {
            throw new AssertionError("kill -" + sig + " " + p.pid() + " failed");
        }
    }

    Proc startWorker(String name, int keepaliveTtl) throws IOException {
        return startWorker(name, keepaliveTtl, REAL_UNITS);
    }

    /** @param realUnits false runs the simulated table-copying units instead of dump/load/sync */
    Proc startWorker(String name, int keepaliveTtl, boolean realUnits) throws IOException {
        return startWorker(name, keepaliveTtl, realUnits, freePort());
    }

    /**
     * Starts the worker again at the address it had: a worker name stays bound to its address, so a restart on
     * another port would be refused until {@code offline-member}.
     */
    Proc restartWorker(Proc old, int keepaliveTtl) throws IOException {
        return startWorker(old.name(), keepaliveTtl, REAL_UNITS, old.port());
    }

    /** A worker with extra flags, e.g. {@code --relay-dir DIR}. */
    Proc startWorker(String name, int keepaliveTtl, List<String> extraFlags) throws IOException {
        return startWorker(name, keepaliveTtl, REAL_UNITS, freePort(), extraFlags);
    }

    private Proc startWorker(String name, int keepaliveTtl, boolean realUnits, int port) throws IOException {
        return startWorker(name, keepaliveTtl, realUnits, port, List.of());
    }

    /** A worker whose JVM gets {@code extraJvm}, e.g. a test-only system property. */
    Proc startWorkerWithJvm(String name, int keepaliveTtl, String extraJvm) throws IOException {
        return startWorker(name, keepaliveTtl, REAL_UNITS, freePort(), List.of(), extraJvm);
    }

    private Proc startWorker(String name, int keepaliveTtl, boolean realUnits, int port, List<String> extraFlags) throws IOException {
        return startWorker(name, keepaliveTtl, realUnits, port, extraFlags, "");
    }

    private Proc startWorker(String name, int keepaliveTtl, boolean realUnits, int port, List<String> extraFlags,
                             String extraJvm) throws IOException {
        List<String> cmd = new ArrayList<>(realUnits ? List.of(root.resolve("bin/dm-worker").toString())
                : List.of("java", "-Xmx384m", "-XX:+UseSerialGC", "-Ddm4j.units.poll-ms=300", "-cp", root.resolve("worker/target/dm-worker.jar") + java.io.File.pathSeparator
                        + root.resolve("worker/target/test-classes"), "io.dm4j.worker.subtask.simulated.SimulatedWorkerMain"));
        cmd.addAll(List.of("--name", name, "--worker-addr", "127.0.0.1:" + port, "--join", masterAddrs(),
                "--keepalive-ttl", Integer.toString(keepaliveTtl), "--log-file", dir.resolve(name + ".log").toString()));
        cmd.addAll(extraFlags);
        return start(name, port, cmd, extraJvm);
    }

    /** Runs bin/dmctl against the master, with the cluster's dmctl flags, and parses its JSON output (null when it printed none). */
    Ctl dmctl(String... args) {
        return dmctlWith(dmctlFlags, Duration.ofSeconds(90), args);
    }

    /**
     * Runs bin/dmctl against the master with exactly {@code flags} (instead of the cluster's dmctl flags) and fails
     * the test when it runs longer than {@code limit}.
     */
    Ctl dmctlWith(List<String> flags, Duration limit, String... args) {
        return dmctlAt(masterAddrs(), flags, limit, args);
    }

    private Ctl dmctlAt(String masterAddrs, List<String> flags, Duration limit, String... args) {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/dmctl").toString(), "--master-addr", masterAddrs,
                "--rpc-timeout", "60s"));
        cmd.addAll(flags);
        cmd.addAll(List.of(args));
        try {
            Path outFile = Files.createTempFile(dir, "dmctl", ".out");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(outFile.toFile());
            pb.environment().put("JAVA_OPTS", "-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m");
            pb.environment().put("DM4J_CDS", cds);
            Process p = pb.start();
            // output goes to a file so the limit holds even when dmctl hangs with its output open
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("dmctl " + String.join(" ", args) + " did not finish within "
                        + limit.toSeconds() + " s; it printed:\n" + Files.readString(outFile));
            }
            String text = Files.readString(outFile, StandardCharsets.UTF_8);
            Files.deleteIfExists(outFile);
            JsonNode json = null;
            int brace = text.indexOf('{');
            if (brace >= 0) {
                try {
                    json = JSON.readTree(text.substring(brace));
                } catch (IOException e) {
                    json = null;
                }
            }
            return new Ctl(p.exitValue(), text, json);
        } catch (IOException e) {
            throw new AssertionError("cannot run dmctl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Path writeFile(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** The worker a source is bound to according to list-member ("" when none). */
    String boundWorker(String source) {
        Ctl c = dmctl("list-member", "--worker");
        for (JsonNode w : c.json().get("members").get(0).get("worker").get("workers")) {
            if (source.equals(w.get("source").asText())) {
                return w.get("name").asText();
            }
        }
        return "";
    }

    /** Stages of the workers by name, from list-member. */
    Map<String, String> workerStages() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode w : dmctl("list-member", "--worker").json().get("members").get(0).get("worker").get("workers")) {
            out.put(w.get("name").asText(), w.get("stage").asText());
        }
        return out;
    }

    /** The first subtask status of query-status for a task, or null. */
    JsonNode subtask(String task) {
        Ctl c = dmctl("query-status", task);
        if (c.json() == null || c.json().get("sources") == null || c.json().get("sources").isEmpty()) {
            return null;
        }
        JsonNode subs = c.json().get("sources").get(0).get("subTaskStatus");
        return subs == null || subs.isEmpty() ? null : subs.get(0);
    }

    /** The worker query-status names for a task's first source. */
    String subtaskWorker(String task) {
        Ctl c = dmctl("query-status", task);
        return c.json().get("sources").get(0).get("sourceStatus").get("worker").asText();
    }

    static boolean synced(JsonNode sub) {
        return sub != null && "Running".equals(sub.get("stage").asText()) && "Sync".equals(sub.get("unit").asText())
                && sub.get("sync") != null && sub.get("sync").get("synced").asBoolean();
    }

    void awaitSynced(String task, Duration timeout) {
        awaitTrue("task " + task + " synced", timeout, () -> synced(subtask(task)));
    }

    static void awaitTrue(String what, Duration timeout, Supplier<Boolean> cond) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(cond.get())) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for: " + what);
            }
            sleep(500);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    void kill9(Proc p) throws InterruptedException {
        if (p.process().isAlive()) {
            try {
                signal(p, "CONT"); // a stopped process dies on SIGKILL too, but let the kernel reap it promptly
            } catch (IOException | AssertionError e) {
                // already gone
            }
        }
        p.process().destroyForcibly();
        p.process().waitFor(10, TimeUnit.SECONDS);
        procs.remove(p);
    }

    /** SIGTERM; returns the exit status (or throws if it takes longer than {@code limit}). */
    int term(Proc p, Duration limit) throws InterruptedException {
        p.process().destroy();
        if (!p.process().waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(p.name() + " did not exit within " + limit.toSeconds() + " s of SIGTERM");
        }
        procs.remove(p);
        return p.process().exitValue();
    }

    String logOf(Proc p) {
        try {
            return Files.exists(p.log()) ? Files.readString(p.log()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private void killAll() {
        for (Proc p : procs) {
            p.process().destroyForcibly();
        }
        for (Proc p : procs) {
            try {
                p.process().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        procs.clear();
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // shutting down already
        }
    }
}
