package io.dm4j.proto.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI made with the openssl CLI: a CA, a server certificate for localhost/127.0.0.1, a client
 * certificate (CN dm4j-client, PKCS#1 RSA key as older OpenSSL wrote), a second client (CN intruder) signed by
 * the same CA, and a client signed by an unrelated CA.
 */
final class TestCertificates {
    final Path dir;

    TestCertificates(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        String ec = "ec -pkeyopt ec_paramgen_curve:prime256v1";
        openssl("req -x509 -newkey " + ec + " -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=dm4j-test-ca");
        openssl("req -x509 -newkey " + ec + " -nodes -keyout other-ca.key -out other-ca.pem -days 2 -subj /CN=other-ca");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n", StandardCharsets.US_ASCII);

        openssl("req -newkey " + ec + " -nodes -keyout server.key -out server.csr -subj /CN=dm4j-server");
        sign("server", "ca", "server.ext");

        openssl("genrsa -traditional -out client.key 2048");
        openssl("req -new -key client.key -out client.csr -subj /CN=dm4j-client");
        sign("client", "ca", "client.ext");

        openssl("req -newkey " + ec + " -nodes -keyout intruder.key -out intruder.csr -subj /CN=intruder");
        sign("intruder", "ca", "client.ext");

        openssl("req -newkey " + ec + " -nodes -keyout stranger.key -out stranger.csr -subj /CN=dm4j-client");
        sign("stranger", "other-ca", "client.ext");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    TlsConfig server(boolean requireClientCertificates) {
        return TlsConfig.of(requireClientCertificates ? file("ca.pem") : null, file("server.pem"), file("server.key"));
    }

    TlsConfig client(String name) {
        return TlsConfig.of(file("ca.pem"), file(name + ".pem"), file(name + ".key"));
    }

    TlsConfig clientWithoutCertificate() {
        return TlsConfig.of(file("ca.pem"), null, null);
    }

    private void sign(String name, String ca, String ext) throws IOException, InterruptedException {
        openssl("x509 -req -in " + name + ".csr -CA " + ca + ".pem -CAkey " + ca + ".key -CAcreateserial -days 2"
                + " -out " + name + ".pem -extfile " + ext);
    }

    void openssl(String args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args.split(" ")));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + args + " failed:\n" + output);
        }
    }
}
