package io.dm4j.worker.sync.expr;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON_EXTRACT (also {@code ->}), JSON_UNQUOTE (also {@code ->>} with JSON_EXTRACT), JSON_TYPE, JSON_LENGTH and
 * JSON_VALID. A JSON document argument may be a JSON value or a string holding JSON text (MariaDB's JSON columns are
 * text); invalid JSON text is an error, as in MySQL.
 */
final class JsonFunctions {
    private static final ExprType UNQUOTED = ExprType.string(Collation.of("utf8mb4_bin", Collation.IMPLICIT));

    private JsonFunctions() {
    }

    static void register(Map<String, Functions.Def> m) {
        m.put("json_extract", new Functions.Def(2, Integer.MAX_VALUE, (a, z) -> extract(a)));
        m.put("json_unquote", new Functions.Def(1, 1, (a, z) -> unquote(a.get(0))));
        m.put("json_type", new Functions.Def(1, 1, (a, z) -> type(a.get(0))));
        m.put("json_length", new Functions.Def(1, 2, (a, z) -> length(a)));
        m.put("json_valid", new Functions.Def(1, 1, (a, z) -> valid(a.get(0))));
    }

    /** How a document argument becomes a JSON value; other types are MySQL's "Invalid data type for JSON data". */
    static Function<Object, JsonNode> document(Expr e, String function) {
        ExprType t = e.type();
        if (t.kind() == Kind.JSON) {
            return v -> (JsonNode) v;
        }
        if (t.isString() || t.isNull()) {
            return v -> JsonValues.parse(Values.toText(v));
        }
        throw ExprException.invalid("invalid data type for JSON data in argument 1 to function " + function
                + ": a JSON string or JSON type is required, got " + t.kind());
    }

    /** Paths given as constants are read once; others on each row. */
    private static Function<Object, JsonPath> path(Expr e) {
        if (e.constant()) {
            Object v = e.valueNow();
            JsonPath p = v == null ? null : JsonPath.parse(Values.toText(v));
            return x -> p;
        }
        return v -> JsonPath.parse(Values.toText(v));
    }

    static Expr extract(List<Expr> args) {
        Function<Object, JsonNode> doc = document(args.get(0), "json_extract");
        List<Function<Object, JsonPath>> paths = new ArrayList<>();
        for (Expr p : args.subList(1, args.size())) {
            paths.add(path(p));
        }
        boolean many = args.size() > 2;
        return Expr.strict(ExprType.JSON, args, v -> {
            JsonNode root = doc.apply(v[0]);
            List<JsonNode> found = new ArrayList<>();
            boolean wrap = many;
            for (int i = 1; i < v.length; i++) {
                JsonPath p = paths.get(i - 1).apply(v[i]);
                wrap |= p.hasWildcard();
                found.addAll(p.select(root));
            }
            if (found.isEmpty()) {
                return null;
            }
            return wrap ? JsonValues.array(found) : found.get(0);
        });
    }

    static Expr unquote(Expr x) {
        ExprType t = x.type();
        return Expr.strict(UNQUOTED, List.of(x), v -> t.kind() == Kind.JSON ? JsonValues.unquote((JsonNode) v[0])
                : JsonValues.unquote(Values.toText(v[0])));
    }

    private static Expr type(Expr x) {
        Function<Object, JsonNode> doc = document(x, "json_type");
        return Expr.strict(UNQUOTED, List.of(x), v -> JsonValues.typeName(doc.apply(v[0])));
    }

    private static Expr length(List<Expr> args) {
        Function<Object, JsonNode> doc = document(args.get(0), "json_length");
        Function<Object, JsonPath> path = args.size() > 1 ? path(args.get(1)) : null;
        return Expr.strict(ExprType.INT, args, v -> {
            JsonNode root = doc.apply(v[0]);
            if (path == null) {
                return JsonValues.length(root);
            }
            JsonPath p = path.apply(v[1]);
            if (p.hasWildcard()) {
                throw ExprException.evaluate("json_length does not take a path with wildcards: " + p);
            }
            List<JsonNode> found = p.select(root);
            return found.isEmpty() ? null : JsonValues.length(found.get(0));
        });
    }

    private static Expr valid(Expr x) {
        ExprType t = x.type();
        return Expr.strict(ExprType.INT, List.of(x), v -> t.kind() == Kind.JSON ? Values.TRUE
                : Values.bool(t.isString() && JsonValues.isValid(Values.toText(v[0]))));
    }
}
