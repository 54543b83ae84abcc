package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.ImportMode;
import io.dm4j.common.model.TableId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFilesTest {

    @Test
    void namesFollowMydumper() {
        TableId t = new TableId("shop", "orders");
        assertEquals("shop-schema-create.sql", DumpFiles.schemaCreateFile("shop"));
        assertEquals("shop.orders-schema.sql", DumpFiles.tableSchemaFile(t));
        assertEquals("shop.orders-schema-view.sql", DumpFiles.viewSchemaFile(t));
        assertEquals("shop.orders.00000.sql", DumpFiles.dataFile(t, 0, DataFormat.SQL));
        assertEquals("shop.orders.00042.csv", DumpFiles.dataFile(t, 42, DataFormat.CSV));
        assertEquals("shop.orders.123456.sql", DumpFiles.dataFile(t, 123456, DataFormat.SQL));
    }

    @Test
    void dotsSlashesAndPercentSignsCannotCollide() {
        String a = DumpFiles.dataFile(new TableId("a.b", "c"), 0, DataFormat.SQL);
        String b = DumpFiles.dataFile(new TableId("a", "b.c"), 0, DataFormat.SQL);
        assertNotEquals(a, b);
        assertEquals("a%2Eb.c.00000.sql", a);
        assertEquals("x%2Fy%25z%5C%0A", DumpFiles.escape("x/y%z\\\n"));
        assertEquals("表😀", DumpFiles.escape("表😀"), "other characters stay readable");
    }

    @Test
    void dataFilesAreTellApartFromSchemaFiles() {
        assertTrue(DumpFiles.isDataFile("a.b.00000.sql"));
        assertTrue(DumpFiles.isDataFile("a.b.00000.csv"));
        assertFalse(DumpFiles.isDataFile("a.b-schema.sql"));
        assertFalse(DumpFiles.isDataFile("a-schema-create.sql"));
        assertFalse(DumpFiles.isDataFile("a.v-schema-view.sql"));
        assertFalse(DumpFiles.isDataFile("metadata"));
        assertFalse(DumpFiles.isDataFile(DumpIndex.FILE_NAME));
    }

    @Test
    void formatFollowsImportMode() {
        assertEquals(DataFormat.SQL, DataFormat.forImportMode(ImportMode.LOGICAL));
        assertEquals(DataFormat.CSV, DataFormat.forImportMode(ImportMode.PHYSICAL));
    }

    @Test
    void deletingDataFilesKeepsMetadataAndSchemas(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"a-schema-create.sql", "a.t-schema.sql", "a.t.00000.sql", "a.t.00001.csv",
                "metadata", DumpIndex.FILE_NAME}) {
            Files.writeString(dir.resolve(f), "x");
        }
        DumpFiles.deleteDataFiles(dir);
        assertFalse(Files.exists(dir.resolve("a.t.00000.sql")));
        assertFalse(Files.exists(dir.resolve("a.t.00001.csv")));
        assertTrue(Files.exists(dir.resolve("metadata")));
        assertTrue(Files.exists(dir.resolve("a.t-schema.sql")));
        assertTrue(Files.exists(dir.resolve(DumpIndex.FILE_NAME)));
        DumpFiles.deleteTree(dir);
        assertFalse(Files.exists(dir));
        DumpFiles.deleteTree(dir); // a missing directory is fine
    }
}
