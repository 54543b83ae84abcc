package io.dm4j.common.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DumpLoadErrorsTest {

    private static List<ErrorCode> codes(Class<?> catalogue) throws IllegalAccessException {
        List<ErrorCode> out = new ArrayList<>();
        for (Field f : catalogue.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ErrorCode.class) {
                out.add((ErrorCode) f.get(null));
            }
        }
        return out;
    }

    private static void check(Class<?> catalogue, ErrorClass cls, int from, int to) throws IllegalAccessException {
        Set<Integer> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<ErrorCode> codes = codes(catalogue);
        assertFalse(codes.isEmpty());
        for (ErrorCode c : codes) {
            assertEquals(cls, c.errorClass(), c.name());
            assertTrue(c.code() >= from && c.code() <= to, c.name() + " " + c.code() + " outside " + from + "-" + to);
            assertTrue(seen.add(c.code()), "duplicate code " + c.code());
            assertTrue(names.add(c.name()), "duplicate name " + c.name());
            assertFalse(c.workaround().isBlank(), c.name() + " needs a workaround");
        }
    }

    @Test
    void catalogueCodesAreInTheirRangesUniqueAndHaveWorkarounds() throws Exception {
        check(DumpErrors.class, ErrorClass.DUMP_UNIT, 32001, 32999); // the dump block, helpers' bands included
        check(LoadErrors.class, ErrorClass.LOAD_UNIT, 34001, 34999);
    }

    @Test
    void messagesCarryTheirArguments() {
        DmException e = DumpErrors.GLOBAL_LOCK.wrap(new RuntimeException("Access denied; you need RELOAD"), "h:1");
        assertTrue(e.getMessage().startsWith("[code=32004:class=dump-unit:scope=upstream:level=high]"), e.getMessage());
        assertTrue(e.getMessage().contains("on h:1"), e.getMessage());
        assertTrue(e.getMessage().contains("RawCause: Access denied"), e.getMessage());
        assertFalse(e.retryable());
        assertTrue(LoadErrors.EXECUTE_RETRYABLE.error("f", 10L, "t").retryable());
    }
}
