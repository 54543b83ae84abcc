package io.dm4j.common.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed configuration document, format-neutral (YAML and TOML both end up here), keeping where each key and
 * value was written so errors can point at them. Scalars keep their original text: {@code off} stays "off".
 */
sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode {

    Mark mark();

    /** "mapping", "list" or "scalar", for messages. */
    String kind();

    /** One key of a mapping: the key's own position and the value. */
    record Entry(String key, Mark keyMark, ConfigNode value) {
    }

    record MapNode(Mark mark, Map<String, Entry> entries) implements ConfigNode {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        static MapNode empty() {
            return new MapNode(Mark.NONE, Map.of());
        }

        @Override
        public String kind() {
            return "mapping";
        }
    }

    record ListNode(Mark mark, List<ConfigNode> items) implements ConfigNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "list";
        }
    }

    /** What the parser recognised the scalar as; the text is always the original spelling. */
    enum ScalarKind { STRING, INTEGER, FLOAT, BOOLEAN, NULL }

    record ScalarNode(Mark mark, String text, ScalarKind scalarKind) implements ConfigNode {
        @Override
        public String kind() {
            return "scalar";
        }

        boolean isNull() {
            return scalarKind == ScalarKind.NULL;
        }
    }
}
