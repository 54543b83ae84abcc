package io.dm4j.proto.tls;

import io.dm4j.common.errors.RpcErrors;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Builds Netty TLS contexts (JDK provider) from a {@link TlsConfig}; null when TLS is off. */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SslContext forServer(TlsConfig tls) {
        if (!tls.enabled()) {
            return null;
        }
        if (!tls.hasCertificate()) {
            throw RpcErrors.TLS_CONFIG.error("a TLS server needs ssl-cert and ssl-key (only ssl-ca "
                    + tls.caFile() + " was given)");
        }
        PrivateKey key = PemFiles.privateKey(tls.keyFile(), "ssl-key");
        List<X509Certificate> chain = PemFiles.certificates(tls.certFile(), "ssl-cert");
        SslContextBuilder b = SslContextBuilder.forServer(key, chain).sslProvider(SslProvider.JDK);
        if (tls.caFile() != null) {
            b.trustManager(PemFiles.certificates(tls.caFile(), "ssl-ca")).clientAuth(ClientAuth.REQUIRE);
        }
        return build(b);
    }

    public static SslContext forClient(TlsConfig tls) {
        if (!tls.enabled()) {
            return null;
        }
        // Hostname verification (Netty 4.2's default) stays on: the server certificate must name the dialled host.
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS");
        if (tls.caFile() != null) {
            b.trustManager(PemFiles.certificates(tls.caFile(), "ssl-ca"));
        }
        if (tls.hasCertificate()) {
            b.keyManager(PemFiles.privateKey(tls.keyFile(), "ssl-key"),
                    PemFiles.certificates(tls.certFile(), "ssl-cert"));
        }
        return build(b);
    }

    private static SslContext build(SslContextBuilder b) {
        try {
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, "cannot set up TLS: " + e.getMessage());
        }
    }
}
