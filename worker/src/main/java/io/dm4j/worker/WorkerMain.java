package io.dm4j.worker;

import io.dm4j.common.Dm4jVersion;
import io.dm4j.common.config.WorkerConfig;
import io.dm4j.common.daemon.DaemonLifecycle;
import io.dm4j.common.daemon.DaemonLogging;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.server.WorkerServer;
import io.dm4j.worker.subtask.DefaultUnitFactory;
import io.dm4j.worker.subtask.UnitFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of dm-worker; flags follow DM's dm-worker and win over dm-worker.toml. */
@Command(name = "dm-worker", mixinStandardHelpOptions = true, versionProvider = WorkerMain.Version.class,
        description = "dm4j worker: binds to one upstream source and runs the dump, load, sync and relay units.")
public final class WorkerMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "dm-worker.toml")
    Path config;

    @Option(names = "--name", description = "member name (default = advertise-addr)")
    String name;

    @Option(names = "--worker-addr", paramLabel = "HOST:PORT", description = "listen address (default :8262, every interface)")
    String workerAddr;

    @Option(names = "--advertise-addr", paramLabel = "HOST:PORT", description = "address told to the master (default = worker-addr)")
    String advertiseAddr;

    @Option(names = "--join", paramLabel = "HOST:PORT[,HOST:PORT]", description = "master address(es) to register with")
    String join;

    @Option(names = "--keepalive-ttl", paramLabel = "SECONDS", description = "keepalive TTL in seconds (default 60)")
    Long keepaliveTtl;

    @Option(names = "--relay-keepalive-ttl", paramLabel = "SECONDS", description = "keepalive TTL while pulling relay logs (default 1800)")
    Long relayKeepaliveTtl;

    @Option(names = "--relay-dir", paramLabel = "DIR", description = "relay log directory of this worker")
    String relayDir;

    @Option(names = "--log-file", paramLabel = "FILE", description = "log file (default: standard output)")
    String logFile;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text or json (default text)")
    String logFormat;

    @Option(names = "-L", paramLabel = "LEVEL", description = "log level: debug, info, warn, error (default info)")
    String logLevel;

    @Option(names = "--secret-key-path", paramLabel = "FILE", description = "file with the hex AES-256 key for encrypted passwords")
    String secretKeyPath;

    @Option(names = "--ssl-ca", paramLabel = "FILE", description = "CA certificate (PEM); enables mutual TLS")
    String sslCa;

    @Option(names = "--ssl-cert", paramLabel = "FILE", description = "certificate (PEM)")
    String sslCert;

    @Option(names = "--ssl-key", paramLabel = "FILE", description = "private key (PEM)")
    String sslKey;

    private final UnitFactory units;

    public WorkerMain() {
        this(new DefaultUnitFactory());
    }

    /** A worker running other units than DM's (tests run the control plane with table-copying stand-ins). */
    public WorkerMain(UnitFactory units) {
        this.units = units;
    }

    public static void main(String[] args) {
        run(new WorkerMain(), args);
    }

    /** Runs the command line with {@code main} and exits with its status when it is not 0. */
    public static void run(WorkerMain main, String[] args) {
        int status = new CommandLine(main).execute(args);
        if (status != 0) {
            DaemonLifecycle.exit(status);
        }
    }

    Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "name", name);
        put(f, "worker-addr", workerAddr);
        put(f, "advertise-addr", advertiseAddr);
        put(f, "join", join);
        put(f, "keepalive-ttl", keepaliveTtl == null ? null : keepaliveTtl.toString());
        put(f, "relay-keepalive-ttl", relayKeepaliveTtl == null ? null : relayKeepaliveTtl.toString());
        put(f, "relay-dir", relayDir);
        put(f, "log-file", logFile);
        put(f, "log-format", logFormat);
        put(f, "log-level", logLevel);
        put(f, "secret-key-path", secretKeyPath);
        put(f, "ssl-ca", sslCa);
        put(f, "ssl-cert", sslCert);
        put(f, "ssl-key", sslKey);
        return f;
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }

    @Override
    public Integer call() throws Exception {
        WorkerConfig cfg;
        try {
            cfg = WorkerConfig.load(config, flags());
        } catch (DmException e) {
            System.err.println("dm-worker: " + e.getMessage());
            return 2;
        }
        DaemonLogging.configure(cfg.logLevel(), cfg.logFile(), cfg.logFormat(), cfg.logFiles());
        Logger log = LoggerFactory.getLogger(WorkerMain.class);
        log.info("{} starting: name {}, worker-addr {}, join {}, keepalive-ttl {} s, units {}", Dm4jVersion.banner("dm-worker"),
                cfg.name(), cfg.workerAddr(), cfg.join(), cfg.keepaliveTtl(), units.getClass().getSimpleName());
        WorkerServer server;
        try {
            server = WorkerServer.start(cfg, units);
        } catch (DmException e) {
            log.error("dm-worker cannot start: {}", e.getMessage());
            System.err.println("dm-worker: " + e.getMessage());
            return e.code().errorClass() == io.dm4j.common.errors.ErrorClass.DM_WORKER ? 2 : 1;
        }
        DaemonLifecycle.runUntilSignal("dm-worker", server::close, Duration.ofSeconds(10));
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Dm4jVersion.banner("dm-worker")};
        }
    }
}
