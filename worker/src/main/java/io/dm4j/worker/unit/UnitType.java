package io.dm4j.worker.unit;

/** The units a subtask runs, named as DM's query-status prints them. */
public enum UnitType {
    CHECK("Check"), DUMP("Dump"), LOAD("Load"), SYNC("Sync"), RELAY("Relay");

    private final String label;

    UnitType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
