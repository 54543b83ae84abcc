package io.dm4j.common.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A MySQL server that speaks the protocol only up to the client's login packet: greeting (offering TLS), the client's
 * SSL request, the TLS handshake with the certificate currently {@linkplain #serve served}, then it reads the login
 * packet (if the client sends one) and hangs up. Each accepted connection is reported as a {@link Handshake}.
 */
final class MysqlTlsStub implements AutoCloseable {
    /** One connection: the CN the stub presented and how many bytes of login the client sent over TLS. */
    record Handshake(String servedCn, int loginBytes) {
    }

    private static final int CAPABILITIES = 0x1 | 0x2 | 0x4 | 0x8 | 0x200 | 0x800 | 0x2000 | 0x8000 // ... SSL, SECURE_CONNECTION
            | 0x20000 | 0x80000 | 0x200000; // MULTI_RESULTS, PLUGIN_AUTH, PLUGIN_AUTH_LENENC_CLIENT_DATA

    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Handshake> handshakes = new LinkedBlockingQueue<>();
    private volatile SSLContext context;
    private volatile String cn;

    MysqlTlsStub(Path certPem, Path keyPem) throws Exception {
        serve(certPem, keyPem);
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "mysql-tls-stub");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Presents this certificate on the following handshakes. */
    void serve(Path certPem, Path keyPem) throws Exception {
        List<X509Certificate> chain = Pem.certificates(Files.readAllBytes(certPem));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "stub".toCharArray();
        ks.setKeyEntry("server", Pem.privateKey(Files.readAllBytes(keyPem)), pw, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(kmf.getKeyManagers(), null, null);
        context = c;
        cn = CertNames.commonName(chain.get(0));
    }

    /** The next connection the stub handled (fails the test after 30 s without one). */
    Handshake nextHandshake() throws InterruptedException {
        Handshake h = handshakes.poll(30, TimeUnit.SECONDS);
        if (h == null) {
            throw new AssertionError("the stub saw no connection");
        }
        return h;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket plain = server.accept()) {
                plain.setSoTimeout(20_000);
                String servedCn = cn;
                plain.getOutputStream().write(greeting(CAPABILITIES));
                plain.getOutputStream().flush();
                readPacket(plain.getInputStream()); // the SSL request
                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
                tls.setUseClientMode(false);
                int login;
                try (tls) {
                    tls.startHandshake();
                    login = readPacket(tls.getInputStream());
                }
                handshakes.add(new Handshake(servedCn, login));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    handshakes.add(new Handshake("failed: " + e, -1));
                }
            }
        }
    }

    /** Bytes of one packet (header included), 0 when the peer hung up first. */
    private static int readPacket(InputStream in) throws IOException {
        byte[] header;
        try {
            header = in.readNBytes(4);
        } catch (IOException e) {
            return 0; // closed by the client (e.g. after refusing the certificate)
        }
        if (header.length < 4) {
            return 0;
        }
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        return 4 + in.readNBytes(length).length;
    }

    /** A MySQL protocol-10 greeting offering {@code capabilities}. */
    static byte[] greeting(int capabilities) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(10);
        body.writeBytes("8.0.40-stub".getBytes(StandardCharsets.US_ASCII));
        body.write(0);
        body.writeBytes(new byte[] {7, 0, 0, 0});
        body.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII));
        body.write(0);
        body.write(capabilities & 0xff);
        body.write((capabilities >> 8) & 0xff);
        body.write(45); // utf8mb4_general_ci
        body.writeBytes(new byte[] {2, 0}); // autocommit
        body.write((capabilities >> 16) & 0xff);
        body.write((capabilities >> 24) & 0xff);
        body.write(21);
        body.writeBytes(new byte[10]);
        body.writeBytes("ijklmnopqrst".getBytes(StandardCharsets.US_ASCII));
        body.write(0);
        body.writeBytes("mysql_native_password".getBytes(StandardCharsets.US_ASCII));
        body.write(0);
        byte[] payload = body.toByteArray();
        byte[] packet = new byte[payload.length + 4];
        packet[0] = (byte) payload.length;
        System.arraycopy(payload, 0, packet, 4, payload.length);
        return packet;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
