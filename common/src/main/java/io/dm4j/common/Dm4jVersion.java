package io.dm4j.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The release version of dm4j, filled in by the build. */
public final class Dm4jVersion {
    private static final String VERSION = load();

    private Dm4jVersion() {
    }

    public static String version() {
        return VERSION;
    }

    /** Line printed by every program's {@code --version}. */
    public static String banner(String program) {
        return program + " (dm4j) " + VERSION + ", Java " + Runtime.version();
    }

    private static String load() {
        try (InputStream in = Dm4jVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
