package io.dm4j.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the {@code shared/} folder (DM's own test cases), which lives beside the CI checkout, not in the repository:
 * {@code -Ddm4j.shared=DIR} or {@code DM4J_SHARED}, else the first {@code shared/} found next to the working directory
 * or one of its parents. Only the {@code *DmPeer*} tests use it, and only the Maven profile {@code dm-peer-suite}
 * (switched on by {@code DM4J_SHARED}) runs them; a missing folder then fails them, never skips them.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path sharedDir() {
        String explicit = System.getProperty("dm4j.shared", System.getenv("DM4J_SHARED"));
        if (explicit != null && !explicit.isBlank()) {
            return require(Path.of(explicit));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared");
            if (Files.isDirectory(candidate.resolve("peer-suites"))) {
                return candidate;
            }
        }
        throw new AssertionError("the shared/ folder (with peer-suites/dm-tests) was not found beside the checkout"
                + " or any parent of " + Path.of("").toAbsolutePath() + "; set -Ddm4j.shared=DIR or DM4J_SHARED");
    }

    /** DM's integration-test cases ({@code shared/peer-suites/dm-tests}). */
    public static Path dmTests() {
        return require(sharedDir().resolve("peer-suites").resolve("dm-tests"));
    }

    private static Path require(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("expected directory " + dir + " does not exist (set -Ddm4j.shared=DIR or DM4J_SHARED)");
        }
        return dir;
    }
}
