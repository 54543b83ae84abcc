package io.dm4j.master.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Static files packed in the dm-master jar next to the classes that serve them. */
public final class JarFiles {
    private JarFiles() {
    }

    /** The bytes of resource {@code name} beside {@code owner}'s class file. */
    public static byte[] read(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the dm-master jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
