package io.dm4j.common.errors;

/** Where the fault lies, as DM reports it. */
public enum ErrorScope {
    NOT_SET("not-set"),
    UPSTREAM("upstream"),
    DOWNSTREAM("downstream"),
    INTERNAL("internal");

    private final String label;

    ErrorScope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
