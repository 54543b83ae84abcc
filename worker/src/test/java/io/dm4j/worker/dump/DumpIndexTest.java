package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dm4j.common.position.Flavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpIndexTest {

    private static DumpIndex.TableEntry table(List<DumpIndex.FileEntry> files, long estimatedBytes) {
        return new DumpIndex.TableEntry("db", "t", false, "db.t-schema.sql", List.of(), files, estimatedBytes);
    }

    @Test
    void aTableIsAsLargeAsItsFilesOnceTheyAreListedAndAsTheUpstreamEstimatedBefore() {
        assertEquals(40L << 20, table(List.of(), 40L << 20).knownBytes(), "the catalog a following load sees first");
        assertEquals(300, table(List.of(new DumpIndex.FileEntry("db.t.00000.sql", 5, 100),
                new DumpIndex.FileEntry("db.t.00001.sql", 5, 200)), 40L << 20).knownBytes(), "the files, once dumped");
    }

    @Test
    void theEstimateIsWrittenAndAnIndexWrittenBeforeItExistedReadsAsUnknown(@TempDir Path dir) throws Exception {
        DumpIndex index = new DumpIndex(DumpIndex.VERSION, DataFormat.CSV, Flavor.MARIADB, List.of(),
                List.of(table(List.of(), 12345)), "id-1");
        index.write(dir);
        assertEquals(index, DumpIndex.read(dir));

        String older = Files.readString(dir.resolve(DumpIndex.FILE_NAME)).replaceAll(",\\s*\"estimatedBytes\"\\s*:\\s*12345", "");
        Files.writeString(dir.resolve(DumpIndex.FILE_NAME), older);
        assertEquals(0, DumpIndex.read(dir).tables().get(0).estimatedBytes(), older);
    }
}
