package io.dm4j.proto.tls;

import io.dm4j.common.errors.RpcErrors;
import io.dm4j.common.tls.Pem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads the PEM files of the RPC TLS options ({@link Pem} parses them); problems are {@link RpcErrors#TLS_CONFIG}. */
public final class PemFiles {
    private PemFiles() {
    }

    public static List<X509Certificate> certificates(Path file, String option) {
        try {
            return Pem.certificates(read(file, option));
        } catch (IllegalArgumentException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, option + " " + file + " " + e.getMessage());
        }
    }

    public static PrivateKey privateKey(Path file, String option) {
        try {
            return Pem.privateKey(read(file, option));
        } catch (IllegalArgumentException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, option + " " + file + " " + e.getMessage());
        }
    }

    private static byte[] read(Path file, String option) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw RpcErrors.TLS_CONFIG.wrap(e, "cannot read " + option + " file " + file);
        }
    }
}
