package io.dm4j.common.errors;

/** How serious an error is, as DM reports it. */
public enum ErrorLevel {
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high");

    private final String label;

    ErrorLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
