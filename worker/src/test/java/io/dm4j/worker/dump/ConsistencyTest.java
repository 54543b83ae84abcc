package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.MydumperConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.DumpErrors;
import org.junit.jupiter.api.Test;

class ConsistencyTest {
    @Test
    void parsesDmNames() {
        assertEquals(Consistency.FLUSH, Consistency.parse("flush"));
        assertEquals(Consistency.SNAPSHOT, Consistency.parse(" Snapshot "));
        assertEquals(Consistency.AUTO, Consistency.of(MydumperConfig.DEFAULT));
        assertEquals(Consistency.NONE, Consistency.of(new MydumperConfig("", 2, "64", 0, 0, "", true,
                "--consistency none --no-locks")));
    }

    @Test
    void unknownModeIsAClearError() {
        DmException e = assertThrows(DmException.class, () -> Consistency.parse("strong"));
        assertEquals(DumpErrors.INVALID_CONSISTENCY, e.code());
        assertTrue(e.getMessage().contains("allowed: auto, flush, snapshot, lock, none"), e.getMessage());
    }
}
