package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.STRING;
import static io.dm4j.common.config.ValueTypes.STRING_LIST;

import java.util.List;

/**
 * TLS settings: {@code security} of a database connection, and the same keys at the top level of dm-master.toml and
 * dm-worker.toml. Certificates are given as file paths or, alternatively, as base64 text.
 */
public record SecurityConfig(String sslCa, String sslCert, String sslKey, List<String> certAllowedCn,
                             String sslCaBase64, String sslCertBase64, String sslKeyBase64,
                             String sslCaBytes, String sslCertBytes, String sslKeyBytes) {

    static final Option<String> SSL_CA = Option.of("ssl-ca", STRING, "", "Path of the PEM file with the trusted CA certificates; enables TLS, and the peer certificate must chain to it (for a database also name its host).");
    static final Option<String> SSL_CERT = Option.of("ssl-cert", STRING, "", "Path of the PEM file with this side's X509 certificate.");
    static final Option<String> SSL_KEY = Option.of("ssl-key", STRING, "", "Path of the PEM file with this side's X509 private key.");
    static final Option<List<String>> CERT_ALLOWED_CN = Option.of("cert-allowed-cn", STRING_LIST, List.of(),
            "Common names a peer certificate must carry to be accepted.");
    static final Option<String> SSL_CA_BASE64 = Option.of("ssl-ca-base64", STRING, "", "The CA certificates as base64 text instead of a file.").hidden();
    static final Option<String> SSL_CERT_BASE64 = Option.of("ssl-cert-base64", STRING, "", "The certificate as base64 text instead of a file.").hidden();
    static final Option<String> SSL_KEY_BASE64 = Option.of("ssl-key-base64", STRING, "", "The private key as base64 text instead of a file.").hidden();

    // DM's inline forms (the PEM text itself), as DM's OpenAPI and its stored configs write them.
    static final Option<String> SSL_CA_BYTES = Option.of("ssl-ca-bytes", STRING, "", "The CA certificates as PEM text instead of a file.").hidden();
    static final Option<String> SSL_CERT_BYTES = Option.of("ssl-cert-bytes", STRING, "", "The certificate as PEM text instead of a file.").hidden();
    static final Option<String> SSL_KEY_BYTES = Option.of("ssl-key-bytes", STRING, "", "The private key as PEM text instead of a file.").hidden();

    /** The keys, for schemas that inline them (dm-master.toml, dm-worker.toml). */
    static final List<Option<?>> OPTIONS = List.of(SSL_CA, SSL_CERT, SSL_KEY, CERT_ALLOWED_CN, SSL_CA_BASE64, SSL_CERT_BASE64,
            SSL_KEY_BASE64, SSL_CA_BYTES, SSL_CERT_BYTES, SSL_KEY_BYTES);

    static final Schema SCHEMA = Schema.of("security", "TLS of the database connection.", OPTIONS.toArray());

    public static final SecurityConfig NONE = from(Values.empty(""));

    public SecurityConfig {
        certAllowedCn = List.copyOf(certAllowedCn);
    }

    /** Whether TLS is configured (a CA is given). */
    public boolean enabled() {
        return !sslCa.isEmpty() || !sslCaBase64.isEmpty() || !sslCaBytes.isEmpty();
    }

    /** Whether any TLS key is given (a CA, or only a client certificate). */
    public boolean anyGiven() {
        return enabled() || !sslCert.isEmpty() || !sslCertBase64.isEmpty() || !sslCertBytes.isEmpty()
                || !sslKey.isEmpty() || !sslKeyBase64.isEmpty() || !sslKeyBytes.isEmpty();
    }

    static SecurityConfig from(Values v) {
        return new SecurityConfig(v.get(SSL_CA), v.get(SSL_CERT), v.get(SSL_KEY), v.get(CERT_ALLOWED_CN),
                v.get(SSL_CA_BASE64), v.get(SSL_CERT_BASE64), v.get(SSL_KEY_BASE64),
                v.get(SSL_CA_BYTES), v.get(SSL_CERT_BYTES), v.get(SSL_KEY_BYTES));
    }

    /** Paths and CNs only: inline certificate and key text never reaches a log line. */
    @Override
    public String toString() {
        return "SecurityConfig[ssl-ca=" + sslCa + ", ssl-cert=" + sslCert + ", ssl-key=" + sslKey + ", cert-allowed-cn="
                + certAllowedCn + (sslCaBase64.isEmpty() && sslCaBytes.isEmpty() ? "" : ", inline ca")
                + (sslCertBase64.isEmpty() && sslCertBytes.isEmpty() ? "" : ", inline cert")
                + (sslKeyBase64.isEmpty() && sslKeyBytes.isEmpty() ? "" : ", inline key") + "]";
    }
}
