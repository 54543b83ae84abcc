package io.dm4j.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Dm4jVersionTest {

    /** The build fills in the version and the git commit (the tests run in a git checkout). */
    @Test
    void bannerNamesVersionAndCommit() {
        assertTrue(Dm4jVersion.version().matches("\\d+\\.\\d+\\.\\d+.*"), Dm4jVersion.version());
        assertTrue(Dm4jVersion.commit().matches("[0-9a-f]{12}"), "commit " + Dm4jVersion.commit());
        assertEquals("dmctl (dm4j) " + Dm4jVersion.version() + " (commit " + Dm4jVersion.commit() + "), Java "
                + Runtime.version(), Dm4jVersion.banner("dmctl"));
    }
}
