package io.dm4j.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SecurityConfig;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cert-allowed-cn} is checked on every JDBC handshake, not once per target: Connector/J against a stub server
 * ({@link MysqlTlsStub}) whose certificate changes between two connections.
 */
class AllowedCnSocketFactoryTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        DbTlsTest.openssl(dir, "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=cn-test-ca");
        for (String cn : List.of("db-allowed", "db-impostor")) {
            DbTlsTest.openssl(dir, "req -newkey rsa:2048 -nodes -keyout " + cn + ".key -out " + cn + ".csr -subj /CN=" + cn);
            DbTlsTest.openssl(dir, "x509 -req -in " + cn + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out "
                    + cn + ".pem -extfile san.ext");
        }
    }

    @Test
    void aSecondConnectionToAServerWhoseCertificateCnIsNotAllowedIsRefusedBeforeTheLogin() throws Exception {
        DbTls tls = DbTls.of(new SecurityConfig(dir.resolve("ca.pem").toString(), "", "", List.of("db-allowed"),
                "", "", "", "", "", ""), "target-database.security");
        try (MysqlTlsStub stub = new MysqlTlsStub(dir.resolve("db-allowed.pem"), dir.resolve("db-allowed.key"))) {
            // 1st connection: certificate with an allowed CN; the driver goes on and sends its login over TLS
            SQLException first = assertThrows(SQLException.class, () -> connect(tls, stub.port()));
            assertEquals(null, tls.verifyFailure("127.0.0.1:" + stub.port(), first), "first connection passes TLS");
            MysqlTlsStub.Handshake ok = stub.nextHandshake();
            assertEquals("db-allowed", ok.servedCn());
            assertTrue(ok.loginBytes() > 0, "the login was sent after an accepted certificate");

            // the server's certificate is swapped (same CA, same IP SAN, other CN): the next connection is refused
            stub.serve(dir.resolve("db-impostor.pem"), dir.resolve("db-impostor.key"));
            SQLException second = assertThrows(SQLException.class, () -> connect(tls, stub.port()));
            DmException refused = tls.verifyFailure("127.0.0.1:" + stub.port(), second);
            assertNotNull(refused, "second connection must fail the CN check: " + second);
            assertSame(DbErrors.TLS_VERIFY, refused.code());
            assertTrue(refused.getMessage().contains("db-impostor")
                    && refused.getMessage().contains("target-database.security.cert-allowed-cn"), refused.getMessage());
            MysqlTlsStub.Handshake bad = stub.nextHandshake();
            assertEquals("db-impostor", bad.servedCn());
            assertEquals(0, bad.loginBytes(), "no login (password) was sent to the refused server");
        }
    }

    @Test
    void theDriverIsToldToUseTheCheckingFactoryOnlyWhenCertAllowedCnIsSet() {
        Properties with = new Properties();
        DbTls.of(new SecurityConfig(dir.resolve("ca.pem").toString(), "", "", List.of("db-allowed"),
                "", "", "", "", "", ""), "from.security").applyTo(with);
        assertEquals(AllowedCnSocketFactory.class.getName(), with.getProperty("socketFactory"));
        Properties without = new Properties();
        DbTls.of(new SecurityConfig(dir.resolve("ca.pem").toString(), "", "", List.of(),
                "", "", "", "", "", ""), "from.security").applyTo(without);
        assertEquals(null, without.getProperty("socketFactory"));
    }

    private static void connect(DbTls tls, int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "dm");
        p.setProperty("password", "secret-password");
        p.setProperty("connectTimeout", "10000");
        p.setProperty("socketTimeout", "10000");
        tls.applyTo(p);
        DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", p).close();
    }
}
