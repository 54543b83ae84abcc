package io.dm4j.proto.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust manager of the masters' Raft peer traffic: the CA check first, then cert-allowed-cn on the leaf. */
class AllowedCnTrustManagerTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(dir);
    }

    static X509TrustManager trusting(List<String> allowed) {
        return (X509TrustManager) JsseManagers.trustManager(certs.client("client").withAllowedCommonNames(allowed));
    }

    static X509Certificate[] chain(String name) {
        return PemFiles.certificates(certs.file(name + ".pem"), "ssl-cert").toArray(new X509Certificate[0]);
    }

    @Test
    void anAllowedCnSignedByTheCaIsTrusted() {
        assertDoesNotThrow(() -> trusting(List.of("dm4j-client")).checkClientTrusted(chain("client"), "UNKNOWN"));
        assertDoesNotThrow(() -> trusting(List.of()).checkClientTrusted(chain("intruder"), "UNKNOWN"),
                "without cert-allowed-cn every certificate of the CA is trusted");
    }

    @Test
    void aCnNotAllowedIsRefusedAndTheMessageNamesIt() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> trusting(List.of("dm4j-client")).checkClientTrusted(chain("intruder"), "UNKNOWN"));
        assertTrue(e.getMessage().contains("CN intruder, which is not in cert-allowed-cn [dm4j-client]"), e.getMessage());
    }

    @Test
    void anAllowedCnFromAnotherCaIsRefusedByTheCaCheck() {
        CertificateException e = assertThrows(CertificateException.class,
                () -> trusting(List.of("dm4j-client")).checkClientTrusted(chain("stranger"), "UNKNOWN"));
        assertFalse(e.getMessage().contains("cert-allowed-cn"), "refused for the chain, not the CN: " + e.getMessage());
    }
}
