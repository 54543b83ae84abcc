package io.dm4j.common.config;

import io.dm4j.common.config.ConfigNode.Entry;
import io.dm4j.common.config.ConfigNode.ListNode;
import io.dm4j.common.config.ConfigNode.MapNode;
import io.dm4j.common.config.ConfigNode.ScalarKind;
import io.dm4j.common.config.ConfigNode.ScalarNode;
import io.dm4j.common.config.Schema.Child;
import io.dm4j.common.config.ValueType.InvalidValue;
import io.dm4j.common.errors.ConfigErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link ConfigNode} tree against a {@link Schema}: unknown keys (with a "did you mean"), wrong types,
 * values outside what is allowed and missing required keys all become problems naming the full key path and
 * position. A key with a problem keeps its default so reading can go on and report everything at once.
 */
final class SchemaReader {
    private final Problems problems;
    private final ReadContext ctx;

    SchemaReader(Problems problems, ReadContext ctx) {
        this.problems = problems;
        this.ctx = ctx;
    }

    Values read(MapNode node, Schema schema, String path) {
        return read(node, schema, path, node.mark());
    }

    /** {@code mark}: where the mapping is introduced (its key), used for problems about the mapping as a whole. */
    Values read(MapNode node, Schema schema, String path, Mark mark) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Mark> marks = new LinkedHashMap<>();
        Map<String, Object> children = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        for (Entry e : node.entries().values()) {
            String keyPath = join(path, e.key());
            marks.put(e.key(), e.keyMark());
            if (!(e.value() instanceof ScalarNode s && s.isNull())) {
                given.add(e.key());
            }
            Optional<Option<?>> option = schema.option(e.key());
            Optional<Child> child = schema.child(e.key());
            if (option.isPresent()) {
                readOption(option.get(), e, keyPath).ifPresent(v -> values.put(e.key(), v));
            } else if (child.isPresent()) {
                readChild(child.get(), e, keyPath).ifPresent(v -> children.put(e.key(), v));
            } else {
                problems.error(ConfigErrors.UNKNOWN_KEY, keyPath, e.keyMark(), "unknown key `" + e.key() + "`"
                        + Suggestions.didYouMean(e.key(), schema.keys()) + "; allowed keys here: " + String.join(", ", schema.keys()));
            }
        }
        for (Option<?> o : schema.options()) {
            if (o.isRequired() && !given.contains(o.key())) {
                missing(o.key(), path, mark, marks);
            }
        }
        for (Child c : schema.children()) {
            if (c.isRequired() && !given.contains(c.key())) {
                missing(c.key(), path, mark, marks);
            }
        }
        return new Values(path, mark, values, marks, children);
    }

    private void missing(String key, String path, Mark mapping, Map<String, Mark> marks) {
        if (marks.containsKey(key)) {
            problems.error(ConfigErrors.MISSING_KEY, join(path, key), marks.get(key), "required key `" + key + "` has no value");
        } else {
            problems.error(ConfigErrors.MISSING_KEY, join(path, key), mapping, "required key `" + key + "` is missing");
        }
    }

    private Optional<Object> readOption(Option<?> option, Entry e, String keyPath) {
        if (e.value() instanceof ScalarNode s && s.isNull()) {
            return Optional.empty(); // `key:` with nothing after it means "not set", as in DM
        }
        if (option.deprecation() != null) {
            problems.warn(keyPath, e.keyMark(), "`" + option.key() + "` is deprecated; " + option.deprecation());
        }
        try {
            Object v = option.type().read(e.value(), ctx);
            if (option.isRequired() && (v == null || "".equals(v))) {
                problems.error(ConfigErrors.MISSING_KEY, keyPath, e.keyMark(), "required key `" + option.key() + "` has no value");
                return Optional.empty();
            }
            String problem = v == null ? null : check(option, v);
            if (problem != null) {
                problems.error(ConfigErrors.INVALID_VALUE, keyPath, e.value().mark(), problem);
                return Optional.empty();
            }
            return Optional.ofNullable(v);
        } catch (InvalidValue bad) {
            problems.error(bad.code(), keyPath, e.value().mark(), bad.getMessage());
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> String check(Option<T> option, Object value) {
        return option.check() == null ? null : option.check().problem((T) value);
    }

    private Optional<Object> readChild(Child child, Entry e, String keyPath) {
        ConfigNode value = e.value();
        if (value instanceof ScalarNode s && s.isNull()) {
            return Optional.empty();
        }
        if (child.deprecation() != null) {
            problems.warn(keyPath, e.keyMark(), "`" + child.key() + "` is deprecated; " + child.deprecation());
        }
        switch (child.shape()) {
            case ONE:
                return asMap(value, keyPath).map(m -> read(m, child.schema(), keyPath, e.keyMark()));
            case LIST:
                if (!(value instanceof ListNode list)) {
                    problems.error(ConfigErrors.INVALID_VALUE, keyPath, value.mark(), "expected a list of mappings (entries starting with `-`), found a " + value.kind());
                    return Optional.empty();
                }
                List<Values> items = new ArrayList<>();
                for (ConfigNode item : list.items()) {
                    String itemPath = keyPath + "[" + items.size() + "]";
                    items.add(asMap(item, itemPath).map(m -> read(m, child.schema(), itemPath)).orElseGet(() -> Values.empty(itemPath)));
                }
                return Optional.of(List.copyOf(items));
            case NAMED:
            default:
                Optional<MapNode> map = asMap(value, keyPath);
                if (map.isEmpty()) {
                    return Optional.empty();
                }
                Map<String, Values> named = new LinkedHashMap<>();
                for (Entry ruleEntry : map.get().entries().values()) {
                    String rulePath = keyPath + "." + ruleEntry.key();
                    ConfigNode ruleNode = ruleEntry.value() instanceof ScalarNode s && s.isNull()
                            ? new MapNode(ruleEntry.keyMark(), Map.of()) : ruleEntry.value();
                    asMap(ruleNode, rulePath).ifPresent(m -> named.put(ruleEntry.key(), read(m, child.schema(), rulePath, ruleEntry.keyMark())));
                }
                return Optional.of(Collections.unmodifiableMap(named));
        }
    }

    private Optional<MapNode> asMap(ConfigNode node, String keyPath) {
        if (node instanceof MapNode m) {
            return Optional.of(m);
        }
        problems.error(ConfigErrors.INVALID_VALUE, keyPath, node.mark(), "expected a mapping of keys to values, found a " + node.kind()
                + (node instanceof ScalarNode s ? " `" + s.text() + "`" : ""));
        return Optional.empty();
    }

    /**
     * Applies command-line flag values over a file's top-level keys (flags win, as in DM where flags are parsed after
     * the file). Flag names are the file's key names; list values are comma-separated.
     */
    static MapNode overlay(MapNode file, Map<String, String> flags, Schema schema, Problems flagProblems) {
        Map<String, Entry> entries = new LinkedHashMap<>(file.entries());
        for (Map.Entry<String, String> f : flags.entrySet()) {
            String key = f.getKey().startsWith("--") ? f.getKey().substring(2) : f.getKey();
            Optional<Option<?>> option = schema.option(key);
            if (option.isEmpty()) {
                flagProblems.error(ConfigErrors.UNKNOWN_KEY, "--" + key, Mark.NONE, "unknown flag `--" + key + "`"
                        + Suggestions.didYouMean(key, schema.options().stream().map(Option::key).toList()));
                continue;
            }
            ConfigNode value;
            if (option.get().type().isList()) {
                List<ConfigNode> items = new ArrayList<>();
                for (String part : f.getValue().split(",")) {
                    if (!part.isBlank()) {
                        items.add(new ScalarNode(Mark.NONE, part.trim(), ScalarKind.STRING));
                    }
                }
                value = new ListNode(Mark.NONE, items);
            } else {
                value = new ScalarNode(Mark.NONE, f.getValue(), ScalarKind.STRING);
            }
            try {
                Object parsed = option.get().type().read(value, new ReadContext(Encryptor.builtIn()));
                String problem = parsed == null ? null : check(option.get(), parsed);
                if (problem != null) {
                    flagProblems.error(ConfigErrors.INVALID_VALUE, "--" + key, Mark.NONE, problem);
                    continue;
                }
            } catch (InvalidValue bad) {
                flagProblems.error(bad.code(), "--" + key, Mark.NONE, bad.getMessage());
                continue;
            }
            entries.put(key, new Entry(key, Mark.NONE, value));
        }
        return new MapNode(file.mark(), entries);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
