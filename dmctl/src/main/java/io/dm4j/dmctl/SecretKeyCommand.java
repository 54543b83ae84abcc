package io.dm4j.dmctl;

import io.dm4j.common.config.Encryptor;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What `encrypt` and `decrypt` share: the key options, and a value taken from standard input when not given. */
abstract class SecretKeyCommand extends Commands.Base {
    @Option(names = "--secret-key-path", paramLabel = "FILE", description = "file with the 64-hex-character key"
            + " (default: DM4J_SECRET_KEY, else the built-in key)")
    Path secretKeyPath;

    Encryptor key() {
        return Encryptor.resolve(secretKeyPath);
    }

    /** {@code given}, or one value read from standard input (no echo on a terminal). */
    String valueOrStdin(String given, String what) {
        return given != null ? given : SecretInput.read(g(), what);
    }
}
