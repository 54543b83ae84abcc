package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@code dmctl config task|source|master} may show: no password, no inline certificate or key. */
class ConfigRedactionTest {
    private static final String PASSWORD = "Pr0duction-Pw";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";

    @Test
    void taskFileShowsMaskedPasswordsAndNoKeyMaterial() {
        String task = "name: t1\ntask-mode: all\ntarget-database:\n  host: 127.0.0.1\n  user: dm\n  password: \"" + PASSWORD
                + "\"\n  security:\n    ssl-ca: /etc/dm/ca.pem\n    ssl-key-bytes: |\n"
                + KEY.lines().map(l -> "      " + l + "\n").reduce("", String::concat)
                + "    ssl-cert-base64: QUJD\nmysql-instances:\n  - source-id: s1\n";
        String shown = ConfigRedaction.yaml(task);
        assertFalse(shown.contains(PASSWORD), shown);
        assertFalse(shown.contains("BEGIN PRIVATE KEY") || shown.contains("QUJD"), shown);
        assertTrue(shown.contains("password: '******'"), shown);
        assertTrue(shown.contains("ssl-ca: /etc/dm/ca.pem") && shown.contains("source-id: s1"), shown);
        // the shown file still loads (DM's behaviour: the mask stands where the password was)
        TaskConfig reloaded = TaskConfig.parse(shown, "shown.yaml", Encryptor.builtIn());
        assertEquals("******", reloaded.targetDatabase().password().reveal());
    }

    @Test
    void emptyPasswordStaysEmptyAndSourcePasswordIsMasked() {
        String shown = ConfigRedaction.yaml("source-id: s1\nfrom:\n  host: h\n  user: root\n  password: \"\"\n");
        assertTrue(shown.contains("password: \"\""), shown);
        String masked = ConfigRedaction.yaml("source-id: s1\nfrom:\n  host: h\n  password: " + PASSWORD + "\n");
        assertFalse(masked.contains(PASSWORD), masked);
    }

    @Test
    void tomlKeepsLayoutAndMasks() {
        String toml = "# master\nname = \"m1\"\nssl-key-base64 = \"QUJD\"\n[[v1]]\npassword = '" + PASSWORD + "'\n";
        String shown = ConfigRedaction.toml(toml);
        assertEquals("# master\nname = \"m1\"\n[[v1]]\npassword = \"******\"\n", shown);
    }

    @Test
    void tomlMultiLineKeyTextAndPasswordsAreLeftOutWhole() {
        String toml = "name = \"m1\"\nssl-key-bytes = \"\"\"\n" + KEY + "\"\"\"\nssl-cert-bytes = '''\n" + KEY + "'''\n"
                + "ssl-ca = \"/etc/dm/ca.pem\"\n[[v1]]\npassword = \"\"\"" + PASSWORD + "\"\"\"\nempty-password = \"\"\n"
                + "other-password = 'a\"b' # quoted\n";
        String shown = ConfigRedaction.toml(toml);
        assertFalse(shown.contains("PRIVATE KEY") || shown.contains("MIGHAgEA"), shown);
        assertFalse(shown.contains(PASSWORD) || shown.contains("a\"b"), shown);
        assertEquals("name = \"m1\"\nssl-ca = \"/etc/dm/ca.pem\"\n[[v1]]\npassword = \"******\"\nempty-password = \"\"\n"
                + "other-password = \"******\" # quoted\n", shown);
    }
}
