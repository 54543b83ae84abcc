package io.dm4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SecurityConfig;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.tls.DbTls;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.DbEndpoint;
import io.dm4j.testsupport.TestDatabases;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code cert-allowed-cn} holds for every connection, not only the first one to a target: both sandbox servers serve a
 * certificate with an allowed CN, dm4j connects (an upstream's short connections, a downstream pool), then the servers
 * switch to a certificate of the same CA, for the same address, whose CN is not listed: the next upstream connection
 * and the pool's next new connection are refused with {@code ErrDBTLSVerify} naming the CN.
 */
@ExtendWith(DatabasesExtension.class)
class DatabaseCnEveryConnectionIT {
    @AfterAll
    static void plainAgain() throws Exception {
        DatabaseTlsIT.sandbox("tls", "off");
    }

    @Test
    void aServerWhoseCertificateChangesToAnUnlistedCnIsRefusedOnTheNextConnection(TestDatabases dbs) throws Exception {
        Path dir = Files.createTempDirectory("dm4j-db-cn-it");
        TestPki pki = new TestPki(dir);
        pki.issueNode("impostor", "dm4j-impostor");
        String ca = dir.resolve("ca.pem").toString();
        DatabaseTlsIT.sandbox("tls", ca, dir.resolve("node.pem").toString(), dir.resolve("node.key").toString());

        List<String> allowed = List.of("dm4j-node");
        SecurityConfig security = new SecurityConfig(ca, "", "", allowed, "", "", "", "", "", "");
        DbEndpoint up = dbs.upstream();
        DbEndpoint down = dbs.downstream();
        Upstream upstream = new Upstream(up.host(), up.port(), up.user(), up.password(),
                DbTls.of(security, "from.security"));
        DownstreamConfig target = new DownstreamConfig(down.host(), down.port(), down.user(), down.password(), Map.of(),
                null, DbTls.of(security, "target-database.security"), 2);
        assertTrue(upstream.variable("version").isPresent(), "first upstream connection, allowed CN");
        try (Downstream pool = Downstream.open(target, "cn-it")) {
            try (Connection c = pool.connection()) {
                assertTrue(c.isValid(5), "first pooled connection, allowed CN");
            }

            // same CA, same address (IP SAN 127.0.0.1), CN not in cert-allowed-cn; restarts both servers
            DatabaseTlsIT.sandbox("tls", ca, dir.resolve("impostor.pem").toString(), dir.resolve("impostor.key").toString());

            DmException refused = assertThrows(DmException.class, upstream::connect);
            assertRefusedForCn(refused);
            // the pool's connections died with the restart; every new one must pass the check again
            SQLException poolFailure = assertThrows(SQLException.class, () -> pool.connection().close());
            DmException poolRefused = target.tls().verifyFailure(target.address(), poolFailure);
            assertTrue(poolRefused != null, "pool connection refused by the CN check: " + poolFailure);
            assertRefusedForCn(poolRefused);
        }
    }

    private static void assertRefusedForCn(DmException e) {
        assertSame(DbErrors.TLS_VERIFY, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("dm4j-impostor") && e.getMessage().contains("cert-allowed-cn"), e.getMessage());
        assertEquals(DbErrors.TLS_VERIFY.code(), e.code().code());
    }
}
