package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.errors.BinlogEventErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.StreamErrors;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinlogSettingsCheckTest {
    private static void check(Map<String, String> vars) {
        BinlogSettingsCheck.require(n -> Optional.ofNullable(vars.get(n)));
    }

    @Test
    void rowFullIsAccepted() {
        assertDoesNotThrow(() -> check(Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL")));
        assertDoesNotThrow(() -> check(Map.of("log_bin", "ON", "binlog_format", "row")));
    }

    @Test
    void statementOrMixedFormatIsAClearError() {
        DmException e = assertThrows(DmException.class,
                () -> check(Map.of("log_bin", "ON", "binlog_format", "MIXED", "binlog_row_image", "FULL")));
        assertEquals(StreamErrors.BINLOG_FORMAT, e.code());
        assertTrue(e.getMessage().contains("binlog_format is MIXED") && e.getMessage().contains("ROW"), e.getMessage());
        assertTrue(e.getMessage().contains("SET GLOBAL binlog_format=ROW"), e.getMessage());
    }

    @Test
    void minimalRowImageAndBinlogOffAreClearErrors() {
        DmException image = assertThrows(DmException.class,
                () -> check(Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "MINIMAL")));
        assertTrue(image.getMessage().contains("binlog_row_image is MINIMAL"), image.getMessage());
        DmException off = assertThrows(DmException.class, () -> check(Map.of("log_bin", "OFF")));
        assertTrue(off.getMessage().contains("log_bin is OFF"), off.getMessage());
    }

    @Test
    void partialJsonUpdatesAreRefusedAtStart() {
        DmException e = assertThrows(DmException.class, () -> check(Map.of("log_bin", "ON", "binlog_format", "ROW",
                "binlog_row_image", "FULL", "binlog_row_value_options", "PARTIAL_JSON")));
        assertEquals(BinlogEventErrors.PARTIAL_JSON, e.code());
        assertTrue(e.getMessage().contains("binlog_row_value_options=PARTIAL_JSON"), e.getMessage());
        assertTrue(e.workaround().contains("SET GLOBAL binlog_row_value_options=''"), e.workaround());
        assertDoesNotThrow(() -> check(Map.of("log_bin", "ON", "binlog_format", "ROW", "binlog_row_image", "FULL",
                "binlog_row_value_options", "")));
    }
}
