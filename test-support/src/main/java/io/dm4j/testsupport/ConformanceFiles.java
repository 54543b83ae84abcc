package io.dm4j.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project's own conformance corpus, {@code conformance/} at the repository root (under version control, so a
 * bare clone has it): DM-style cases written for dm4j, in the format of DM's cases (see its README). Found from the
 * working directory (a module directory when Maven runs the tests) or any parent.
 */
public final class ConformanceFiles {
    private ConformanceFiles() {
    }

    /** The folder holding one sub-folder per case. */
    public static Path cases() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("conformance");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new AssertionError("the conformance/ corpus was not found in " + Path.of("").toAbsolutePath()
                + " or any parent; it is part of the repository");
    }

    /** One case's folder; fails when it is missing. */
    public static Path caseDir(String name) {
        Path dir = cases().resolve(name);
        if (!Files.isRegularFile(dir.resolve("case.json"))) {
            throw new AssertionError("conformance case " + dir + " has no case.json");
        }
        return dir;
    }
}
