package io.dm4j.worker.sync.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteBudgetTest {

    @Test
    void holdsNoMoreThanItsCapacity() throws Exception {
        ByteBudget b = new ByteBudget("test", 100);
        assertTrue(b.tryAcquire(60, 0));
        assertTrue(b.tryAcquire(40, 0));
        assertFalse(b.tryAcquire(1, 0), "full");
        b.release(40);
        assertTrue(b.tryAcquire(30, 0));
        assertEquals(90, b.used());
    }

    @Test
    void anItemLargerThanTheBudgetPassesAloneOnly() throws Exception {
        ByteBudget b = new ByteBudget("test", 100);
        assertTrue(b.tryAcquire(10, 0));
        assertFalse(b.tryAcquire(500, 0), "must wait for what is held");
        b.release(10);
        assertTrue(b.tryAcquire(500, 0), "alone it passes, so no row is too big");
        assertFalse(b.tryAcquire(1, 0));
        assertTrue(b.tryAcquire(0, 0), "a weightless item never waits");
        b.release(500);
        assertEquals(0, b.used());
    }
}
