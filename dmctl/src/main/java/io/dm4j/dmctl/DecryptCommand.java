package io.dm4j.dmctl;

import io.dm4j.common.config.Encryptor;
import io.dm4j.common.errors.DmctlErrors;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dmctl decrypt [CIPHER]}: the plain text of an encrypted password, for whoever holds the secret key. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Decrypt a password encrypted by `dmctl encrypt` (or DM's dmctl); reads it from standard input when not given")
final class DecryptCommand extends Commands.Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CIPHERTEXT")
    String cipher;

    @Option(names = "--secret-key-path", paramLabel = "FILE", description = "file with the 64-hex-character key")
    Path secretKeyPath;

    @Override
    int run() {
        String text = cipher != null ? cipher : SecretInput.read(g(), "encrypted password");
        Encryptor key = Encryptor.resolve(secretKeyPath);
        String plain = key.decrypt(text.strip()).orElseThrow(() -> DmctlErrors.BAD_ARGUMENTS.error(
                "the value is not a password encrypted by `dmctl encrypt` or DM; nothing to decrypt"));
        g().out().println(plain);
        return 0;
    }
}
