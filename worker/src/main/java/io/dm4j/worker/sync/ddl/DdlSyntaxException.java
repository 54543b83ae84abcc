package io.dm4j.worker.sync.ddl;

/** The statement does not follow the grammar the DDL reader knows; callers turn it into a DmException. */
public final class DdlSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DdlSyntaxException(String message) {
        super(message);
    }
}
