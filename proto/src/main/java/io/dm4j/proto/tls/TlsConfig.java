package io.dm4j.proto.tls;

import io.dm4j.common.config.SecurityConfig;
import io.dm4j.common.errors.RpcErrors;
import io.dm4j.common.tls.DbTls;

import java.nio.file.Path;
import java.util.List;

/**
 * TLS settings of one RPC endpoint, named as in DM ({@code ssl-ca}, {@code ssl-cert}, {@code ssl-key},
 * {@code cert-allowed-cn}); all PEM files.
 * <ul>
 *   <li>TLS is on when any file is given. A server needs {@code certFile} and {@code keyFile}.</li>
 *   <li>A server with {@code caFile} requires every client to present a certificate signed by that CA (mutual TLS).
 *       A client with {@code caFile} trusts only that CA, else the JDK's default trust store; the server's
 *       certificate must name the host the client dialled (subjectAltName).</li>
 *   <li>{@code allowedCommonNames}, when not empty, additionally restricts the peer certificate's CN.</li>
 * </ul>
 */
public record TlsConfig(Path caFile, Path certFile, Path keyFile, List<String> allowedCommonNames) {

    public static final TlsConfig NONE = new TlsConfig(null, null, null, List.of());

    public TlsConfig {
        allowedCommonNames = allowedCommonNames == null ? List.of() : List.copyOf(allowedCommonNames);
        if ((certFile == null) != (keyFile == null)) {
            throw RpcErrors.TLS_CONFIG.error("ssl-cert and ssl-key must be given together (got ssl-cert="
                    + certFile + ", ssl-key=" + keyFile + ")");
        }
    }

    public static TlsConfig of(Path caFile, Path certFile, Path keyFile) {
        return new TlsConfig(caFile, certFile, keyFile, List.of());
    }

    /**
     * The top-level ssl-ca / ssl-cert / ssl-key / cert-allowed-cn of dm-master.toml or dm-worker.toml; DM's inline
     * forms ({@code ssl-ca-bytes}, {@code ssl-ca-base64}, ...) are used as well, from private temporary files, rather
     * than silently leaving the cluster without TLS.
     */
    public static TlsConfig fromSecurity(SecurityConfig s) {
        String where = "the daemon's configuration";
        return new TlsConfig(DbTls.pemFile(where, "ssl-ca", s.sslCa(), s.sslCaBase64(), s.sslCaBytes()),
                DbTls.pemFile(where, "ssl-cert", s.sslCert(), s.sslCertBase64(), s.sslCertBytes()),
                DbTls.pemFile(where, "ssl-key", s.sslKey(), s.sslKeyBase64(), s.sslKeyBytes()), s.certAllowedCn());
    }

    public TlsConfig withAllowedCommonNames(List<String> names) {
        return new TlsConfig(caFile, certFile, keyFile, names);
    }

    public boolean enabled() {
        return caFile != null || certFile != null;
    }

    public boolean hasCertificate() {
        return certFile != null;
    }
}
