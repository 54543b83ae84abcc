package io.dm4j.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI made with the openssl CLI (as proto's TlsTest does): a CA, a node certificate for 127.0.0.1 that
 * dm-master and dm-worker use both to serve and to call each other (serverAuth + clientAuth), and a dmctl client
 * certificate (clientAuth only), all signed by the CA.
 */
final class TestPki {
    final Path dir;

    TestPki(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        openssl("req -x509 -newkey " + EC + " -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=dm4j-it-ca");
        Files.writeString(dir.resolve("node.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n", StandardCharsets.US_ASCII);
        issue("node", "dm4j-node", "node.ext");
        issue("client", "dm4j-dmctl", "client.ext");
    }

    private static final String EC = "ec -pkeyopt ec_paramgen_curve:prime256v1";

    /** The --ssl-ca/--ssl-cert/--ssl-key flags for the certificate {@code name} ("node" or "client"). */
    List<String> flags(String name) {
        return List.of("--ssl-ca", dir.resolve("ca.pem").toString(), "--ssl-cert", dir.resolve(name + ".pem").toString(),
                "--ssl-key", dir.resolve(name + ".key").toString());
    }

    /** Another node (server) certificate for 127.0.0.1 and localhost, signed by the same CA, with its own CN. */
    void issueNode(String name, String cn) throws IOException, InterruptedException {
        issue(name, cn, "node.ext");
    }

    /** Another client certificate signed by the same CA, with its own CN. */
    void issueClient(String name, String cn) throws IOException, InterruptedException {
        issue(name, cn, "client.ext");
    }

    private void issue(String name, String cn, String ext) throws IOException, InterruptedException {
        openssl("req -newkey " + EC + " -nodes -keyout " + name + ".key -out " + name + ".csr -subj /CN=" + cn);
        openssl("x509 -req -in " + name + ".csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out " + name
                + ".pem -extfile " + ext);
    }

    private void openssl(String args) throws IOException, InterruptedException {
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
