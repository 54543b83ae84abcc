package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.DOUBLE;
import static io.dm4j.common.config.ValueTypes.DURATION;
import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.LONG;
import static io.dm4j.common.config.ValueTypes.STRING;

import io.dm4j.common.config.ConfigTreeReader.Format;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * dm-master's configuration: {@code dm-master.toml} with command-line flags over it (flags win, as in DM).
 * Values are resolved the way DM resolves them: advertise-addr defaults to master-addr, name to
 * {@code dm-master-<hostname>}, data-dir to {@code default.<name>}, initial-cluster to {@code <name>=<advertise-peer-urls>}.
 */
public record MasterConfig(String name, String masterAddr, String advertiseAddr, String dataDir, String logLevel,
                           String logFile, String logFormat, String peerUrls, String advertisePeerUrls,
                           String initialCluster, String initialClusterState, String join, Duration rpcTimeout,
                           double rpcRateLimit, int rpcRateBurst, long maxTxnOps, long maxRequestBytes,
                           String autoCompactionMode, String autoCompactionRetention, long quotaBackendBytes,
                           boolean openapi, String v1SourcesPath, SecurityConfig security, String secretKeyPath,
                           LogFileConfig logFiles, AlertConfig alerts) {

    static final long QUOTA_BACKEND_BYTES_MIN = 500L * 1024 * 1024;

    enum ClusterState implements ConfigEnum {
        NEW("new"), EXISTING("existing");

        private final String label;

        ClusterState(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    enum CompactionMode implements ConfigEnum {
        PERIODIC("periodic"), REVISION("revision");

        private final String label;

        CompactionMode(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    static final Option<String> NAME = Option.of("name", STRING, "", "Member name, unique among the masters.")
            .defaultText("dm-master-{hostname}");
    static final Option<String> MASTER_ADDR = Option.of("master-addr", STRING, ":8261",
            "Address serving dmctl, workers and HTTP `/status`, `/metrics`, `/dashboard` and the OpenAPI (same port); `:8261` listens on every interface.").check(DaemonOptions.hostPort());
    static final Option<String> ADVERTISE_ADDR = Option.of("advertise-addr", STRING, "",
            "Address others use to reach this master; needed when master-addr has no host.")
            .defaultText("= master-addr").check(DaemonOptions.hostPort());
    static final Option<String> DATA_DIR = Option.of("data-dir", STRING, "", "Directory of the master's persistent state.")
            .defaultText("default.{name}");
    static final Option<String> PEER_URLS = Option.of("peer-urls", STRING, "http://127.0.0.1:8291", "Listen URLs for traffic between masters.");
    static final Option<String> ADVERTISE_PEER_URLS = Option.of("advertise-peer-urls", STRING, "",
            "Peer URLs told to other masters.").defaultText("= peer-urls");
    static final Option<String> INITIAL_CLUSTER = Option.of("initial-cluster", STRING, "",
            "Masters of a new cluster, `name1=http://host1:8291,name2=...`; use this or join.").defaultText("{name}={advertise-peer-urls}");
    static final Option<ClusterState> INITIAL_CLUSTER_STATE = Option.of("initial-cluster-state", ValueTypes.choice(ClusterState.class),
            ClusterState.NEW, "`new` to start a cluster, `existing` to rejoin one.");
    static final Option<String> JOIN = Option.of("join", STRING, "", "master-addr list of a running cluster to join, `h1:8261,h2:8261`.");
    static final Option<Duration> RPC_TIMEOUT = Option.of("rpc-timeout", DURATION, Duration.ofSeconds(30), "Timeout of calls to workers.");
    static final Option<Double> RPC_RATE_LIMIT = Option.of("rpc-rate-limit", DOUBLE, 10.0, "Calls per second to one worker; <= 0 = default.");
    static final Option<Integer> RPC_RATE_BURST = Option.of("rpc-rate-burst", INT, 40, "Burst of calls to one worker; <= 0 = default.");
    static final Option<Long> MAX_TXN_OPS = Option.of("max-txn-ops", LONG, 2048L, "Most operations in one state transaction.")
            .check(Option.notNegativeLong());
    static final Option<Long> MAX_REQUEST_BYTES = Option.of("max-request-bytes", LONG, 1_572_864L, "Largest request between masters, in bytes.")
            .check(Option.notNegativeLong());
    static final Option<CompactionMode> AUTO_COMPACTION_MODE = Option.of("auto-compaction-mode", ValueTypes.choice(CompactionMode.class),
            CompactionMode.PERIODIC, "How old state revisions are compacted.");
    static final Option<String> AUTO_COMPACTION_RETENTION = Option.of("auto-compaction-retention", STRING, "1h",
            "State history kept: a duration (`periodic`) or a revision count (`revision`).");
    static final Option<Long> QUOTA_BACKEND_BYTES = Option.of("quota-backend-bytes", LONG, 2L * 1024 * 1024 * 1024,
            "Storage quota of the master's state in bytes; at least 500 MiB.");
    static final Option<Boolean> OPENAPI = Option.of("openapi", BOOL, false, "Serve DM's OpenAPI under /api/v1 on the master's port (document at /api/v1/dm.json); when false those paths answer 404.");
    static final Option<String> V1_SOURCES_PATH = Option.of("v1-sources-path", STRING, "", "Source files of a DM v1.0 upgrade.").hidden();
    static final Option<Boolean> EXPERIMENTAL_OPENAPI = Option.of("openapi", BOOL, false, "Old place of openapi.")
            .deprecated("use openapi at the top level");

    static final Schema SCHEMA = Schema.of("dm-master.toml", "The dm-master process.",
            NAME, MASTER_ADDR, ADVERTISE_ADDR, DATA_DIR, DaemonOptions.LOG_LEVEL, DaemonOptions.LOG_FILE, DaemonOptions.LOG_FORMAT,
            PEER_URLS, ADVERTISE_PEER_URLS, INITIAL_CLUSTER, INITIAL_CLUSTER_STATE, JOIN, RPC_TIMEOUT,
            RPC_RATE_LIMIT, RPC_RATE_BURST, MAX_TXN_OPS, MAX_REQUEST_BYTES, AUTO_COMPACTION_MODE, AUTO_COMPACTION_RETENTION,
            QUOTA_BACKEND_BYTES, OPENAPI, V1_SOURCES_PATH, DaemonOptions.SECRET_KEY_PATH, DaemonOptions.CONFIG_FILE,
            Schema.one("experimental", Schema.of("experimental", "Experimental features.", EXPERIMENTAL_OPENAPI), "Experimental features."),
            Schema.one("alerts", AlertConfig.SCHEMA, "Alert webhooks (dm4j's own)."))
            .plus(SecurityConfig.OPTIONS).plus(LogFileConfig.OPTIONS);

    /** Loads {@code file} (null = no file) with {@code flags} over it; flag names are the file's keys (e.g. "master-addr"). */
    public static MasterConfig load(Path file, Map<String, String> flags) {
        String text = file == null ? "" : ConfigTreeReader.readFile(file, "dm-master");
        return parse(text, file == null ? "(none)" : file.toString(), flags);
    }

    public static MasterConfig parse(String toml, String origin, Map<String, String> flags) {
        return check(toml, origin, flags).config();
    }

    /** Like {@link #parse(String, String, Map)}, also returning the warnings. */
    public static LoadedConfig<MasterConfig> check(String toml, String origin, Map<String, String> flags) {
        return ConfigFiles.read(toml, origin, "dm-master", Format.TOML, SCHEMA, Encryptor.builtIn(), flags, MasterConfig::from);
    }

    static MasterConfig from(Values v, Problems problems) {
        String masterAddr = DaemonOptions.unwrapScheme(v.get(MASTER_ADDR));
        String advertise = DaemonOptions.advertiseAddress(v, problems, MASTER_ADDR, ADVERTISE_ADDR, ":8261");
        String name = v.get(NAME).isEmpty() ? "dm-master-" + DaemonOptions.hostname() : v.get(NAME);
        String dataDir = v.get(DATA_DIR).isEmpty() ? "default." + name : v.get(DATA_DIR);
        String peerUrls = v.get(PEER_URLS).isEmpty() ? PEER_URLS.defaultValue() : v.get(PEER_URLS);
        String advertisePeerUrls = v.get(ADVERTISE_PEER_URLS).isEmpty() ? peerUrls : v.get(ADVERTISE_PEER_URLS);
        String initialCluster = v.get(INITIAL_CLUSTER);
        if (initialCluster.isEmpty()) {
            List<String> members = new ArrayList<>();
            Arrays.stream(advertisePeerUrls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).forEach(u -> members.add(name + "=" + u));
            initialCluster = String.join(",", members);
        }
        double rateLimit = v.get(RPC_RATE_LIMIT);
        if (rateLimit <= 0) {
            problems.warn(RPC_RATE_LIMIT.key(), v.mark(RPC_RATE_LIMIT.key()), "rpc-rate-limit " + rateLimit + " is not positive; using 10");
            rateLimit = RPC_RATE_LIMIT.defaultValue();
        }
        int rateBurst = v.get(RPC_RATE_BURST);
        if (rateBurst <= 0) {
            problems.warn(RPC_RATE_BURST.key(), v.mark(RPC_RATE_BURST.key()), "rpc-rate-burst " + rateBurst + " is not positive; using 40");
            rateBurst = RPC_RATE_BURST.defaultValue();
        }
        long quota = v.get(QUOTA_BACKEND_BYTES);
        if (quota < QUOTA_BACKEND_BYTES_MIN) {
            problems.warn(QUOTA_BACKEND_BYTES.key(), v.mark(QUOTA_BACKEND_BYTES.key()), "quota-backend-bytes " + quota
                    + " is below the minimum; using " + QUOTA_BACKEND_BYTES_MIN);
            quota = QUOTA_BACKEND_BYTES_MIN;
        }
        boolean openapi = v.get(OPENAPI) || v.childOrEmpty("experimental").get(EXPERIMENTAL_OPENAPI);
        String secretKeyPath = v.get(DaemonOptions.SECRET_KEY_PATH);
        checkSecretKey(secretKeyPath, v, problems);
        return new MasterConfig(name, masterAddr, advertise, dataDir, v.get(DaemonOptions.LOG_LEVEL).label(), v.get(DaemonOptions.LOG_FILE),
                v.get(DaemonOptions.LOG_FORMAT).label(), peerUrls, advertisePeerUrls, initialCluster,
                v.get(INITIAL_CLUSTER_STATE).label(), v.get(JOIN), v.get(RPC_TIMEOUT), rateLimit, rateBurst, v.get(MAX_TXN_OPS),
                v.get(MAX_REQUEST_BYTES), v.get(AUTO_COMPACTION_MODE).label(), v.get(AUTO_COMPACTION_RETENTION), quota, openapi,
                v.get(V1_SOURCES_PATH), SecurityConfig.from(v), secretKeyPath, LogFileConfig.from(v),
                AlertConfig.from(v.childOrEmpty("alerts")));
    }

    /** A key file named by secret-key-path must exist and hold a valid key, as DM checks at start. */
    static void checkSecretKey(String path, Values v, Problems problems) {
        if (path.isEmpty()) {
            return;
        }
        try {
            Encryptor.fromKeyFile(Path.of(path));
        } catch (io.dm4j.common.errors.DmException e) {
            problems.error(e.code(), DaemonOptions.SECRET_KEY_PATH.key(), v.mark(DaemonOptions.SECRET_KEY_PATH.key()), e.detail());
        }
    }

    /** The encryptor for passwords in source and task files: secret-key-path, else DM4J_SECRET_KEY, else built-in. */
    public Encryptor encryptor() {
        return Encryptor.resolve(secretKeyPath.isEmpty() ? null : Path.of(secretKeyPath));
    }

    /** The master-addr list of {@link #join()}. */
    public List<String> joinAddrs() {
        return split(join);
    }

    static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(DaemonOptions::unwrapScheme).toList();
    }
}
