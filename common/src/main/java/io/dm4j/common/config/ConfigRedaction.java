package io.dm4j.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stored configuration as {@code dmctl config} shows it: every non-empty {@code password} becomes {@code ******}
 * (DM's mask) and inline certificate or key text ({@code ssl-*-bytes}, {@code ssl-*-base64}) is left out. The master
 * applies this before a file leaves it, so neither the network nor a terminal sees the secrets.
 */
public final class ConfigRedaction {
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final Pattern INLINE_MATERIAL = Pattern.compile("ssl-(ca|cert|key)-(bytes|base64)");
    /** A TOML string: multi-line basic or literal (which span lines), basic with escapes, or literal. */
    private static final String TOML_STRING = "(\"\"\"[\\s\\S]*?\"\"\"(?!\")|'''[\\s\\S]*?'''(?!')|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'[^'\\n]*')";
    private static final Pattern TOML_PASSWORD = Pattern.compile("(?m)^([ \\t]*[\\w.-]*password[ \\t]*=[ \\t]*)" + TOML_STRING);
    private static final Pattern TOML_INLINE = Pattern.compile("(?m)^[ \\t]*ssl-(?:ca|cert|key)-(?:bytes|base64)[ \\t]*=[ \\t]*"
            + "(?:" + TOML_STRING + ")?[^\\n]*\\n?");

    private ConfigRedaction() {
    }

    /** A source.yaml or task.yaml with passwords masked and inline TLS material removed. */
    public static String yaml(String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            return "# not shown: the stored file cannot be read as YAML, and it may hold passwords\n";
        }
        if (root == null || !root.isContainerNode()) {
            return text;
        }
        redact(root);
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the redacted configuration", e);
        }
    }

    /** dm-master.toml / dm-worker.toml text, redacted line by line (comments and layout kept). */
    public static String toml(String text) {
        // whole values, multi-line strings included: a key's lines after the first must not stay behind
        String masked = TOML_PASSWORD.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(2).length() <= 2 ? m.group() : m.group(1) + "\"" + Secret.MASK + "\""));
        return TOML_INLINE.matcher(masked).replaceAll("");
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> drop = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().toLowerCase(Locale.ROOT);
                if (key.equals("password") && e.getValue().isValueNode() && !e.getValue().asText().isEmpty()) {
                    e.setValue(TextNode.valueOf(Secret.MASK));
                } else if (INLINE_MATERIAL.matcher(key).matches()) {
                    drop.add(e.getKey());
                } else {
                    redact(e.getValue());
                }
            }
            obj.remove(drop);
        } else if (node != null && node.isArray()) {
            node.forEach(ConfigRedaction::redact);
        }
    }
}
