package io.dm4j.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallPartsTest {

    @Test
    void tableNamesParsePlainAndQuoted() {
        assertEquals(new TableName("s", "t.x"), TableName.parse("s.t.x"));
        assertEquals(new TableName("a.b", "t`q"), TableName.parse("`a.b`.`t``q`"));
        assertEquals("`a.b`.`t``q`", new TableName("a.b", "t`q").quoted());
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("nodot"));
    }

    @Test
    void valuesRenderAsTextOrHex() {
        assertEquals("NULL", ValueText.render(null));
        assertEquals("''", ValueText.render(""));
        assertEquals("'it\\'s 😀'", ValueText.render("6974277320F09F9880"));
        assertEquals("0x0001FF", ValueText.render("0001FF"));
        assertEquals("'" + "A".repeat(80) + "…' (200 bytes)", ValueText.render("41".repeat(200)));
        assertEquals("0x" + "0".repeat(80) + "… (100 bytes)", ValueText.render("00".repeat(100)));
    }

    @Test
    void repoRootIsTheDirectoryHoldingTheSandboxScript(@TempDir Path dir, @TempDir Path elsewhere) throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve(SandboxDatabases.SCRIPT), "#!/bin/sh\n");
        Path module = Files.createDirectories(dir.resolve("worker/target"));
        assertEquals(Optional.of(dir), SandboxDatabases.findRepoRoot(module));
        assertEquals(Optional.empty(), SandboxDatabases.findRepoRoot(elsewhere));
    }
}
