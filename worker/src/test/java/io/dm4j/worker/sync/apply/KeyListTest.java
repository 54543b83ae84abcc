package io.dm4j.worker.sync.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyListTest {
    @Test
    void keepsTheFirstPlaceOfEachKeyAsTheSetItReplacesDid() {
        Random r = new Random(15);
        for (int n = 0; n < 2_000; n++) {
            KeyList list = new KeyList();
            LinkedHashSet<String> set = new LinkedHashSet<>();
            for (int i = r.nextInt(30); i > 0; i--) {
                String k = "`db`.`t`\u0001k\u0001" + r.nextInt(12); // few distinct values: many repeats, up to 12 keys
                list.add(k);
                set.add(k);
            }
            assertEquals(new ArrayList<>(set), list.toList());
        }
    }

    @Test
    void aRepeatedKeyIsListedOnce() {
        KeyList list = new KeyList();
        for (String k : List.of("a", "b", "a", "c", "b")) {
            list.add(k);
        }
        assertEquals(List.of("a", "b", "c"), list.toList());
    }
}
