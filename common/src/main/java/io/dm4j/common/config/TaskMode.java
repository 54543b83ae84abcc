package io.dm4j.common.config;

/** {@code task-mode}: which units a subtask runs, in order (dump → load → sync). */
public enum TaskMode implements ConfigEnum {
    ALL("all", true, true, true),
    FULL("full", true, true, false),
    INCREMENTAL("incremental", false, false, true),
    /** Hidden in DM: dump only. */
    DUMP("dump", true, false, false),
    /** Hidden in DM: load only (dump files must exist). */
    LOAD("load", false, true, false),
    /** Hidden in DM: load then sync. */
    LOAD_SYNC("load&sync", false, true, true);

    private final String label;
    private final boolean dump;
    private final boolean load;
    private final boolean sync;

    TaskMode(String label, boolean dump, boolean load, boolean sync) {
        this.label = label;
        this.dump = dump;
        this.load = load;
        this.sync = sync;
    }

    @Override
    public String label() {
        return label;
    }

    public boolean hasDump() {
        return dump;
    }

    public boolean hasLoad() {
        return load;
    }

    public boolean hasSync() {
        return sync;
    }
}
