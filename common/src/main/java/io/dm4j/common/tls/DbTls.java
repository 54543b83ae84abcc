package io.dm4j.common.tls;

import io.dm4j.common.config.SecurityConfig;
import io.dm4j.common.errors.DbErrors;
import io.dm4j.common.errors.DmException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS of one database connection, from its {@code security} section ({@code from.security} in source.yaml,
 * {@code target-database.security} in task.yaml). Every dm4j connection to that database uses it: JDBC through
 * {@link #applyTo(Properties)}, the binlog stream through {@link #upgrade(Socket, String, int)}; both check
 * {@code cert-allowed-cn} on every TLS handshake (JDBC through {@link AllowedCnSocketFactory}).
 *
 * <ul>
 *   <li>No section: the driver's opportunistic TLS ({@code sslMode=PREFERRED}, as DM's {@code tls=preferred}); the
 *       server certificate is not checked, so this protects against eavesdroppers only.</li>
 *   <li>{@code ssl-ca}: TLS is required and the server certificate must chain to that CA and name the dialled host
 *       (Connector/J {@code VERIFY_IDENTITY}); with {@code cert-allowed-cn} its CN must also be listed.</li>
 *   <li>{@code ssl-cert}/{@code ssl-key}: presented as the client certificate ({@code REQUIRE X509} accounts).</li>
 * </ul>
 *
 * <p>Connector/J reads trust and key material only from key store files, so the PEM material is written once per
 * instance as PKCS#12 stores with a random password, in a private (0700) directory, files 0600, removed at exit.
 */
public final class DbTls {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.Map<String, DbTls> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** No {@code security} section. */
    public static final DbTls NONE = new DbTls("security", "", List.of(), null, List.of(), List.of());


    private final String where;
    private final String caOrigin;
    private final List<X509Certificate> ca;
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final List<String> allowedCn;
    private final char[] storePassword;
    private Path trustStore;
    private Path keyStore;
    private SSLContext context;

    private DbTls(String where, String caOrigin, List<X509Certificate> ca, PrivateKey key, List<X509Certificate> chain,
                  List<String> allowedCn) {
        this.where = where;
        this.caOrigin = caOrigin;
        this.ca = List.copyOf(ca);
        this.key = key;
        this.chain = List.copyOf(chain);
        this.allowedCn = List.copyOf(allowedCn);
        byte[] pw = new byte[24];
        RANDOM.nextBytes(pw);
        this.storePassword = HexFormat.of().formatHex(pw).toCharArray();
    }

    /**
     * Reads the certificates and key the section names.
     *
     * @param where the section, for messages: {@code from.security} or {@code target-database.security}
     * @throws DmException {@link DbErrors#TLS_CONFIG} naming the key and file that cannot be used
     */
    public static DbTls of(SecurityConfig s, String where) {
        if (s == null || !s.anyGiven()) {
            return NONE;
        }
        Material caM = Material.pick(where, "ssl-ca", s.sslCa(), s.sslCaBase64(), s.sslCaBytes());
        Material certM = Material.pick(where, "ssl-cert", s.sslCert(), s.sslCertBase64(), s.sslCertBytes());
        Material keyM = Material.pick(where, "ssl-key", s.sslKey(), s.sslKeyBase64(), s.sslKeyBytes());
        if ((certM == null) != (keyM == null)) {
            throw DbErrors.TLS_CONFIG.error(where + ": ssl-cert and ssl-key go together; only "
                    + (certM == null ? keyM.origin : certM.origin) + " was given");
        }
        // One instance (and one set of key store files) per distinct material, however often units reconnect;
        // a renewed certificate file gives a new instance.
        String identity = where + '\0' + s.certAllowedCn() + '\0' + Material.digest(caM, certM, keyM);
        return CACHE.computeIfAbsent(identity, k -> {
            List<X509Certificate> ca = caM == null ? List.of() : caM.certificates();
            List<X509Certificate> chain = certM == null ? List.of() : certM.certificates();
            PrivateKey key = keyM == null ? null : keyM.privateKey();
            return new DbTls(where, caM == null ? "" : caM.origin, ca, key, chain, s.certAllowedCn());
        });
    }

    /**
     * The PEM file of one {@code ssl-ca}/{@code ssl-cert}/{@code ssl-key} setting, for users that need a file (the
     * cluster's own TLS): the path when given, else the inline {@code -base64}/{@code -bytes} form written to a private
     * (0600, in a 0700 directory) temporary file removed at exit; null when none of the forms is given.
     *
     * @param where the file or section, for messages, e.g. {@code dm-worker.toml}
     * @throws DmException {@link DbErrors#TLS_CONFIG} when the base64 text cannot be decoded or the file not written
     */
    public static Path pemFile(String where, String name, String path, String base64, String bytes) {
        if (!path.isEmpty()) {
            return Path.of(path);
        }
        Material m = Material.pick(where, name, path, base64, bytes);
        if (m == null) {
            return null;
        }
        try {
            Path file = io.dm4j.common.files.PrivateFiles.createFile(
                    io.dm4j.common.files.PrivateFiles.tempDirectory("dm4j-" + name).resolve(name + ".pem"));
            file.toFile().deleteOnExit();
            Files.write(file, m.pem);
            return file;
        } catch (IOException e) {
            throw DbErrors.TLS_CONFIG.wrap(e, where + ": cannot write " + m.origin + " to a private file: " + e.getMessage());
        }
    }

    /** Whether a {@code security} section with material was given. */
    public boolean configured() {
        return !ca.isEmpty() || key != null;
    }

    /** Whether the server certificate is verified (an {@code ssl-ca} is given). */
    public boolean verifiesServer() {
        return !ca.isEmpty();
    }

    /** Connector/J properties for this TLS setting (the key store password travels only in these properties). */
    public synchronized void applyTo(Properties p) {
        if (!configured()) {
            p.setProperty("sslMode", "PREFERRED");
            return;
        }
        p.setProperty("sslMode", verifiesServer() ? "VERIFY_IDENTITY" : "REQUIRED");
        p.setProperty("fallbackToSystemTrustStore", "false");
        p.setProperty("fallbackToSystemKeyStore", "false");
        try {
            if (verifiesServer()) {
                if (trustStore == null) {
                    KeyStore ks = emptyStore();
                    for (int i = 0; i < ca.size(); i++) {
                        ks.setCertificateEntry("ca" + i, ca.get(i));
                    }
                    trustStore = io.dm4j.common.files.PrivateFiles.writeKeyStore("dm4j-db-trust", ks, storePassword);
                }
                p.setProperty("trustCertificateKeyStoreUrl", trustStore.toUri().toString());
                p.setProperty("trustCertificateKeyStoreType", "PKCS12");
                p.setProperty("trustCertificateKeyStorePassword", new String(storePassword));
            }
            if (key != null) {
                if (keyStore == null) {
                    KeyStore ks = emptyStore();
                    ks.setKeyEntry("client", key, storePassword, chain.toArray(new X509Certificate[0]));
                    keyStore = io.dm4j.common.files.PrivateFiles.writeKeyStore("dm4j-db-key", ks, storePassword);
                }
                p.setProperty("clientCertificateKeyStoreUrl", keyStore.toUri().toString());
                p.setProperty("clientCertificateKeyStoreType", "PKCS12");
                p.setProperty("clientCertificateKeyStorePassword", new String(storePassword));
            }
            if (!allowedCn.isEmpty()) {
                // every handshake of every JDBC connection (each new pooled one too) checks the CN, as the binlog
                // stream's upgrade() does; the factory finds this instance by its (random, private) store file
                AllowedCnSocketFactory.register((trustStore != null ? trustStore : keyStore).toUri().toString(), this);
                p.setProperty("socketFactory", AllowedCnSocketFactory.CLASS_NAME);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw DbErrors.TLS_CONFIG.wrap(e, where + ": cannot prepare the TLS key stores: " + e.getMessage());
        }
    }

    /** The JDK context: trusts only {@code ssl-ca} (trust-all when no CA is given), presents the client certificate. */
    public synchronized SSLContext sslContext() {
        if (context != null) {
            return context;
        }
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            javax.net.ssl.KeyManager[] kms = null;
            if (key != null) {
                KeyStore ks = emptyStore();
                ks.setKeyEntry("client", key, storePassword, chain.toArray(new X509Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, storePassword);
                kms = kmf.getKeyManagers();
            }
            javax.net.ssl.TrustManager[] tms;
            if (verifiesServer()) {
                KeyStore ts = emptyStore();
                for (int i = 0; i < ca.size(); i++) {
                    ts.setCertificateEntry("ca" + i, ca.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
                tms = tmf.getTrustManagers();
            } else {
                tms = new javax.net.ssl.TrustManager[] {TrustAll.INSTANCE};
            }
            c.init(kms, tms, RANDOM);
            context = c;
            return c;
        } catch (GeneralSecurityException | IOException e) {
            throw DbErrors.TLS_CONFIG.wrap(e, where + ": cannot set up TLS: " + e.getMessage());
        }
    }

    /**
     * Turns a connected socket, after the MySQL SSL request packet, into a TLS socket with the handshake done and the
     * server certificate checked (chain, host name, {@code cert-allowed-cn}).
     */
    public SSLSocket upgrade(Socket plain, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) sslContext().getSocketFactory().createSocket(plain, host, port, true);
        if (verifiesServer()) {
            SSLParameters params = s.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(params);
        }
        try {
            s.startHandshake();
            checkCommonName(s, host + ":" + port);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Connects once to {@code host:port}, asks for TLS as a MySQL client does, and checks the server certificate,
     * so a wrong CA or a CN outside {@code cert-allowed-cn} fails with an error naming the setting and its file.
     * Does nothing when no {@code ssl-ca} is given.
     */
    public void checkServer(String host, int port, int timeoutMillis) {
        if (!verifiesServer()) {
            return;
        }
        String address = host + ":" + port;
        try (Socket socket = new Socket()) {
            socket.connect(new java.net.InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            MysqlSslRequest.send(socket, address);
            upgrade(socket, host, port).close();
        } catch (DmException e) {
            throw e;
        } catch (IOException e) {
            DmException verify = verifyFailure(address, e);
            if (verify != null) {
                throw verify;
            }
            // Unreachable or not MySQL: the real connection reports that with the driver's own words.
        }
    }

    /**
     * A {@link DbErrors#TLS_VERIFY} error naming {@code ssl-ca} and its file when {@code failure} is (caused by) a
     * certificate check that failed; null for any other failure.
     */
    public DmException verifyFailure(String address, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DmException dm && dm.code() == DbErrors.TLS_VERIFY) {
                return dm; // our own check (e.g. the CN), however deep the driver wrapped it
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
                    || t instanceof CertPathValidatorException || t instanceof CertificateException) {
                String why = verifiesServer()
                        ? "the server certificate is not accepted by " + where + "." + caOrigin + " (" + rootMessage(t) + ")"
                        : "the TLS handshake failed (" + rootMessage(t) + ")";
                return DbErrors.TLS_VERIFY.wrap(failure, address, why);
            }
        }
        return null;
    }

    /** For logs: what this connection's TLS does (never key material). */
    public String describe() {
        if (!configured()) {
            return "TLS if the server offers it, certificate not verified (no " + where + ")";
        }
        return (verifiesServer() ? "TLS verified against " + where + "." + caOrigin : "TLS, server certificate not verified")
                + (key != null ? ", client certificate" : "")
                + (allowedCn.isEmpty() ? "" : ", cert-allowed-cn " + allowedCn);
    }

    /** Refuses the server certificate of {@code s} when {@code cert-allowed-cn} is set and does not list its CN. */
    void checkCommonName(SSLSocket s, String address) throws SSLPeerUnverifiedException {
        if (allowedCn.isEmpty()) {
            return;
        }
        X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
        String cn = CertNames.commonName(leaf);
        if (!allowedCn.contains(cn)) {
            throw DbErrors.TLS_VERIFY.error(address, "the server certificate's CN `" + cn + "` is not in "
                    + where + ".cert-allowed-cn " + allowedCn);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return String.valueOf(r.getMessage());
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    @Override
    public String toString() {
        return "DbTls[" + describe() + "]";
    }

    /** One of ssl-ca / ssl-cert / ssl-key, from its file, base64 or inline PEM form. */
    private record Material(String origin, byte[] pem) {
        static Material pick(String where, String name, String path, String base64, String bytes) {
            if (!path.isEmpty()) {
                try {
                    return new Material(name + " `" + path + "`", Files.readAllBytes(Path.of(path)));
                } catch (IOException | RuntimeException e) {
                    throw DbErrors.TLS_CONFIG.wrap(e, where + "." + name + ": cannot read the file `" + path + "`: " + e);
                }
            }
            if (!base64.isEmpty()) {
                try {
                    return new Material(name + "-base64", Base64.getMimeDecoder().decode(base64));
                } catch (IllegalArgumentException e) {
                    throw DbErrors.TLS_CONFIG.error(where + "." + name + "-base64 is not base64 text");
                }
            }
            if (!bytes.isEmpty()) {
                return new Material(name + "-bytes", bytes.getBytes(StandardCharsets.US_ASCII));
            }
            return null;
        }

        static String digest(Material... parts) {
            try {
                java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
                for (Material m : parts) {
                    md.update(m == null ? new byte[0] : (m.origin + '\0').getBytes(StandardCharsets.UTF_8));
                    md.update(m == null ? new byte[0] : m.pem);
                    md.update((byte) 0);
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        List<X509Certificate> certificates() {
            try {
                return Pem.certificates(pem);
            } catch (IllegalArgumentException e) {
                throw DbErrors.TLS_CONFIG.error(origin + " " + e.getMessage());
            }
        }

        PrivateKey privateKey() {
            try {
                return Pem.privateKey(pem);
            } catch (IllegalArgumentException e) {
                throw DbErrors.TLS_CONFIG.error(origin + " " + e.getMessage());
            }
        }
    }

    /** Used only when no ssl-ca is given but a client certificate is: TLS without server verification, as asked. */
    private enum TrustAll implements javax.net.ssl.X509TrustManager {
        INSTANCE;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The MySQL client's switch to TLS: read the server greeting, answer with an SSL request packet. */
    static final class MysqlSslRequest {
        private static final int CLIENT_LONG_PASSWORD = 0x1;
        private static final int CLIENT_PROTOCOL_41 = 0x200;
        private static final int CLIENT_SSL = 0x800;
        private static final int CLIENT_SECURE_CONNECTION = 0x8000;
        private static final int UTF8MB4_GENERAL_CI = 45;

        private MysqlSslRequest() {
        }

        static void send(Socket socket, String address) throws IOException {
            var in = socket.getInputStream();
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new IOException(address + " closed the connection before its greeting");
            }
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            byte[] greeting = in.readNBytes(length);
            if (greeting.length < 1 || greeting[0] != 10) {
                throw new IOException(address + " did not greet as a MySQL server");
            }
            int p = 1;
            while (p < greeting.length && greeting[p] != 0) {
                p++; // server version, NUL-terminated
            }
            p += 1 + 4 + 8 + 1; // NUL, connection id, auth data part 1, filler
            if (p + 2 > greeting.length) {
                throw new IOException(address + " sent a short greeting");
            }
            int capabilities = (greeting[p] & 0xff) | (greeting[p + 1] & 0xff) << 8;
            if ((capabilities & CLIENT_SSL) == 0) {
                throw DbErrors.TLS_VERIFY.error(address, "the server does not offer TLS; configure ssl_ca, ssl_cert"
                        + " and ssl_key on it");
            }
            byte[] packet = new byte[4 + 32];
            packet[0] = 32;
            packet[3] = (byte) (header[3] + 1);
            int flags = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION;
            for (int i = 0; i < 4; i++) {
                packet[4 + i] = (byte) (flags >>> (8 * i));
            }
            packet[8 + 3] = 1; // max packet 16 MiB
            packet[12] = UTF8MB4_GENERAL_CI;
            OutputStream out = socket.getOutputStream();
            out.write(packet);
            out.flush();
        }
    }
}
