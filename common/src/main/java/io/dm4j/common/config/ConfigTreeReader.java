package io.dm4j.common.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import io.dm4j.common.config.ConfigNode.Entry;
import io.dm4j.common.config.ConfigNode.ListNode;
import io.dm4j.common.config.ConfigNode.MapNode;
import io.dm4j.common.config.ConfigNode.ScalarKind;
import io.dm4j.common.config.ConfigNode.ScalarNode;
import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML (source/task files) or TOML (dm-master/dm-worker files) with Jackson's streaming parser into a
 * {@link ConfigNode} tree. Streaming (not data binding) keeps each key's line and column and each scalar's
 * original text, which is what DM's Go decoders see. Duplicate keys are errors, as in DM's strict YAML decoding.
 */
final class ConfigTreeReader {
    /** Resolves anchors, aliases and {@code <<} merge keys, which DM's Go YAML decoder also accepts. */
    private static final YAMLAnchorReplayingFactory YAML = new YAMLAnchorReplayingFactory();
    private static final TomlFactory TOML = new TomlFactory();

    enum Format { YAML, TOML }

    private final Problems problems;

    private ConfigTreeReader(Problems problems) {
        this.problems = problems;
    }

    /** Reads a file's text; a missing or unreadable file is {@link ConfigErrors#READ_FILE}. */
    static String readFile(Path path, String fileKind) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw ConfigErrors.READ_FILE.wrap(e, "cannot read " + fileKind + " file `" + path + "`: " + e);
        }
    }

    /** Parses {@code text}; syntax errors throw {@link ConfigErrors#PARSE}, duplicate keys go to {@code problems}. */
    static MapNode parse(String text, Format format, Problems problems) {
        try (JsonParser p = (format == Format.YAML ? YAML : TOML).createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return MapNode.empty();
            }
            ConfigTreeReader reader = new ConfigTreeReader(problems);
            ConfigNode root = reader.node(p, "");
            if (root instanceof ScalarNode s && s.isNull()) {
                return MapNode.empty();
            }
            if (!(root instanceof MapNode map)) {
                throw ConfigErrors.PARSE.error(problems.fileKind() + " file `" + problems.file()
                        + "`: the document must be a mapping of keys to values, found a " + root.kind());
            }
            return map;
        } catch (JsonProcessingException e) {
            throw parseError(e, problems);
        } catch (IOException e) {
            throw ConfigErrors.PARSE.wrap(e, "cannot parse " + problems.fileKind() + " file `" + problems.file() + "`: " + e.getMessage());
        }
    }

    /**
     * Only the first line of the parser's message is kept and the exception is not attached as cause: the parser's
     * full message quotes the file's text around the error, which may hold a password.
     */
    private static DmException parseError(JsonProcessingException e, Problems problems) {
        Mark mark = mark(e.getLocation());
        String where = mark.known() ? " (" + mark.describe() + ")" : "";
        String reason = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage().lines().findFirst().orElse("");
        return ConfigErrors.PARSE.error("cannot parse " + problems.fileKind() + " file `" + problems.file() + "`" + where + ": " + reason);
    }

    private ConfigNode node(JsonParser p, String path) throws IOException {
        JsonToken t = p.currentToken();
        Mark mark = mark(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT:
                return mapping(p, mark, path);
            case START_ARRAY:
                List<ConfigNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(p, path + "[" + items.size() + "]"));
                }
                return new ListNode(mark, items);
            case VALUE_STRING:
                return new ScalarNode(mark, p.getText(), ScalarKind.STRING);
            case VALUE_NUMBER_INT:
                return new ScalarNode(mark, p.getText(), ScalarKind.INTEGER);
            case VALUE_NUMBER_FLOAT:
                return new ScalarNode(mark, p.getText(), ScalarKind.FLOAT);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new ScalarNode(mark, p.getText(), ScalarKind.BOOLEAN);
            case VALUE_NULL:
                return new ScalarNode(mark, "", ScalarKind.NULL);
            case VALUE_EMBEDDED_OBJECT:
                // TOML dates/times: keep the text as written
                return new ScalarNode(mark, String.valueOf(p.getEmbeddedObject()), ScalarKind.STRING);
            default:
                throw ConfigErrors.PARSE.error(problems.fileKind() + " file `" + problems.file() + "`: unexpected " + t
                        + (mark.known() ? " at " + mark.describe() : ""));
        }
    }

    private MapNode mapping(JsonParser p, Mark mark, String path) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Mark keyMark = mark(p.currentTokenLocation());
            p.nextToken();
            String childPath = path.isEmpty() ? key : path + "." + key;
            ConfigNode value = node(p, childPath);
            Entry earlier = entries.get(key);
            if (earlier == null) {
                entries.put(key, new Entry(key, keyMark, value));
            } else if (mergedIn(keyMark, mark)) {
                continue; // a key brought in by a `<<` merge never overrides one written in the mapping itself
            } else if (mergedIn(earlier.keyMark(), mark)) {
                entries.put(key, new Entry(key, keyMark, value));
            } else {
                problems.error(ConfigErrors.PARSE, childPath, keyMark, "the key is given twice (first at "
                        + earlier.keyMark().describe() + "); keep one");
            }
        }
        return new MapNode(mark, entries);
    }

    /** Keys replayed from an anchor (a {@code <<} merge) were written before the mapping that receives them began. */
    private static boolean mergedIn(Mark key, Mark mapping) {
        return key.known() && mapping.known()
                && (key.line() < mapping.line() || key.line() == mapping.line() && key.column() < mapping.column());
    }

    private static Mark mark(JsonLocation loc) {
        return loc == null || loc.getLineNr() <= 0 ? Mark.NONE : new Mark(loc.getLineNr(), loc.getColumnNr());
    }
}
