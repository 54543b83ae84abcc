package io.dm4j.common.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The control plane's catalogues stay inside their blocks (the first 49 codes, or a band such as x600-x649), with
 * unique codes and a workaround each.
 */
class ControlPlaneErrorsTest {

    record Range(Class<?> catalogue, int from, int to) {
    }

    @Test
    void codesAreInRangeUniqueAndExplained() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (Range r : List.of(new Range(MasterErrors.class, 38001, 38049), new Range(WorkerErrors.class, 40001, 40049),
                new Range(DmctlErrors.class, 48001, 48049), new Range(SchedulerErrors.class, 46001, 46049))) {
            int count = 0;
            for (Field f : r.catalogue().getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != ErrorCode.class) {
                    continue;
                }
                ErrorCode c = (ErrorCode) f.get(null);
                count++;
                // the catalogue's own block (x001-x049) or a band of it assigned to one line of work (x600-x649, ...)
                boolean inBlock = c.code() / 1000 == r.from() / 1000 && c.code() % 100 < 50;
                assertTrue(inBlock, c.name() + " " + c.code() + " outside " + r + " and its bands");
                assertTrue(seen.add(c.code()), "duplicate code " + c.code());
                assertFalse(c.workaround().isBlank(), c.name() + " needs a workaround");
                assertTrue(c.name().startsWith("Err"), c.name());
            }
            assertTrue(count > 0, r.catalogue() + " is empty");
        }
    }
}
