package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the test inputs are: the repository's conf/ and docs/, and DM's own test cases (peer suites). */
final class Files {
    private Files() {
    }

    /** The repository root (surefire runs in the module directory). */
    static Path repoRoot() {
        Path here = Path.of("").toAbsolutePath();
        return java.nio.file.Files.exists(here.resolve("conf")) ? here : here.getParent();
    }

    static Path conf(String name) {
        return repoRoot().resolve("conf").resolve(name);
    }

    /** DM's test cases beside the checkout (see SharedFiles). Missing cases fail the test (never skipped). */
    static Path peerSuites() {
        return io.dm4j.testsupport.SharedFiles.dmTests();
    }

    static List<Path> peerCases() {
        try (Stream<Path> s = java.nio.file.Files.list(peerSuites())) {
            return s.filter(java.nio.file.Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return java.nio.file.Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
