package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DumpErrors;
import io.dm4j.common.errors.LoadErrors;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.dump.DumpUnit;
import io.dm4j.worker.unit.UnitResult;
import io.dm4j.worker.unit.UnitType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors the units raise before touching a database. */
class UnitConfigErrorsTest {

    private static SubTaskConfig cfg(String dir, String importMode) {
        return TaskConfig.parse("name: t\ntask-mode: full\ntarget-database:\n  host: 127.0.0.1\n  port: 1\n"
                + "mysql-instances:\n  - source-id: s1\n    loader-config-name: l\n"
                + "loaders:\n  l:\n    dir: \"" + dir + "\"\n    import-mode: " + importMode + "\n", "t.yaml").subTask("s1");
    }

    @Test
    void s3DumpDirectoryIsRefused() {
        DumpUnit unit = new DumpUnit(cfg("s3://bucket/path", "logical"), new Upstream("127.0.0.1", 1, "u", "p"));
        assertEquals(UnitType.DUMP, unit.type());
        UnitResult r = unit.process();
        assertEquals(DumpErrors.UNSUPPORTED_DIR, r.errors().get(0).code());
        assertEquals("failed", unit.status().stage());
    }

    @Test
    void unreachableUpstreamIsRetryable(@TempDir Path dir) {
        UnitResult r = new DumpUnit(cfg(dir.resolve("d").toString(), "logical"), new Upstream("127.0.0.1", 1, "u", "p"))
                .process();
        assertEquals(DumpErrors.CONNECT_FAILED, r.errors().get(0).code());
        assertTrue(r.errors().get(0).retryable());
        assertTrue(r.errors().get(0).getMessage().contains("127.0.0.1:1"), r.errors().get(0).getMessage());
    }

    @Test
    void importIntoIsTidbOnly(@TempDir Path dir) {
        LoadUnit unit = new LoadUnit(cfg(dir.resolve("d").toString(), "import-into"),
                DownstreamConfig.of("127.0.0.1", 1, "u", "p", 1));
        assertEquals(UnitType.LOAD, unit.type());
        UnitResult r = unit.process();
        assertFalse(r.ok());
        assertEquals(LoadErrors.IMPORT_MODE_UNSUPPORTED, r.errors().get(0).code());
        assertTrue(r.errors().get(0).getMessage().contains("allowed: logical"), r.errors().get(0).getMessage());
    }
}
