package io.dm4j.worker.sync.expr;

import io.dm4j.worker.schema.ColumnDef;
import io.dm4j.worker.schema.TableSchema;
import io.dm4j.worker.sync.expr.ExprType.Kind;
import io.dm4j.worker.sync.expr.Syntax.Call;
import io.dm4j.worker.sync.expr.Syntax.Column;
import io.dm4j.worker.sync.expr.Syntax.Literal;
import io.dm4j.worker.sync.expr.Syntax.TypeSpec;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Binds {@link Syntax} to one table: resolves column names to row positions, decides every node's type and builds
 * the evaluator. Logic is MySQL's three-valued logic; AND and OR stop as soon as the result is known.
 */
final class ExprBinder {
    private final TableSchema table;
    private final ZoneId zone;

    ExprBinder(TableSchema table, ZoneId zone) {
        this.table = table;
        this.zone = zone;
    }

    Expr bind(Syntax s) {
        if (s instanceof Literal l) {
            return literal(l);
        }
        if (s instanceof Column c) {
            return column(c);
        }
        if (s instanceof Call c) {
            return call(c);
        }
        throw ExprException.syntax("a type name is only allowed in CAST");
    }

    private List<Expr> bindAll(List<Syntax> args) {
        List<Expr> out = new ArrayList<>(args.size());
        for (Syntax a : args) {
            out.add(bind(a));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------

    private Expr literal(Literal l) {
        return switch (l.kind()) {
            case NULL -> Expr.constant(ExprType.NULL, null);
            case INTEGER -> Expr.constant(l.value() instanceof Long ? ExprType.INT : ExprType.UNSIGNED_INT, l.value());
            case BOOLEAN -> Expr.constant(ExprType.INT, l.value());
            case DECIMAL -> Expr.constant(ExprType.DECIMAL, l.value());
            case DOUBLE -> Expr.constant(ExprType.DOUBLE, l.value());
            case STRING -> Expr.constant(ExprType.TEXT, l.value());
            case HEX -> Expr.constant(ExprType.HEX, l.value());
            case DATE, TIME, TIMESTAMP -> typedTemporal(l);
        };
    }

    /** {@code DATE'..'}, {@code TIME'..'}, {@code TIMESTAMP'..'}: the text must be a valid value of the type. */
    private Expr typedTemporal(Literal l) {
        String text = (String) l.value();
        Kind kind = switch (l.kind()) {
            case DATE -> Kind.DATE;
            case TIME -> Kind.TIME;
            default -> Kind.DATETIME;
        };
        SqlTemporal v = kind == Kind.TIME ? SqlTemporal.parseTime(text, zone) : SqlTemporal.parseDateTime(text, zone, false);
        if (v == null || (kind == Kind.DATE && v.kind() != Kind.DATE)) {
            throw ExprException.invalid("'" + text + "' is not a valid " + l.kind() + " literal");
        }
        v = v.to(kind, zone);
        return Expr.constant(ExprType.temporal(kind, v.fsp()), v);
    }

    private Expr column(Column c) {
        String shown = (c.table() == null ? "" : c.table() + ".") + c.name();
        boolean otherTable = c.table() != null && !c.table().equalsIgnoreCase(table.id().table())
                || c.schema() != null && !c.schema().equalsIgnoreCase(table.id().schema());
        int index = otherTable ? -1 : table.indexOf(c.name());
        if (index < 0) {
            throw ExprException.unknownColumn(shown);
        }
        ColumnDef def = table.columns().get(index);
        ExprType type = ColumnValues.typeOf(def);
        UnaryOperator<Object> read = ColumnValues.reader(def, type, zone);
        return Expr.ofRow(type, row -> {
            Object v = row[index];
            return v == null ? null : read.apply(v);
        });
    }

    // ------------------------------------------------------------------------------------------------------------

    private Expr call(Call c) {
        String op = c.name();
        if (op.equals("cast")) {
            return Casts.cast(bind(c.args().get(0)), (TypeSpec) c.args().get(1), zone);
        }
        List<Expr> a = bindAll(c.args());
        return switch (op) {
            case "or" -> or(a.get(0), a.get(1));
            case "and" -> and(a.get(0), a.get(1));
            case "xor" -> xor(a.get(0), a.get(1));
            case "not" -> not(a.get(0));
            case "is_null", "is_not_null", "is_true", "is_not_true", "is_false", "is_not_false" -> is(op, a.get(0));
            case "=", "<=>", "<>", "<", "<=", ">", ">=" -> Comparisons.compare(op, a.get(0), a.get(1), zone);
            case "in" -> Comparisons.in(a.get(0), a.subList(1, a.size()), zone);
            case "not_in" -> not(Comparisons.in(a.get(0), a.subList(1, a.size()), zone));
            case "between" -> between(a.get(0), a.get(1), a.get(2));
            case "not_between" -> not(between(a.get(0), a.get(1), a.get(2)));
            case "like" -> like(a.get(0), a.get(1), a.get(2));
            case "not_like" -> not(like(a.get(0), a.get(1), a.get(2)));
            case "regexp" -> regexp(a.get(0), a.get(1));
            case "not_regexp" -> not(regexp(a.get(0), a.get(1)));
            case "+", "-", "*", "/", "div", "mod" -> Arithmetic.binary(op, a.get(0), a.get(1));
            case "neg" -> Arithmetic.negate(a.get(0));
            case "&", "|", "^", "<<", ">>" -> Arithmetic.bitwise(op, a.get(0), a.get(1));
            case "~" -> Arithmetic.bitNot(a.get(0));
            case "case" -> searchedCase(a);
            case "case_value" -> valueCase(a);
            case "collate" -> collate(a.get(0), (String) a.get(1).valueNow());
            case "->" -> JsonFunctions.extract(a);
            case "->>" -> JsonFunctions.unquote(JsonFunctions.extract(a));
            default -> Functions.bind(op, a, zone);
        };
    }

    private static Boolean truth(Expr e, Object[] row) {
        return Values.truth(e.eval(row), e.type());
    }

    private static Expr and(Expr l, Expr r) {
        return Expr.derived(ExprType.INT, List.of(l, r), row -> {
            Boolean a = truth(l, row);
            if (Boolean.FALSE.equals(a)) {
                return Values.FALSE;
            }
            Boolean b = truth(r, row);
            if (Boolean.FALSE.equals(b)) {
                return Values.FALSE;
            }
            return a == null || b == null ? null : Values.TRUE;
        });
    }

    private static Expr or(Expr l, Expr r) {
        return Expr.derived(ExprType.INT, List.of(l, r), row -> {
            Boolean a = truth(l, row);
            if (Boolean.TRUE.equals(a)) {
                return Values.TRUE;
            }
            Boolean b = truth(r, row);
            if (Boolean.TRUE.equals(b)) {
                return Values.TRUE;
            }
            return a == null || b == null ? null : Values.FALSE;
        });
    }

    private static Expr xor(Expr l, Expr r) {
        return Expr.derived(ExprType.INT, List.of(l, r), row -> {
            Boolean a = truth(l, row);
            Boolean b = a == null ? null : truth(r, row);
            return a == null || b == null ? null : Values.bool(a ^ b);
        });
    }

    private static Expr not(Expr e) {
        return Expr.derived(ExprType.INT, List.of(e), row -> {
            Boolean a = truth(e, row);
            return a == null ? null : Values.bool(!a);
        });
    }

    private static Expr is(String op, Expr e) {
        return Expr.derived(ExprType.INT, List.of(e), row -> {
            Object v = e.eval(row);
            Boolean t = Values.truth(v, e.type());
            return Values.bool(switch (op) {
                case "is_null" -> v == null;
                case "is_not_null" -> v != null;
                case "is_true" -> Boolean.TRUE.equals(t);
                case "is_not_true" -> !Boolean.TRUE.equals(t);
                case "is_false" -> Boolean.FALSE.equals(t);
                default -> !Boolean.FALSE.equals(t);
            });
        });
    }

    /** {@code x BETWEEN lo AND hi} is {@code x >= lo AND x <= hi}. */
    private Expr between(Expr x, Expr low, Expr high) {
        return and(Comparisons.compare(">=", x, low, zone), Comparisons.compare("<=", x, high, zone));
    }

    /** The collation two operands of LIKE / REGEXP match under. */
    private static Collation matchCollation(Expr x, Expr pattern) {
        Collation a = x.type().isString() ? x.type().collation() : Collation.NUMBER_TEXT;
        Collation b = pattern.type().isString() ? pattern.type().collation() : Collation.NUMBER_TEXT;
        return Collation.resolve(a, b);
    }

    /** Text to match: characters, or for binary matching one char per byte. */
    private static String matchText(Object v, Collation c) {
        return c.binary() ? new String(Values.toBytes(v), java.nio.charset.StandardCharsets.ISO_8859_1) : Values.toText(v);
    }

    private static Expr like(Expr x, Expr pattern, Expr escapeExpr) {
        if (!escapeExpr.constant()) {
            throw ExprException.invalid("the ESCAPE of LIKE must be a constant");
        }
        Object esc = escapeExpr.valueNow();
        String escText = esc == null ? "" : Values.toText(esc);
        if (escText.codePointCount(0, escText.length()) > 1) {
            throw ExprException.invalid("the ESCAPE of LIKE must be one character, got '" + escText + "'");
        }
        int escape = escText.isEmpty() ? -1 : escText.codePointAt(0);
        Collation c = matchCollation(x, pattern);
        LikePattern fixed = pattern.constant() && pattern.valueNow() != null
                ? LikePattern.compile(matchText(pattern.valueNow(), c), escape, c) : null;
        return Expr.strict(ExprType.INT, List.of(x, pattern), v -> {
            LikePattern p = fixed != null ? fixed : LikePattern.compile(matchText(v[1], c), escape, c);
            return Values.bool(p.matches(matchText(v[0], c)));
        });
    }

    private static Expr regexp(Expr x, Expr pattern) {
        Collation c = matchCollation(x, pattern);
        int flags = c.binary() || !c.caseInsensitive() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        Pattern fixed = pattern.constant() && pattern.valueNow() != null
                ? compileRegex(matchText(pattern.valueNow(), c), flags, true) : null;
        return Expr.strict(ExprType.INT, List.of(x, pattern), v -> {
            Pattern p = fixed != null ? fixed : compileRegex(matchText(v[1], c), flags, false);
            return Values.bool(p.matcher(matchText(v[0], c)).find());
        });
    }

    private static Pattern compileRegex(String regex, int flags, boolean atBind) {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            String msg = "invalid regular expression '" + regex + "': " + e.getDescription();
            throw atBind ? ExprException.invalid(msg) : ExprException.evaluate(msg);
        }
    }

    /** CASE WHEN c1 THEN r1 ... ELSE e END; args are c1, r1, ..., e. */
    private Expr searchedCase(List<Expr> a) {
        int pairs = (a.size() - 1) / 2;
        ExprType t = caseType(a, 0, pairs);
        Expr otherwise = a.get(a.size() - 1);
        return Expr.derived(t, a, row -> {
            for (int i = 0; i < pairs; i++) {
                if (Boolean.TRUE.equals(truth(a.get(2 * i), row))) {
                    return ControlFunctions.as(a.get(2 * i + 1).eval(row), a.get(2 * i + 1), t, zone);
                }
            }
            return ControlFunctions.as(otherwise.eval(row), otherwise, t, zone);
        });
    }

    /** CASE v WHEN w1 THEN r1 ... ELSE e END; args are v, w1, r1, ..., e. */
    private Expr valueCase(List<Expr> a) {
        Expr value = a.get(0);
        int pairs = (a.size() - 2) / 2;
        ExprType t = caseType(a, 1, pairs);
        List<Comparisons.Compared> cs = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Expr when = a.get(1 + 2 * i);
            cs.add(value.type().isNull() || when.type().isNull() ? null : Comparisons.prepare(value, when, zone));
        }
        Expr otherwise = a.get(a.size() - 1);
        return Expr.derived(t, a, row -> {
            Object v = value.eval(row);
            for (int i = 0; v != null && i < pairs; i++) {
                Comparisons.Compared c = cs.get(i);
                Object w = c == null ? null : a.get(1 + 2 * i).eval(row);
                Integer r = w == null ? null : c.compareValues(v, w);
                if (r != null && r == 0) {
                    Expr then = a.get(2 + 2 * i);
                    return ControlFunctions.as(then.eval(row), then, t, zone);
                }
            }
            return ControlFunctions.as(otherwise.eval(row), otherwise, t, zone);
        });
    }

    private static ExprType caseType(List<Expr> a, int first, int pairs) {
        List<ExprType> results = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            results.add(a.get(first + 2 * i + 1).type());
        }
        results.add(a.get(a.size() - 1).type());
        return ExprType.common(results);
    }

    /** {@code x COLLATE name}: the collation decides how x compares, with the highest precedence. */
    private static Expr collate(Expr x, String name) {
        if (!x.type().isString()) {
            throw ExprException.invalid("COLLATE " + name + " needs a string operand, got " + x.type().kind());
        }
        Collation c = Collation.of(name, Collation.EXPLICIT);
        if (!c.binary() && !name.contains("_")) {
            throw ExprException.invalid("unknown collation " + name);
        }
        if (c.binary() != x.type().collation().binary() && x.type().collation().binary()) {
            throw ExprException.invalid("COLLATE " + name + " is not valid for a binary string");
        }
        ExprType t = x.type();
        return x.withType(new ExprType(t.kind(), t.unsigned(), c, t.members(), t.set(), t.hexNumber(), t.fsp()));
    }
}
