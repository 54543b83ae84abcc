package io.dm4j.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SecurityConfig;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.files.PrivateFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link DbTls} hands to Connector/J and how it reports unusable files and failed verifications. */
class DbTlsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void pki() throws Exception {
        openssl("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=dbtls-test-ca");
        openssl("req -newkey rsa:2048 -nodes -keyout client.key -out client.csr -subj /CN=dbtls-client");
        openssl("x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out client.pem");
    }

    static SecurityConfig security(String ca, String cert, String key, List<String> cns) {
        return new SecurityConfig(ca, cert, key, cns, "", "", "", "", "", "");
    }

    @Test
    void withoutSecuritySectionTheDriverUsesOpportunisticTlsAndNoPublicKeyRetrieval() {
        assertSame(DbTls.NONE, DbTls.of(SecurityConfig.NONE, "from.security"));
        Properties p = new Properties();
        DbTls.NONE.applyTo(p);
        assertEquals("PREFERRED", p.getProperty("sslMode"));
        assertFalse(p.containsKey("allowPublicKeyRetrieval"));
        assertFalse(p.containsKey("trustCertificateKeyStoreUrl"));
    }

    @Test
    void caAndClientCertificateBecomePrivateKeyStoresAndVerifyIdentity() throws Exception {
        DbTls tls = DbTls.of(security(file("ca.pem"), file("client.pem"), file("client.key"), List.of()),
                "target-database.security");
        Properties p = new Properties();
        tls.applyTo(p);
        assertEquals("VERIFY_IDENTITY", p.getProperty("sslMode"));
        assertEquals("false", p.getProperty("fallbackToSystemTrustStore"));
        Path trust = Path.of(java.net.URI.create(p.getProperty("trustCertificateKeyStoreUrl")));
        Path key = Path.of(java.net.URI.create(p.getProperty("clientCertificateKeyStoreUrl")));
        for (Path store : List.of(trust, key)) {
            assertEquals(PrivateFiles.FILE_MODE, Files.getPosixFilePermissions(store), store.toString());
            assertEquals(PrivateFiles.DIR_MODE, Files.getPosixFilePermissions(store.getParent()), store.toString());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(trust)) {
            ks.load(in, p.getProperty("trustCertificateKeyStorePassword").toCharArray());
        }
        assertEquals(1, ks.size());
        KeyStore ck = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(key)) {
            ck.load(in, p.getProperty("clientCertificateKeyStorePassword").toCharArray());
        }
        assertTrue(ck.isKeyEntry("client"));
        assertFalse(tls.toString().contains(p.getProperty("trustCertificateKeyStorePassword")));
        assertTrue(tls.describe().contains("ca.pem"), tls.describe());

        // the same material gives the same instance (one set of key store files however often units reconnect)
        assertSame(tls, DbTls.of(security(file("ca.pem"), file("client.pem"), file("client.key"), List.of()),
                "target-database.security"));
    }

    @Test
    void inlineBase64AndPemFormsAreAccepted() throws Exception {
        String caPem = Files.readString(dir.resolve("ca.pem"));
        DbTls viaBytes = DbTls.of(new SecurityConfig("", "", "", List.of(), "", "", "", caPem, "", ""), "from.security");
        DbTls viaBase64 = DbTls.of(new SecurityConfig("", "", "", List.of(),
                Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII)), "", "", "", "", ""),
                "from.security");
        assertTrue(viaBytes.verifiesServer());
        assertTrue(viaBase64.verifiesServer());
        assertFalse(new SecurityConfig("", "", "", List.of(), "", "", "", caPem, "", "").toString().contains("BEGIN"));
    }

    @Test
    void unusableFilesAreNamed() {
        DmException missing = assertThrows(DmException.class,
                () -> DbTls.of(security(dir.resolve("nope.pem").toString(), "", "", List.of()), "from.security"));
        assertSame(DbErrors.TLS_CONFIG, missing.code());
        assertTrue(missing.getMessage().contains("from.security.ssl-ca") && missing.getMessage().contains("nope.pem"),
                missing.getMessage());

        DmException halfPair = assertThrows(DmException.class,
                () -> DbTls.of(security(file("ca.pem"), file("client.pem"), "", List.of()), "target-database.security"));
        assertTrue(halfPair.getMessage().contains("ssl-cert and ssl-key go together"), halfPair.getMessage());

        DmException notACert = assertThrows(DmException.class,
                () -> DbTls.of(security(file("client.key"), "", "", List.of()), "from.security"));
        assertTrue(notACert.getMessage().contains("client.key"), notACert.getMessage());
        assertFalse(notACert.getMessage().contains("PRIVATE KEY-----"), "key material never in messages");
    }

    @Test
    void aFailedCertificateCheckNamesTheCaFile() {
        DbTls tls = DbTls.of(security(file("ca.pem"), "", "", List.of()), "from.security");
        SQLException driver = new SQLException("Communications link failure",
                new SSLHandshakeException("PKIX path building failed"));
        DmException e = tls.verifyFailure("127.0.0.1:3306", driver);
        assertSame(DbErrors.TLS_VERIFY, e.code());
        assertTrue(e.getMessage().contains("from.security.ssl-ca") && e.getMessage().contains(file("ca.pem")),
                e.getMessage());
        assertNull(tls.verifyFailure("127.0.0.1:3306", new SQLException("Access denied")));
    }

    @Test
    void aServerWithoutTlsIsRefusedWhenSslCaIsGiven() throws Exception {
        DbTls tls = DbTls.of(security(file("ca.pem"), "", "", List.of()), "from.security");
        try (ServerSocket server = new ServerSocket(0)) {
            Thread greeter = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getOutputStream().write(MysqlTlsStub.greeting(0x0200 | 0x8000)); // PROTOCOL_41 | SECURE_CONNECTION, no SSL
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the client hung up
                }
            });
            greeter.start();
            DmException e = assertThrows(DmException.class, () -> tls.checkServer("127.0.0.1", server.getLocalPort(), 5000));
            assertSame(DbErrors.TLS_VERIFY, e.code());
            assertTrue(e.getMessage().contains("does not offer TLS"), e.getMessage());
            greeter.join(5000);
        }
    }

    static String file(String name) {
        return dir.resolve(name).toString();
    }

    static void openssl(String args) throws IOException, InterruptedException {
        openssl(dir, args);
    }

    /** Runs {@code openssl args} (split on spaces) in {@code in}. */
    static void openssl(Path in, String args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args.split(" ")));
        Process p = new ProcessBuilder(cmd).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + args + " failed:\n" + out);
        }
    }
}
