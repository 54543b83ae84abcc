package io.dm4j.common.config;

import io.dm4j.common.config.ConfigNode.ListNode;
import io.dm4j.common.config.ConfigNode.MapNode;
import io.dm4j.common.config.ConfigNode.ScalarKind;
import io.dm4j.common.config.ConfigNode.ScalarNode;
import io.dm4j.common.config.ValueType.InvalidValue;
import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The value types configuration keys use. Scalars are read from their original text, the way DM's Go YAML decoder
 * fills a string field: {@code off} stays "off", {@code 1} stays "1".
 */
final class ValueTypes {
    private ValueTypes() {
    }

    static final ValueType<String> STRING = simple("string", (n, ctx) -> text(n));

    static final ValueType<Integer> INT = simple("integer", (n, ctx) -> {
        long v = integer(n);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid("expected an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", found `" + text(n) + "`");
        }
        return (int) v;
    });

    static final ValueType<Long> LONG = simple("integer", (n, ctx) -> integer(n));

    /** Unsigned 32-bit (binlog positions, server ids). */
    static final ValueType<Long> UINT32 = simple("integer (0 to 4294967295)", (n, ctx) -> {
        long v = integer(n);
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw invalid("expected an integer from 0 to 4294967295, found `" + text(n) + "`");
        }
        return v;
    });

    static final ValueType<Double> DOUBLE = simple("number", (n, ctx) -> {
        String t = text(n).trim();
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw invalid("expected a number, found `" + t + "`");
        }
    });

    /** YAML 1.1 booleans as DM's decoder accepts them: true/false, yes/no, on/off. */
    static final ValueType<Boolean> BOOL = simple("boolean", (n, ctx) -> {
        String t = text(n).trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "true": case "yes": case "on": case "y":
                return true;
            case "false": case "no": case "off": case "n":
                return false;
            default:
                throw invalid("expected true or false, found `" + text(n) + "`");
        }
    });

    static final ValueType<Duration> DURATION = new ValueType<>() {
        @Override
        public String name() {
            return "duration (e.g. 30s, 5m, 1h30m)";
        }

        @Override
        public Duration read(ConfigNode node, ReadContext ctx) {
            String t = text(node);
            try {
                return DmDuration.parse(t);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw invalid("expected a duration such as 30s, 5m or 1h30m, found `" + t + "`");
            }
        }

        @Override
        public String show(Duration value) {
            return DmDuration.format(value);
        }
    };

    /** Kept as written because "" has a meaning (e.g. safe-mode-duration); a non-empty value must be a duration. */
    static final ValueType<String> DURATION_TEXT = simple("duration (e.g. 60s) or \"\"", (n, ctx) -> {
        String t = text(n).trim();
        if (!t.isEmpty() && !DmDuration.isValid(t)) {
            throw invalid("expected a duration such as 60s or 1m30s (or \"\" for the default), found `" + t + "`");
        }
        return t;
    });

    /** A size kept as written (e.g. {@code 500m}); validated with {@link ByteSize}. */
    static final ValueType<String> SIZE = simple("size (e.g. 64, 500m, 2GiB)", (n, ctx) -> {
        String t = text(n).trim();
        if (!t.isEmpty() && !ByteSize.isValid(t)) {
            throw invalid("expected a size such as 64, 500m or 2GiB, found `" + t + "`");
        }
        return t;
    });

    static final ValueType<List<String>> STRING_LIST = new ValueType<>() {
        @Override
        public String name() {
            return "list of strings";
        }

        @Override
        public List<String> read(ConfigNode node, ReadContext ctx) {
            if (!(node instanceof ListNode list)) {
                throw invalid("expected a list such as [\"a\", \"b\"], found a " + node.kind());
            }
            List<String> out = new ArrayList<>();
            for (ConfigNode item : list.items()) {
                if (item instanceof ScalarNode s && s.isNull()) {
                    continue;
                }
                out.add(text(item));
            }
            return List.copyOf(out);
        }

        @Override
        public String show(List<String> value) {
            return value.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
        }

        @Override
        public boolean isList() {
            return true;
        }
    };

    /** A mapping of names to scalar values, all kept as text (session variables). */
    static final ValueType<Map<String, String>> STRING_MAP = new ValueType<>() {
        @Override
        public String name() {
            return "mapping of names to values";
        }

        @Override
        public Map<String, String> read(ConfigNode node, ReadContext ctx) {
            if (!(node instanceof MapNode map)) {
                throw invalid("expected a mapping such as {name: value}, found a " + node.kind());
            }
            Map<String, String> out = new LinkedHashMap<>();
            map.entries().forEach((k, e) -> out.put(k, e.value() instanceof ScalarNode s && s.isNull() ? "" : text(e.value())));
            return java.util.Collections.unmodifiableMap(out);
        }

        @Override
        public String show(Map<String, String> value) {
            return value.isEmpty() ? "{}" : value.toString();
        }
    };

    /** A password, plain or encrypted ({@code dmctl encrypt}); decrypted while reading. */
    static final ValueType<Secret> SECRET = simple("password (plain or encrypted)", (n, ctx) -> {
        try {
            return ctx.encryptor().toSecret(text(n));
        } catch (DmException e) {
            throw new InvalidValue(e.code(), e.detail());
        }
    });

    /** Anything at all; for deprecated sections DM still accepts but ignores (e.g. source {@code tracer}). */
    static final ValueType<String> IGNORED = simple("anything (ignored)", (n, ctx) -> n.kind());

    /** One of an enum's labels (case-insensitive) or aliases. */
    static <E extends Enum<E> & ConfigEnum> ValueType<E> choice(Class<E> type) {
        E[] values = type.getEnumConstants();
        List<String> labels = Arrays.stream(values).map(v -> "`" + v.label() + "`").toList();
        return new ValueType<>() {
            @Override
            public String name() {
                return "one of " + String.join(", ", labels.stream().map(l -> l.equals("``") ? "\"\"" : l).toList());
            }

            @Override
            public E read(ConfigNode node, ReadContext ctx) {
                String t = text(node).trim();
                if (t.isEmpty() && Arrays.stream(values).noneMatch(v -> v.label().isEmpty())) {
                    return null; // "" means "use the default", as in DM
                }
                for (E v : values) {
                    if (v.label().equalsIgnoreCase(t) || v.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(t))) {
                        return v;
                    }
                }
                String allowed = String.join(", ", labels.stream().map(l -> l.equals("``") ? "\"\" (empty)" : l).toList());
                throw new InvalidValue(ConfigErrors.INVALID_ENUM, "`" + t + "` is not allowed; allowed values: " + allowed
                        + Suggestions.didYouMean(t, Arrays.stream(values).map(ConfigEnum::label).filter(l -> !l.isEmpty()).toList()));
            }

            @Override
            public String show(E value) {
                return value.label().isEmpty() ? "\"\"" : value.label();
            }
        };
    }

    interface Reader<T> {
        T read(ConfigNode node, ReadContext ctx);
    }

    static <T> ValueType<T> simple(String name, Reader<T> reader) {
        return new ValueType<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public T read(ConfigNode node, ReadContext ctx) {
                return reader.read(node, ctx);
            }
        };
    }

    static InvalidValue invalid(String message) {
        return new InvalidValue(ConfigErrors.INVALID_VALUE, message);
    }

    /** The scalar's original text; lists and mappings are not text. */
    static String text(ConfigNode node) {
        if (node instanceof ScalarNode s) {
            return s.text();
        }
        throw invalid("expected a single value, found a " + node.kind());
    }

    private static long integer(ConfigNode node) {
        String t = text(node).trim();
        if (node instanceof ScalarNode s && s.scalarKind() == ScalarKind.FLOAT) {
            throw invalid("expected an integer, found `" + t + "`");
        }
        try {
            return t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid("expected an integer, found `" + t + "`");
        }
    }
}
