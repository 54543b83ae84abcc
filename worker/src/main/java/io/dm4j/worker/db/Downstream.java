package io.dm4j.worker.db;

import com.zaxxer.hikari.HikariConfig;
import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.worker.sync.decode.JdbcValues;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to the target database. Every connection is set up with {@link SessionSettings}
 * (sql_mode, foreign_key_checks, time_zone, the task's session map) and uses utf8mb4, with the TLS of
 * {@code target-database.security} ({@link io.dm4j.common.tls.DbTls}).
 * Runs statement lists as single transactions ({@link SqlExecutor}).
 */
public final class Downstream implements SqlExecutor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Downstream.class);
    private static final AtomicInteger POOL_SEQ = new AtomicInteger();
    private static final SqlStatement COMMIT = new SqlStatement("COMMIT", null);
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** How long {@link #close()} waits for the server threads it killed to end (their rollbacks to finish). */
    private static final long KILL_WAIT_MS = 5_000;
    /** How long {@link #close()} waits for the pool's own cleanup after the kills before leaving it to a thread. */
    private static final long POOL_CLOSE_WAIT_MS = 2_000;

    private final DownstreamConfig config;
    private final HikariDataSource pool;
    private final String sessionSql;
    private final String serverVersion;
    /** Connections handed out, with their server thread ids; those closed by their callers are dropped lazily. */
    private final Map<Connection, Long> handedOut = new ConcurrentHashMap<>();
    /** Threads waiting in the pool for a connection (guarded by itself). */
    private final Set<Thread> waiting = new HashSet<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final DataSource view;

    private Downstream(DownstreamConfig config, HikariDataSource pool, String sessionSql, String serverVersion) {
        this.config = config;
        this.pool = pool;
        this.sessionSql = sessionSql;
        this.serverVersion = serverVersion;
        this.view = new PoolView(pool, this::connection);
    }

    /**
     * Probes the server (version, global sql_mode, that the session settings are accepted), then opens the pool.
     *
     * @param name a label for the pool and its threads, e.g. the task name
     * @throws DmException {@link DbErrors#DRIVER_ERROR} when the server cannot be reached,
     *                     {@link DbErrors#SESSION_SETUP} when a session setting is rejected
     */
    public static Downstream open(DownstreamConfig config, String name) {
        return open(config, name, null);
    }

    /**
     * Like {@link #open(DownstreamConfig, String)}, and lets {@code LOAD DATA LOCAL INFILE} read files below
     * {@code localInfileDir} (Connector/J's {@code allowLoadLocalInfileInPath}; no other local file can be sent).
     *
     * @param localInfileDir directory whose files may be loaded, or null to keep LOCAL INFILE disabled
     */
    public static Downstream open(DownstreamConfig requested, String name, java.nio.file.Path localInfileDir) {
        DownstreamConfig config = requested;
        String url = jdbcUrl(config);
        String version;
        String sessionSql;
        config.tls().checkServer(config.host(), config.port(), CONNECT_TIMEOUT_MS);
        try (Connection probe = DriverManager.getConnection(url, credentials(config))) {
            version = queryString(probe, "SELECT VERSION()");
            config = withoutTidbVariables(config, version);
            String serverMode = SessionSettings.needsServerSqlMode(config)
                    ? queryString(probe, "SELECT @@GLOBAL.sql_mode") : null;
            try {
                sessionSql = SessionSettings.setStatement(SessionSettings.variables(config, serverMode));
            } catch (IllegalArgumentException e) {
                throw DbErrors.SESSION_SETUP.wrap(e, e.getMessage());
            }
            if (!sessionSql.isEmpty()) {
                try (Statement st = probe.createStatement()) {
                    st.execute(sessionSql);
                } catch (SQLException e) {
                    throw DbErrors.SESSION_SETUP.wrap(SqlFailures.rawCause(e), sessionSql);
                }
            }
        } catch (SQLException e) {
            DmException verify = config.tls().verifyFailure(config.address(), e);
            if (verify != null) {
                throw verify;
            }
            throw DbErrors.DRIVER_ERROR.wrap(SqlFailures.rawCause(e), config.address(), e.getMessage());
        }

        HikariConfig hc = new HikariConfig();
        hc.setPoolName("dm4j-downstream-" + name + "-" + POOL_SEQ.incrementAndGet());
        hc.setJdbcUrl(url);
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        tlsProperties(config).forEach((k, v) -> hc.addDataSourceProperty((String) k, v));
        hc.setMaximumPoolSize(config.poolSize());
        hc.setMinimumIdle(Math.min(2, config.poolSize()));
        hc.setConnectionTimeout(30_000);
        hc.setKeepaliveTime(60_000);
        if (!sessionSql.isEmpty()) {
            hc.setConnectionInitSql(sessionSql);
        }
        if (localInfileDir != null) {
            hc.addDataSourceProperty("allowLoadLocalInfileInPath", localInfileDir.toAbsolutePath().normalize().toString());
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw DbErrors.DRIVER_ERROR.wrap(e, config.address(), String.valueOf(e.getMessage()));
        }
        LOG.info("opened downstream pool {} to {} (server {}, pool size {}, {}, session: {})", hc.getPoolName(),
                config.address(), version, config.poolSize(), config.tls().describe(), sessionSql);
        return new Downstream(config, pool, sessionSql, version);
    }

    /**
     * Connector/J URL: utf8mb4, client-side prepared statements, rewritten batches, multi-statement texts. TLS settings (with their key store
     * password) travel as properties ({@link #tlsProperties}), never in the URL.
     */
    static String jdbcUrl(DownstreamConfig c) {
        StringBuilder sb = new StringBuilder("jdbc:mysql://").append(c.host()).append(':').append(c.port()).append('/')
                .append("?characterEncoding=UTF-8&useUnicode=true")
                // client-side statements: the load's RawSql binds a whole data statement as the raw text of one '?'
                .append("&rewriteBatchedStatements=true&useServerPrepStmts=false")
                // a transaction's statements with their values written in go as one text (InlineTransaction)
                .append("&allowMultiQueries=true")
                // the apply path prepares the same few statement texts per table over and over: parse each once
                .append("&cachePrepStmts=true&prepStmtCacheSize=512&prepStmtCacheSqlLimit=16384")
                .append("&allowLoadLocalInfile=false")
                // values reach the server exactly as the decoder produced them; no driver-side zone shifting
                .append("&connectionTimeZone=SERVER&forceConnectionTimeZoneToSession=false")
                // the session is not strict on purpose (see SessionSettings); do not turn warnings into errors
                .append("&jdbcCompliantTruncation=false")
                .append("&tcpKeepAlive=true&connectTimeout=").append(CONNECT_TIMEOUT_MS);
        return sb.toString();
    }

    /** The driver properties of {@code target-database.security} (sslMode, key stores). */
    static Properties tlsProperties(DownstreamConfig c) {
        Properties p = new Properties();
        c.tls().applyTo(p);
        return p;
    }

    private static Properties credentials(DownstreamConfig c) {
        Properties p = tlsProperties(c);
        p.setProperty("user", c.user());
        p.setProperty("password", c.password());
        return p;
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public DownstreamConfig config() {
        return config;
    }

    /** The pooled data source, for other components (checkpoints, DDL); its connections come from {@link #connection()}. */
    public DataSource dataSource() {
        return view;
    }

    /** A pooled connection; {@link #close()} ends what still runs on it. */
    public Connection connection() throws SQLException {
        Thread me = Thread.currentThread();
        synchronized (waiting) { // with close()'s interrupts: a caller is either woken by them or sees the close
            if (closed.get()) {
                throw closedError();
            }
            waiting.add(me);
        }
        Connection c;
        try {
            c = pool.getConnection();
        } finally {
            synchronized (waiting) {
                waiting.remove(me);
            }
        }
        handedOut.keySet().removeIf(Downstream::isClosedQuietly);
        handedOut.put(c, c.unwrap(JdbcConnection.class).getId());
        if (closed.get()) { // close() may have listed the connections before this one was added
            c.close();
            throw closedError();
        }
        return c;
    }

    private SQLException closedError() {
        return new SQLException("downstream pool " + pool.getPoolName() + " is closed", "08003");
    }

    /** The {@code SET SESSION ...} statement run on every new connection ("" when none). */
    public String sessionSql() {
        return sessionSql;
    }

    /** {@code SELECT VERSION()} of the server at open time. */
    public String serverVersion() {
        return serverVersion;
    }

    public boolean isMariaDb() {
        return serverVersion != null && serverVersion.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    }

    /**
     * Runs the statements in one transaction: with their values written in as one multi-statement text
     * ({@link InlineTransaction}) when they all have a literal form; else, and again after such a text failed, one
     * by one, consecutive statements with the same SQL text as one JDBC batch (one round trip with
     * rewriteBatchedStatements). On failure the transaction is rolled back and the failing statement is named in a
     * {@link FailedStatementException}.
     */
    @Override
    public void executeTransaction(List<SqlStatement> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            if (InlineSql.canInline(statements)
                    && InlineTransaction.run(c, statements) == InlineTransaction.Outcome.COMMITTED) {
                return;
            }
            c.setAutoCommit(false);
            try {
                executeAll(c, statements);
                try {
                    c.commit();
                } catch (SQLException e) {
                    throw new FailedStatementException(COMMIT, e);
                }
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw e;
            } catch (RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the pool resets or evicts the connection
                }
            }
        }
    }

    /** Executes statements on an open connection (no commit); runs of identical SQL are batched. */
    public static void executeAll(Connection c, List<SqlStatement> statements) throws SQLException {
        int i = 0;
        while (i < statements.size()) {
            int j = i + 1;
            String sql = statements.get(i).sql();
            while (j < statements.size() && statements.get(j).sql().equals(sql)) {
                j++;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (j - i == 1) {
                    bindAll(ps, statements.get(i).params());
                    runOne(ps, statements.get(i));
                } else {
                    for (int k = i; k < j; k++) {
                        bindAll(ps, statements.get(k).params());
                        ps.addBatch();
                    }
                    try {
                        ps.executeBatch();
                    } catch (SQLException e) {
                        throw new FailedStatementException(statements.get(i), e);
                    }
                }
            }
            i = j;
        }
    }

    private static void runOne(PreparedStatement ps, SqlStatement s) throws SQLException {
        try {
            ps.execute();
        } catch (SQLException e) {
            throw new FailedStatementException(s, e);
        }
    }

    private static void bindAll(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int p = 0; p < params.size(); p++) {
            bind(ps, p + 1, params.get(p));
        }
    }

    /**
     * Binds one parameter: row values exactly as the row decoder hands them over ({@link JdbcValues}), plus the few
     * other types dm4j's own statements use (checkpoint rows).
     */
    public static void bind(PreparedStatement ps, int index, Object v) throws SQLException {
        if (JdbcValues.isRowValue(v)) {
            JdbcValues.bind(ps, index, v);
        } else if (v instanceof Integer n) {
            ps.setInt(index, n);
        } else if (v instanceof Boolean bo) {
            ps.setBoolean(index, bo);
        } else {
            ps.setObject(index, v);
        }
    }

    /**
     * Task files written for TiDB often set {@code tidb_*} session variables; MySQL and MariaDB reject them. They are
     * left out (with a warning) when the target is not TiDB, so the same task file works against either.
     */
    static DownstreamConfig withoutTidbVariables(DownstreamConfig config, String version) {
        if (version != null && version.toLowerCase(java.util.Locale.ROOT).contains("tidb")) {
            return config;
        }
        java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();
        config.session().forEach((k, v) -> {
            if (k.trim().toLowerCase(java.util.Locale.ROOT).startsWith("tidb_")) {
                LOG.warn("target-database.session.{} is a TiDB variable and the target is {}; not set", k, version);
            } else {
                kept.put(k, v);
            }
        });
        return kept.size() == config.session().size() ? config : config.withSession(kept);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("rollback failed (connection probably lost): {}", e.getMessage());
        }
    }

    /** Maps a failure of {@link #executeTransaction} to the DM error the user sees. */
    public static DmException toDmException(SQLException e, int attempts) {
        String what = e instanceof FailedStatementException f && f.statement() != null
                ? f.statement().summary(256) : "(getting a connection)";
        return SqlFailures.toDmException(e, what, attempts);
    }

    /**
     * Closes the pool at once, also when statements are running or callers wait for a connection: the statements
     * still running are killed on the server first, then the waiting callers are woken (they fail) and the pool is
     * closed (its own cleanup is waited for {@link #POOL_CLOSE_WAIT_MS} at most). HikariCP alone only closes the
     * sockets of connections in use (the server runs their statement on, a multi-statement text up to its COMMIT)
     * and leaves a caller waiting in the pool for the connection timeout.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        killStatementsInFlight();
        synchronized (waiting) {
            waiting.forEach(Thread::interrupt); // HikariCP's shutdown would not wake them
        }
        // Nothing runs on the server any more; what is left is the pool's own cleanup, which can wait 10 s on a
        // killed connection's close (seen on a loaded machine): a stop does not wait for more than a moment of it.
        Thread closing = new Thread(pool::close, "dm4j-pool-close-" + pool.getPoolName());
        closing.setDaemon(true);
        closing.start();
        try {
            closing.join(POOL_CLOSE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closing.isAlive()) {
            LOG.info("downstream pool {}: closing its connections goes on in the background", pool.getPoolName());
        } else {
            LOG.info("closed downstream pool {}", pool.getPoolName());
        }
    }

    /**
     * Kills the server threads of the connections handed out and not given back, and waits (up to
     * {@link #KILL_WAIT_MS}) until they are gone, so nothing of their transactions commits after the close.
     */
    private void killStatementsInFlight() {
        Set<Long> ids = handedOut.entrySet().stream().filter(e -> !isClosedQuietly(e.getKey()))
                .map(Map.Entry::getValue).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return;
        }
        LOG.info("downstream pool {}: killing the {} connection(s) still in use", pool.getPoolName(), ids.size());
        try (Connection c = DriverManager.getConnection(jdbcUrl(config), credentials(config));
             Statement st = c.createStatement()) {
            for (long id : ids) {
                try {
                    st.execute("KILL CONNECTION " + id);
                } catch (SQLException e) {
                    LOG.debug("KILL CONNECTION {}: {}", id, e.getMessage()); // 1094: it ended meanwhile
                }
            }
            String idList = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
            long deadline = System.nanoTime() + KILL_WAIT_MS * 1_000_000;
            while (!queryString(c, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID IN (" + idList + ")")
                    .equals("0")) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("downstream pool {}: killed connections still rolling back after {} ms", pool.getPoolName(),
                            KILL_WAIT_MS);
                    break;
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            LOG.warn("downstream pool {}: cannot kill the connections in use ({}); only their sockets are closed",
                    pool.getPoolName(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isClosedQuietly(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
