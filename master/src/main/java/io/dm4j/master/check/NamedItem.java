package io.dm4j.master.check;

import io.dm4j.common.config.TaskConfig;
import java.util.function.Predicate;

/** A check item with its DM name and the tasks it applies to, given once at construction. */
abstract class NamedItem implements CheckItem {
    static final Predicate<TaskConfig> ALWAYS = t -> true;
    static final Predicate<TaskConfig> SYNCS = t -> t.taskMode().hasSync();
    static final Predicate<TaskConfig> DUMPS = t -> t.taskMode().hasDump();

    private final String name;
    private final Predicate<TaskConfig> appliesTo;

    NamedItem(String name, Predicate<TaskConfig> appliesTo) {
        this.name = name;
        this.appliesTo = appliesTo;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean appliesTo(TaskConfig task) {
        return appliesTo.test(task);
    }
}
