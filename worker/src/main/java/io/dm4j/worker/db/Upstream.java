package io.dm4j.worker.db;

import io.dm4j.common.config.DbConfig;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.tls.DbTls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/** Short-lived JDBC access to the upstream for the few queries the units need (status, variables, binlog list). */
public final class Upstream {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final DbTls tls;
    private volatile boolean serverChecked;

    /** A connection without a {@code security} section (the driver's opportunistic TLS). */
    public Upstream(String host, int port, String user, String password) {
        this(host, port, user, password, DbTls.NONE);
    }

    public Upstream(String host, int port, String user, String password, DbTls tls) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.user = user;
        this.password = password;
        this.tls = Objects.requireNonNull(tls, "tls");
    }

    /**
     * The upstream of a source ({@code from} in source.yaml), with its {@code from.security} TLS.
     *
     * @throws io.dm4j.common.errors.DmException {@code ErrDBTLSConfig} when the security files cannot be used
     */
    public static Upstream of(DbConfig from) {
        return new Upstream(from.host(), from.port(), from.user(), from.password().reveal(),
                DbTls.of(from.security(), "from.security"));
    }

    /** The TLS every connection to this upstream uses (the binlog stream too). */
    public DbTls tls() {
        return tls;
    }

    public String address() {
        return host + ":" + port;
    }

    /**
     * A new connection. The first one checks the server certificate against {@code from.security} so a wrong CA is
     * reported as such ({@code ErrDBTLSVerify}, naming the file), not as a generic driver failure. Every connection
     * (the first and all later ones) checks {@code cert-allowed-cn} in its own handshake (see {@link DbTls#applyTo}).
     */
    public Connection connect() throws SQLException {
        if (!serverChecked) {
            tls.checkServer(host, port, CONNECT_TIMEOUT_MS);
            serverChecked = true;
        }
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password == null ? "" : password);
        tls.applyTo(p);
        p.setProperty("characterEncoding", "UTF-8");
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        try {
            return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port + "/", p);
        } catch (SQLException e) {
            var verify = tls.verifyFailure(address(), e);
            if (verify != null) {
                throw verify;
            }
            throw e;
        }
    }

    /** The global value of a server variable, or empty when the server does not have it. */
    public Optional<String> variable(String name) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "") + "'")) {
            return rs.next() ? Optional.ofNullable(rs.getString(2)) : Optional.empty();
        }
    }

    /** MariaDB or MySQL, from the version string. */
    public Flavor flavor() throws SQLException {
        String version = variable("version").orElse("");
        return version.toLowerCase(Locale.ROOT).contains("mariadb") ? Flavor.MARIADB : Flavor.MYSQL;
    }

    /** SHOW MASTER STATUS (SHOW BINARY LOG STATUS on MySQL 8.4+): file and position; empty if binlog is off. */
    public Optional<BinlogPosition> masterStatus() throws SQLException {
        try (Connection c = connect()) {
            return BinlogStatusReader.on(c).masterStatus().map(BinlogStatusReader.StatusRow::position);
        }
    }

    /**
     * The current position and the GTID set of exactly that position, read together (see
     * {@link BinlogStatusReader}); empty if binlog is off.
     */
    public Optional<BinlogStatusReader.PositionAndGtid> positionAndGtid(Flavor flavor) throws SQLException {
        try (Connection c = connect()) {
            return BinlogStatusReader.read(flavor, BinlogStatusReader.on(c));
        }
    }

    /** The executed GTID text: @@gtid_binlog_pos on MariaDB, @@gtid_executed on MySQL. */
    public String gtidExecuted(Flavor flavor) throws SQLException {
        String var = flavor == Flavor.MARIADB ? "gtid_binlog_pos" : "gtid_executed";
        return variable(var).orElse("").replace("\n", "");
    }

    /** MariaDB's GTID position at a binlog file offset (BINLOG_GTID_POS), empty when the server cannot tell. */
    public Optional<String> mariadbGtidAt(BinlogPosition position) throws SQLException {
        try (Connection c = connect(); var ps = c.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            ps.setString(1, position.file());
            ps.setLong(2, position.pos());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** SHOW BINARY LOGS: the file names the server still has, oldest first. */
    public List<String> binaryLogs() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return user + "@" + address();
    }
}
