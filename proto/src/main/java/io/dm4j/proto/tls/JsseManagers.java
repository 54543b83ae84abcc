package io.dm4j.proto.tls;

import io.dm4j.common.errors.RpcErrors;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * JSSE key and trust managers from a {@link TlsConfig}, for transports that are not built on our Netty contexts
 * (the masters' Raft peer traffic): the key manager presents ssl-cert/ssl-key, the trust manager accepts only
 * chains to ssl-ca and then enforces cert-allowed-cn.
 */
public final class JsseManagers {
    private static final char[] NO_PASSWORD = new char[0];

    private JsseManagers() {
    }

    public static KeyManager keyManager(TlsConfig tls) {
        PrivateKey key = PemFiles.privateKey(tls.keyFile(), "ssl-key");
        List<X509Certificate> chain = PemFiles.certificates(tls.certFile(), "ssl-cert");
        try {
            KeyStore ks = emptyStore();
            ks.setKeyEntry("dm4j", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            f.init(ks, NO_PASSWORD);
            return f.getKeyManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, "cannot use ssl-cert " + tls.certFile() + " with ssl-key " + tls.keyFile()
                    + ": " + e.getMessage());
        }
    }

    public static TrustManager trustManager(TlsConfig tls) {
        List<X509Certificate> cas = PemFiles.certificates(tls.caFile(), "ssl-ca");
        try {
            KeyStore ks = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                ks.setCertificateEntry("ca" + i, cas.get(i));
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            for (TrustManager t : f.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    return new AllowedCnTrustManager(x, tls.allowedCommonNames());
                }
            }
            throw new GeneralSecurityException("no X.509 trust manager in " + f.getAlgorithm());
        } catch (GeneralSecurityException | IOException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, "cannot use ssl-ca " + tls.caFile() + ": " + e.getMessage());
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }
}
