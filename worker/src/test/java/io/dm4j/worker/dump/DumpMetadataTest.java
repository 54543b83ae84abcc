package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpMetadataTest {

    @Test
    void writesMydumperFormatAndReadsItBack(@TempDir Path dir) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Location start = Location.of("up-bin.000003", 8587).withGtid(GtidSet.parse(Flavor.MARIADB, "0-1-21"));
        Location exit = Location.of("up-bin.000003", 9012).withGtid(GtidSet.parse(Flavor.MARIADB, "0-1-23"));
        DumpMetadata m = new DumpMetadata(t, start, exit, t.plusSeconds(5));
        String text = m.format();
        assertTrue(text.contains("SHOW MASTER STATUS:\n\tLog: up-bin.000003\n\tPos: 8587\n\tGTID:0-1-21\n\n"), text);
        assertTrue(text.contains("SHOW MASTER STATUS: /* AFTER CONNECTION POOL ESTABLISHED */\n\tLog: up-bin.000003\n"
                + "\tPos: 9012\n\tGTID:0-1-23\n"), text);
        assertTrue(text.startsWith("Started dump at: "), text);
        m.write(dir);
        assertTrue(DumpMetadata.exists(dir));
        assertEquals(m, DumpMetadata.read(dir, Flavor.MARIADB));
    }

    @Test
    void withoutExitPointThereIsNoSecondSection() {
        DumpMetadata m = new DumpMetadata(null, Location.of("b.000001", 4).withGtid(GtidSet.empty(Flavor.MARIADB)), null, null);
        String text = m.format();
        assertEquals("SHOW MASTER STATUS:\n\tLog: b.000001\n\tPos: 4\n\tGTID:\n\n", text);
        DumpMetadata back = DumpMetadata.parse(text, Flavor.MARIADB, "x");
        assertEquals(m.location().position(), back.location().position());
        assertNull(back.location().gtidSet(), "an empty GTID line means no set");
        assertNull(back.exitSafe());
    }

    @Test
    void readsMydumperFileWithSlaveSectionAndMultiLineMysqlGtid() {
        String text = """
                Started dump at: 2020-05-21 18:14:49
                SHOW MASTER STATUS:
                \tLog: mysql-bin.000003
                \tPos: 1274
                \tGTID:5b5a8e4e-9b43-11ea-900d-0242ac170002:1-10,
                5b642cb6-9b43-11ea-8914-0242ac170003:1-7,
                97b5142f-e19c-11e8-808c-0242ac110005:1-13

                SHOW SLAVE STATUS:
                \tHost: 192.168.100.100
                \tLog: mysql-bin.000003
                \tPos: 700
                \tGTID:5b5a8e4e-9b43-11ea-900d-0242ac170002:1-10

                SHOW MASTER STATUS: /* AFTER CONNECTION POOL ESTABLISHED */
                \tLog: mysql-bin.000003
                \tPos: 1280
                \tGTID:5b5a8e4e-9b43-11ea-900d-0242ac170002:1-10,
                5b642cb6-9b43-11ea-8914-0242ac170003:1-7,
                97b5142f-e19c-11e8-808c-0242ac110005:1-14

                Finished dump at: 2020-05-21 18:14:49
                """;
        DumpMetadata m = DumpMetadata.parse(text, Flavor.MYSQL, "metadata");
        assertEquals(1274, m.location().position().pos());
        assertEquals("mysql-bin.000003", m.location().position().file());
        assertEquals(GtidSet.parse(Flavor.MYSQL, "5b5a8e4e-9b43-11ea-900d-0242ac170002:1-10,"
                + "5b642cb6-9b43-11ea-8914-0242ac170003:1-7,97b5142f-e19c-11e8-808c-0242ac110005:1-13"), m.location().gtidSet());
        assertEquals(1280, m.exitSafe().position().pos());
        assertTrue(m.exitSafe().gtidSet().contains(m.location().gtidSet()));
        assertNotNull(m.startedAt());
        assertNotNull(m.finishedAt());
    }

    @Test
    void readsMydumper010Output() {
        String text = "Started dump at: 2026-11-21 12:00:00\nSHOW MASTER STATUS:\n\tLog: up-bin.000001\n\tPos: 8587\n"
                + "\tGTID:0-1-21\n\nFinished dump at: 2026-11-21 12:00:01\n";
        DumpMetadata m = DumpMetadata.parse(text, Flavor.MARIADB, "metadata");
        assertEquals(Location.of("up-bin.000001", 8587).withGtid(GtidSet.parse(Flavor.MARIADB, "0-1-21")), m.location());
    }

    @Test
    void noMasterSectionMeansNoLocation() {
        DumpMetadata m = DumpMetadata.parse("Started dump at: 2026-11-21 12:00:00\nFinished dump at: 2026-11-21 12:00:01\n",
                Flavor.MYSQL, "metadata");
        assertNull(m.location());
    }

    @Test
    void damagedSectionsAreErrors() {
        DmException noPos = assertThrows(DmException.class, () -> DumpMetadata.parse(
                "SHOW MASTER STATUS:\n\tLog: b.000001\n\n", Flavor.MYSQL, "m"));
        assertEquals(LoadErrors.METADATA_INVALID, noPos.code());
        DmException badPos = assertThrows(DmException.class, () -> DumpMetadata.parse(
                "SHOW MASTER STATUS:\n\tLog: b.000001\n\tPos: x\n\tGTID:\n", Flavor.MYSQL, "m"));
        assertTrue(badPos.getMessage().contains("`Pos: x` is not a number"), badPos.getMessage());
        DmException badGtid = assertThrows(DmException.class, () -> DumpMetadata.parse(
                "SHOW MASTER STATUS:\n\tLog: b.000001\n\tPos: 4\n\tGTID:zzz\n", Flavor.MARIADB, "m"));
        assertEquals(LoadErrors.METADATA_INVALID, badGtid.code());
    }

    @Test
    void missingFileNamesTheDirectory(@TempDir Path dir) throws Exception {
        DmException e = assertThrows(DmException.class, () -> DumpMetadata.read(dir, Flavor.MYSQL));
        assertEquals(LoadErrors.DUMP_DIR_NOT_FOUND, e.code());
        Files.writeString(dir.resolve("metadata"), "SHOW MASTER STATUS:\n\tLog: a.000001\n\tPos: 4\n\tGTID:\n");
        assertEquals(4, DumpMetadata.read(dir, Flavor.MYSQL).location().position().pos());
    }
}
