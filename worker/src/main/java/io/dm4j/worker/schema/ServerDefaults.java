package io.dm4j.worker.schema;

import io.dm4j.common.position.Flavor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;

/**
 * What the upstream server assumes when a statement leaves something out, as far as table structure goes.
 *
 * @param flavor                       MariaDB or MySQL (MariaDB stores JSON as LONGTEXT with a json_valid check)
 * @param server                       character_set_server / collation_server (used when a database has no default)
 * @param utf8mb4Collation             the default collation of utf8mb4 ({@code utf8mb4_0900_ai_ci} on MySQL 8)
 * @param explicitDefaultsForTimestamp false on MySQL 5.7: TIMESTAMP columns are NOT NULL unless declared NULL
 * @param integerDisplayWidth          integer types carry a display width ({@code int(11)}); false on MySQL 8.0.19+
 */
public record ServerDefaults(Flavor flavor, CharsetCollation server, String utf8mb4Collation,
                             boolean explicitDefaultsForTimestamp, boolean integerDisplayWidth) {

    public ServerDefaults {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(utf8mb4Collation, "utf8mb4Collation");
    }

    /** MariaDB 10.6 - 10.11 as installed (utf8mb4 server charset). */
    public static ServerDefaults mariadb() {
        return new ServerDefaults(Flavor.MARIADB, new CharsetCollation("utf8mb4", "utf8mb4_general_ci"),
                "utf8mb4_general_ci", true, true);
    }

    public static ServerDefaults mysql8() {
        return new ServerDefaults(Flavor.MYSQL, new CharsetCollation("utf8mb4", "utf8mb4_0900_ai_ci"),
                "utf8mb4_0900_ai_ci", true, false);
    }

    public static ServerDefaults mysql57() {
        return new ServerDefaults(Flavor.MYSQL, new CharsetCollation("latin1", "latin1_swedish_ci"),
                "utf8mb4_general_ci", false, true);
    }

    /** The default collation of a charset on this server; null for an unknown charset. */
    public String defaultCollation(String charset) {
        String c = Charsets.normalizeCharset(charset);
        return "utf8mb4".equals(c) ? utf8mb4Collation : Charsets.defaultCollation(c);
    }

    /** Charset and collation from a statement that may give either or both; null when it gives neither. */
    public CharsetCollation resolve(String charset, String collation) {
        if (charset == null && collation == null) {
            return null;
        }
        String cs = charset != null ? Charsets.normalizeCharset(charset) : Charsets.charsetOf(collation);
        String co = collation != null ? collation : defaultCollation(cs);
        if (co == null) {
            co = cs + "_general_ci";
        }
        return new CharsetCollation(cs, co);
    }

    /** Reads the defaults from a live server. */
    public static ServerDefaults detect(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT VERSION(), @@character_set_server, @@collation_server, "
                     + "@@explicit_defaults_for_timestamp")) {
            rs.next();
            String version = rs.getString(1);
            boolean mariadb = version.toLowerCase(Locale.ROOT).contains("mariadb");
            CharsetCollation server = new CharsetCollation(rs.getString(2), rs.getString(3));
            boolean explicit = rs.getBoolean(4);
            if (mariadb) {
                return new ServerDefaults(Flavor.MARIADB, server, "utf8mb4_general_ci", explicit, true);
            }
            boolean mysql8 = !version.startsWith("5.");
            return new ServerDefaults(Flavor.MYSQL, server, mysql8 ? "utf8mb4_0900_ai_ci" : "utf8mb4_general_ci",
                    explicit, !mysql8);
        }
    }
}
