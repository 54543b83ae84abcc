package io.dm4j.dmctl;

import io.dm4j.common.errors.DmctlErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dmctl decrypt [CIPHER]}: the plain text of an encrypted password, for whoever holds the secret key. */
@Command(name = "decrypt", mixinStandardHelpOptions = true,
        description = "Decrypt a password encrypted by `dmctl encrypt` (or DM's dmctl); reads it from standard input when not given")
final class DecryptCommand extends SecretKeyCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CIPHERTEXT")
    String cipher;

    @Override
    int run() {
        String text = valueOrStdin(cipher, "encrypted password").strip();
        String plain = key().decrypt(text).orElseThrow(() -> DmctlErrors.BAD_ARGUMENTS.error(
                "the value is not a password encrypted by `dmctl encrypt` or DM; nothing to decrypt"));
        g().out().println(plain);
        return 0;
    }
}
