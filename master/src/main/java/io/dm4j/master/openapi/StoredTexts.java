package io.dm4j.master.openapi;

import io.dm4j.common.errors.OpenApiErrors;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Texts the OpenAPI keeps by name: the task files of created tasks ({@link #TASKS}), the task templates
 * ({@link #TEMPLATES}) and the cluster info ({@link #CLUSTER}). The master keeps them in its replicated state, so that every master serves them once it leads.
 * Writes happen on the leader, serialised by the callers' lock.
 */
public interface StoredTexts {
    /** Created tasks: name → task file (YAML). */
    String TASKS = "tasks";
    /** Task templates: name → DM's {@code Task} object (JSON). */
    String TEMPLATES = "templates";
    /** The cluster's id and the topology of {@code /api/v1/cluster/info}. */
    String CLUSTER = "cluster";

    Optional<String> get(String name);

    void put(String name, String text);

    /** True when there was a text of that name. */
    boolean delete(String name);

    /** Names stored, sorted. */
    List<String> names();

    /** DM's task names: letters, digits, '-', '_' and '.', not starting with '.'. */
    Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    static void checkName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw OpenApiErrors.BAD_REQUEST.error(what + " name `" + name + "` is not allowed: use letters, digits, '-', '_' and '.'"
                    + " (at most 128, not starting with '.')");
        }
    }
}
