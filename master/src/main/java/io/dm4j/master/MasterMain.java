package io.dm4j.master;

import io.dm4j.common.Dm4jVersion;
import io.dm4j.common.config.MasterConfig;
import io.dm4j.common.daemon.DaemonLifecycle;
import io.dm4j.common.daemon.DaemonLogging;
import io.dm4j.common.errors.DmException;
import io.dm4j.master.server.MasterServer;
import java.io.IOException;
import java.nio.file.Files;
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

/** Entry point of dm-master; flags follow DM's dm-master and win over dm-master.toml. */
@Command(name = "dm-master", mixinStandardHelpOptions = true, versionProvider = MasterMain.Version.class,
        description = "dm4j master: keeps the cluster state (sources, tasks, bindings) and schedules workers.")
public final class MasterMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "dm-master.toml")
    Path config;

    @Option(names = "--name", description = "member name (default dm-master-{hostname})")
    String name;

    @Option(names = "--master-addr", paramLabel = "HOST:PORT", description = "listen address for dmctl and workers (default :8261, every interface)")
    String masterAddr;

    @Option(names = "--advertise-addr", paramLabel = "HOST:PORT", description = "address told to others (default = master-addr)")
    String advertiseAddr;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the master keeps its state (default default.{name})")
    String dataDir;

    @Option(names = "--log-file", paramLabel = "FILE", description = "log file (default: standard output)")
    String logFile;

    @Option(names = "--log-format", paramLabel = "FORMAT", description = "text or json (default text)")
    String logFormat;

    @Option(names = "-L", paramLabel = "LEVEL", description = "log level: debug, info, warn, error (default info)")
    String logLevel;

    @Option(names = "--peer-urls", description = "where this master listens for the other masters (Raft), default http://127.0.0.1:8291")
    String peerUrls;

    @Option(names = "--advertise-peer-urls", description = "peer URL told to the other masters (default = peer-urls)")
    String advertisePeerUrls;

    @Option(names = "--initial-cluster", description = "masters of a new cluster: name1=http://host1:8291,name2=... (default {name}={advertise-peer-urls})")
    String initialCluster;

    @Option(names = "--join", description = "master-addr list of a running cluster to join (a new master with an empty data-dir)")
    String join;

    @Option(names = "--rpc-timeout", paramLabel = "DURATION", description = "timeout of calls to workers (default 30s)")
    String rpcTimeout;

    @Option(names = "--secret-key-path", paramLabel = "FILE", description = "file with the hex AES-256 key for encrypted passwords")
    String secretKeyPath;

    @Option(names = "--ssl-ca", paramLabel = "FILE", description = "CA certificate (PEM); enables mutual TLS")
    String sslCa;

    @Option(names = "--ssl-cert", paramLabel = "FILE", description = "certificate (PEM)")
    String sslCert;

    @Option(names = "--ssl-key", paramLabel = "FILE", description = "private key (PEM)")
    String sslKey;

    public static void main(String[] args) {
        int status = new CommandLine(new MasterMain()).execute(args);
        if (status != 0) {
            DaemonLifecycle.exit(status);
        }
    }

    Map<String, String> flags() {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "name", name);
        put(f, "master-addr", masterAddr);
        put(f, "advertise-addr", advertiseAddr);
        put(f, "data-dir", dataDir);
        put(f, "log-file", logFile);
        put(f, "log-format", logFormat);
        put(f, "log-level", logLevel);
        put(f, "peer-urls", peerUrls);
        put(f, "advertise-peer-urls", advertisePeerUrls);
        put(f, "initial-cluster", initialCluster);
        put(f, "join", join);
        put(f, "rpc-timeout", rpcTimeout);
        put(f, "secret-key-path", secretKeyPath);
        put(f, "ssl-ca", sslCa);
        put(f, "ssl-cert", sslCert);
        put(f, "ssl-key", sslKey);
        return f;
    }

    static void put(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }

    @Override
    public Integer call() throws Exception {
        MasterConfig cfg;
        String text = "";
        try {
            cfg = MasterConfig.load(config, flags());
            if (config != null) {
                text = Files.readString(config);
            }
        } catch (DmException | IOException e) {
            System.err.println("dm-master: " + e.getMessage());
            return 2;
        }
        DaemonLogging.configure(cfg.logLevel(), cfg.logFile(), cfg.logFormat(), cfg.logFiles());
        Logger log = LoggerFactory.getLogger(MasterMain.class);
        log.info("{} starting: name {}, master-addr {}, data-dir {}", Dm4jVersion.banner("dm-master"), cfg.name(), cfg.masterAddr(), cfg.dataDir());
        MasterServer server;
        try {
            server = MasterServer.start(cfg, text, MasterServer.Timing.DEFAULT);
        } catch (DmException e) {
            log.error("dm-master cannot start: {}", e.getMessage());
            System.err.println("dm-master: " + e.getMessage());
            return 1;
        }
        DaemonLifecycle.runUntilSignal("dm-master", server::close, Duration.ofSeconds(10));
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Dm4jVersion.banner("dm-master")};
        }
    }
}
