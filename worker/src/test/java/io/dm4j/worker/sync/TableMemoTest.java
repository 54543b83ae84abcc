package io.dm4j.worker.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dm4j.common.model.TableId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TableMemoTest {

    @Test
    void computesOncePerTable() {
        AtomicInteger calls = new AtomicInteger();
        TableMemo<String> memo = new TableMemo<>(t -> {
            calls.incrementAndGet();
            return t.table().toUpperCase();
        });
        for (int i = 0; i < 1000; i++) {
            assertEquals("T1", memo.get(new TableId("db", "t1")));
            assertEquals("T2", memo.get(new TableId("db", "t2")));
        }
        assertEquals(2, calls.get());
    }

    @Test
    void staysBoundedAndCorrectPastItsCapacity() {
        AtomicInteger calls = new AtomicInteger();
        TableMemo<Integer> memo = new TableMemo<>(t -> {
            calls.incrementAndGet();
            return Integer.parseInt(t.table());
        }, 10);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, memo.get(new TableId("db", String.valueOf(i))));
        }
        assertEquals(100, calls.get());
        assertEquals(true, memo.size() <= 10, "size " + memo.size());
        assertEquals(99, memo.get(new TableId("db", "99")));
        assertThrows(IllegalArgumentException.class, () -> new TableMemo<>(t -> 1, 0));
    }
}
