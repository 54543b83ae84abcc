package io.dm4j.proto.wire;

/**
 * Stands for the raw cause of an error raised in another process: only its message crossed the wire. Carries no
 * stack trace, which would be this process's and misleading.
 */
public final class RemoteCause extends Exception {
    private static final long serialVersionUID = 1L;

    public RemoteCause(String message) {
        super(message, null, false, false);
    }
}
