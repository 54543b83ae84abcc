package io.dm4j.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The typed values read for one {@link Schema}, with where each key was written (for later cross-checks). */
final class Values {
    private final String path;
    private final Mark mark;
    private final Map<String, Object> values;
    private final Map<String, Mark> marks;
    private final Map<String, Object> children;

    Values(String path, Mark mark, Map<String, Object> values, Map<String, Mark> marks, Map<String, Object> children) {
        this.path = path;
        this.mark = mark;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.marks = Collections.unmodifiableMap(new LinkedHashMap<>(marks));
        this.children = Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    /** Nothing given: every option has its default. */
    static Values empty(String path) {
        return new Values(path, Mark.NONE, Map.of(), Map.of(), Map.of());
    }

    /** The value given, else the option's default. */
    @SuppressWarnings("unchecked")
    <T> T get(Option<T> option) {
        Object v = values.get(option.key());
        return v == null ? option.defaultValue() : (T) v;
    }

    boolean isSet(Option<?> option) {
        return values.containsKey(option.key());
    }

    boolean isSet(String key) {
        return values.containsKey(key) || children.containsKey(key);
    }

    /** Full dotted path of this mapping, "" at the top. */
    String path() {
        return path;
    }

    Mark mark() {
        return mark;
    }

    /** Full dotted path of a key in this mapping. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where a key was written, else where this mapping starts. */
    Mark mark(String key) {
        return marks.getOrDefault(key, mark);
    }

    Optional<Values> child(String key) {
        return Optional.ofNullable((Values) children.get(key));
    }

    Values childOrEmpty(String key) {
        return child(key).orElseGet(() -> empty(path(key)));
    }

    @SuppressWarnings("unchecked")
    List<Values> list(String key) {
        Object v = children.get(key);
        return v == null ? List.of() : (List<Values>) v;
    }

    @SuppressWarnings("unchecked")
    Map<String, Values> named(String key) {
        Object v = children.get(key);
        return v == null ? Map.of() : (Map<String, Values>) v;
    }
}
