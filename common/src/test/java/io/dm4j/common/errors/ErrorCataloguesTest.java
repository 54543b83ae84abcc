package io.dm4j.common.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ErrorCataloguesTest {

    @Test
    void everyCodeIsUniqueAcrossAllCatalogues() {
        Map<Integer, String> seen = new HashMap<>();
        for (Class<?> c : ErrorCatalogues.ALL) {
            for (ErrorCode code : ErrorCatalogues.codesOf(c)) {
                String where = c.getSimpleName() + "." + code.name();
                String before = seen.put(code.code(), where);
                assertEquals(null, before, "code " + code.code() + " is used by both " + before + " and " + where);
            }
        }
        assertTrue(seen.size() > 100, "expected the whole catalogue, found " + seen.size());
    }

    @Test
    void everyCodeHasAMessageAndAWayOut() {
        for (ErrorCode code : ErrorCatalogues.all()) {
            assertFalse(code.messageFormat().isBlank(), code.name());
            assertFalse(code.workaround().isBlank(), code.name() + " (" + code.code() + ") has no workaround");
        }
    }

    @Test
    void everyCatalogueInTheSourceTreeIsListed() throws IOException {
        Path dir = Path.of("src/main/java/io/dm4j/common/errors");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> catalogues = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Errors.java")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            List<String> listed = ErrorCatalogues.ALL.stream().map(Class::getSimpleName).sorted().toList();
            assertEquals(catalogues, listed, "add new catalogues to ErrorCatalogues.ALL");
        }
    }
}
