package io.dm4j.worker.sync.expr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MySQL JSON path: {@code $}, then legs {@code .key}, {@code ."key"}, {@code .*}, {@code [n]}, {@code [last]},
 * {@code [last-n]}, {@code [m to n]}, {@code [*]} and {@code **}. A scalar counts as an array of one element for
 * {@code [0]}/{@code [last]}, as in MySQL.
 */
final class JsonPath {

    private sealed interface Leg permits Member, AnyMember, Index, Range, AnyElement, Descendants {
    }

    private record Member(String key) implements Leg {
    }

    private record AnyMember() implements Leg {
    }

    /** An array position; {@code fromLast} counts back from the last element. */
    private record Index(int n, boolean fromLast) implements Leg {
    }

    private record Range(Index from, Index to) implements Leg {
    }

    private record AnyElement() implements Leg {
    }

    private record Descendants() implements Leg {
    }

    private final String text;
    private final List<Leg> legs;
    private final boolean wildcard;

    private JsonPath(String text, List<Leg> legs) {
        this.text = text;
        this.legs = List.copyOf(legs);
        this.wildcard = legs.stream().anyMatch(l -> !(l instanceof Member) && !(l instanceof Index));
    }

    /** Whether the path can match several values (its result is then always an array). */
    boolean hasWildcard() {
        return wildcard;
    }

    @Override
    public String toString() {
        return text;
    }

    static JsonPath parse(String text) {
        return new Reader(text).read();
    }

    /** The values the path selects, in document order. */
    List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Leg leg : legs) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                step(leg, n, next);
            }
            current = next;
            if (current.isEmpty()) {
                break;
            }
        }
        return current;
    }

    private static void step(Leg leg, JsonNode n, List<JsonNode> out) {
        if (leg instanceof Member m) {
            JsonNode v = n.isObject() ? n.get(m.key()) : null;
            if (v != null) {
                out.add(v);
            }
        } else if (leg instanceof AnyMember) {
            if (n.isObject()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    out.add(e.getValue());
                }
            }
        } else if (leg instanceof Index i) {
            int size = n.isArray() ? n.size() : 1;
            int at = position(i, size);
            if (at >= 0 && at < size) {
                out.add(n.isArray() ? n.get(at) : n);
            }
        } else if (leg instanceof Range r) {
            int size = n.isArray() ? n.size() : 1;
            int from = Math.max(0, position(r.from(), size));
            int to = Math.min(size - 1, position(r.to(), size));
            for (int k = from; k <= to; k++) {
                out.add(n.isArray() ? n.get(k) : n);
            }
        } else if (leg instanceof AnyElement) {
            if (n.isArray()) {
                n.forEach(out::add);
            }
        } else {
            addDescendants(n, out);
        }
    }

    private static int position(Index i, int size) {
        return i.fromLast() ? size - 1 - i.n() : i.n();
    }

    private static void addDescendants(JsonNode n, List<JsonNode> out) {
        out.add(n);
        if (n.isContainerNode()) {
            for (JsonNode child : n) {
                addDescendants(child, out);
            }
        }
    }

    /** Reads the path text. */
    private static final class Reader {
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        JsonPath read() {
            skipSpaces();
            if (!accept('$')) {
                throw invalid("it must start with $");
            }
            List<Leg> legs = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (pos >= s.length()) {
                    break;
                }
                if (accept('.')) {
                    skipSpaces();
                    if (accept('*')) {
                        legs.add(new AnyMember());
                    } else if (peek() == '"') {
                        legs.add(new Member(quotedKey()));
                    } else {
                        legs.add(new Member(identifier()));
                    }
                } else if (accept('[')) {
                    skipSpaces();
                    if (accept('*')) {
                        legs.add(new AnyElement());
                    } else {
                        Index from = index();
                        skipSpaces();
                        if (s.startsWith("to", pos)) {
                            pos += 2;
                            skipSpaces();
                            legs.add(new Range(from, index()));
                        } else {
                            legs.add(from);
                        }
                    }
                    skipSpaces();
                    if (!accept(']')) {
                        throw invalid("expected ]");
                    }
                } else if (s.startsWith("**", pos)) {
                    pos += 2;
                    legs.add(new Descendants());
                } else {
                    throw invalid("unexpected '" + s.charAt(pos) + "'");
                }
            }
            if (!legs.isEmpty() && legs.get(legs.size() - 1) instanceof Descendants) {
                throw invalid("it must not end with **");
            }
            return new JsonPath(s, legs);
        }

        private Index index() {
            if (s.startsWith("last", pos)) {
                pos += 4;
                skipSpaces();
                if (accept('-')) {
                    skipSpaces();
                    return new Index(number(), true);
                }
                return new Index(0, true);
            }
            return new Index(number(), false);
        }

        private int number() {
            int start = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw invalid("expected an array index");
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw invalid("array index too large");
            }
        }

        private String identifier() {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                    || s.charAt(pos) == '$')) {
                pos++;
            }
            if (start == pos || Character.isDigit(s.charAt(start))) {
                throw invalid("expected a member name");
            }
            return s.substring(start, pos);
        }

        private String quotedKey() {
            int start = pos;
            pos++;
            while (pos < s.length() && s.charAt(pos) != '"') {
                pos += s.charAt(pos) == '\\' ? 2 : 1;
            }
            if (pos >= s.length()) {
                throw invalid("unterminated quoted member name");
            }
            pos++;
            try {
                return JsonValues.parse(s.substring(start, pos)).textValue();
            } catch (ExprException e) {
                throw invalid("invalid quoted member name");
            }
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        private boolean accept(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private ExprException invalid(String why) {
            return ExprException.invalid("invalid JSON path expression '" + s + "': " + why + " (at character " + pos + ")");
        }
    }
}
