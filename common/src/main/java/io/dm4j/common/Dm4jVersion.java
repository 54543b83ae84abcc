package io.dm4j.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The release version of dm4j and the git commit it was built from, filled in by the build. */
public final class Dm4jVersion {
    private static final Properties BUILD = load();
    private static final String VERSION = BUILD.getProperty("version", "unknown");
    private static final String COMMIT = BUILD.getProperty("commit", "unknown");

    private Dm4jVersion() {
    }

    public static String version() {
        return VERSION;
    }

    /** The abbreviated git commit hash of the build ({@code unknown} when built outside a git checkout). */
    public static String commit() {
        return COMMIT;
    }

    /** Line printed by every program's {@code --version}. */
    public static String banner(String program) {
        return program + " (dm4j) " + VERSION + " (commit " + COMMIT + "), Java " + Runtime.version();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Dm4jVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no build information: "unknown"
        }
        return p;
    }
}
