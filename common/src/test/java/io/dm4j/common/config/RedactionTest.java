package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Passwords never show in printed configuration. */
class RedactionTest {
    private static final String PASSWORD = "Sup3r-S3cret-Pw";

    @Test
    void secretPrintsAMask() {
        Secret s = Secret.of(PASSWORD);
        assertEquals("******", s.toString());
        assertEquals(PASSWORD, s.reveal());
        assertEquals(Secret.of(PASSWORD), s);
        assertNotEquals(Secret.of("other"), s);
        assertTrue(Secret.of("").isEmpty());
        assertEquals(Secret.EMPTY, Secret.of(null));
    }

    @Test
    void recordsNeverPrintPasswords() {
        TaskConfig task = TaskYaml.parse(TaskYaml.with("  password: dm", "  password: " + PASSWORD));
        SourceConfig source = SourceConfig.parse("source-id: s1\nfrom:\n  host: h\n  password: " + PASSWORD + "\n", "s", Encryptor.builtIn());
        String encrypted = Encryptor.builtIn().encrypt(PASSWORD);
        SourceConfig encryptedSource = SourceConfig.parse("source-id: s1\nfrom:\n  host: h\n  password: " + encrypted + "\n", "s",
                Encryptor.builtIn());
        assertEquals(PASSWORD, encryptedSource.from().password().reveal());
        for (Object printed : new Object[] {task, task.targetDatabase(), task.subTask("s1"), source, source.from(),
                task.subTask("s1").withSource(source), encryptedSource}) {
            String text = printed.toString();
            assertFalse(text.contains(PASSWORD), text);
            assertTrue(text.contains("password=******"), text);
        }
    }

    @Test
    void syntaxErrorsDoNotQuoteTheFile() {
        for (String broken : new String[] {
                "name: t\ntarget-database:\n  password: \"" + PASSWORD + "\n  host: [x\n",
                "name: t\ntarget-database:\n  password: " + PASSWORD + "\n   host: x\n  - y\n"}) {
            io.dm4j.common.errors.DmException e = org.junit.jupiter.api.Assertions.assertThrows(io.dm4j.common.errors.DmException.class,
                    () -> TaskConfig.parse(broken, "task.yaml", Encryptor.builtIn()));
            assertEquals(io.dm4j.common.errors.ConfigErrors.PARSE, e.code());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        }
    }
}
