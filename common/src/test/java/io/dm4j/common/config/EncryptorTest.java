package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptorTest {
    private static final String KEY_A = "0123456789abcdef".repeat(4);
    private static final String KEY_B = "fedcba9876543210".repeat(4);

    @Test
    void roundTripWithMarkerAndFreshNonce() {
        Encryptor e = Encryptor.fromHex(KEY_A, "test");
        String c1 = e.encrypt("p@ss wörd");
        String c2 = e.encrypt("p@ss wörd");
        assertTrue(c1.startsWith("ZG00agEA"), c1);
        assertNotEquals(c1, c2, "a fresh nonce each time");
        assertTrue(Encryptor.looksEncrypted(c1));
        assertEquals(Optional.of("p@ss wörd"), e.decrypt(c1));
        assertEquals("p@ss wörd", e.toSecret(c2).reveal());
        assertEquals("", Encryptor.builtIn().decrypt(Encryptor.builtIn().encrypt("")).orElseThrow());
    }

    @Test
    void wrongKeyIsAnErrorNotAPassword() {
        String cipher = Encryptor.fromHex(KEY_A, "a").encrypt("hunter2-pw");
        DmException e = assertThrows(DmException.class, () -> Encryptor.fromHex(KEY_B, "key file b").decrypt(cipher));
        assertEquals(ConfigErrors.DECRYPT, e.code());
        assertTrue(e.getMessage().contains("key file b"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2-pw"), e.getMessage());

        String task = TaskYaml.with("  password: dm", "  password: \"" + cipher + "\"");
        DmException load = assertThrows(DmException.class, () -> TaskConfig.parse(task, "task.yaml", Encryptor.fromHex(KEY_B, "b")));
        assertEquals(ConfigErrors.DECRYPT, load.code());
        assertTrue(load.getMessage().contains("key `target-database.password`"), load.getMessage());
        assertEquals("hunter2-pw", TaskConfig.parse(task, "task.yaml", Encryptor.fromHex(KEY_A, "a")).targetDatabase().password().reveal());
    }

    @Test
    void plainPasswordsStayPlain() {
        Encryptor e = Encryptor.builtIn();
        for (String plain : new String[] {"123456", "dm", "abc@def", "c2VjcmV0", "a+b/c=d=", ""}) {
            assertEquals(plain, e.toSecret(plain).reveal(), plain);
        }
        assertFalse(Encryptor.looksEncrypted("123456"));
    }

    @Test
    void readsPasswordsEncryptedByDm() {
        // the sample cipher of DM's documentation, made with DM's built-in key
        assertEquals("123456", Encryptor.builtIn().toSecret("/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=").reveal());
        SourceConfig s = SourceConfig.parse("source-id: s\nfrom:\n  host: h\n  password: \"/Q7B9DizNLLTTfiZHv9WoEAKamfpIUs=\"\n", "s",
                Encryptor.builtIn());
        assertEquals("123456", s.from().password().reveal());
    }

    @Test
    void keyFormatIsChecked() {
        DmException shortKey = assertThrows(DmException.class, () -> Encryptor.fromHex("abcd", "env"));
        assertEquals(ConfigErrors.SECRET_KEY, shortKey.code());
        assertTrue(shortKey.getMessage().contains("64 hex characters"));
        DmException notHex = assertThrows(DmException.class, () -> Encryptor.fromHex("zz".repeat(32), "env"));
        assertEquals(ConfigErrors.SECRET_KEY, notHex.code());
        DmException missing = assertThrows(DmException.class, () -> Encryptor.fromKeyFile(Path.of("/nonexistent/key")));
        assertEquals(ConfigErrors.SECRET_KEY, missing.code());
    }

    @Test
    void keyComesFromFileThenEnvironmentThenBuiltIn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret.key");
        java.nio.file.Files.writeString(file, KEY_A + "\n");
        String byFile = Encryptor.encryptForCli("pw", file);
        assertEquals("pw", Encryptor.fromHex(KEY_A, "a").decrypt(byFile).orElseThrow());

        Encryptor fromFile = Encryptor.resolve(file, Map.of(Encryptor.ENV_KEY, KEY_B));
        assertTrue(fromFile.origin().contains(file.toString()));
        Encryptor fromEnv = Encryptor.resolve(null, Map.of(Encryptor.ENV_KEY, KEY_B));
        assertEquals("pw", Encryptor.fromHex(KEY_B, "b").decrypt(fromEnv.encrypt("pw")).orElseThrow());
        assertTrue(fromEnv.origin().contains(Encryptor.ENV_KEY));
        assertTrue(Encryptor.resolve(null, Map.of()).isBuiltIn());
        assertFalse(fromEnv.toString().contains(KEY_B), "the key itself is never shown");
    }
}
