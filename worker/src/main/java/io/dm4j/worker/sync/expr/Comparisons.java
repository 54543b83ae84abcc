package io.dm4j.worker.sync.expr;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * MySQL's comparison of two expressions. The comparison type is chosen from both static types, as MySQL does:
 * <ul>
 *   <li>NULL on either side: NULL (except {@code <=>});</li>
 *   <li>a JSON side: JSON comparison (the other side becomes a JSON scalar);</li>
 *   <li>a temporal side against a temporal value, a string or a numeric constant: temporal comparison, the other
 *       side read as that temporal type (TIME against TIME, DATETIME otherwise);</li>
 *   <li>two strings: string comparison under the collation of the side with lower coercibility (binary wins);</li>
 *   <li>otherwise numbers: exactly when both are INT/DECIMAL, else as DOUBLE.</li>
 * </ul>
 */
final class Comparisons {
    private Comparisons() {
    }

    /** A prepared comparison of two expressions for one row: negative, zero, positive, or null for NULL. */
    static final class Compared {
        private final Expr left;
        private final Expr right;
        private final UnaryOperator<Object> convertLeft;
        private final UnaryOperator<Object> convertRight;
        private final java.util.Comparator<Object> order;

        private Compared(Expr left, Expr right, UnaryOperator<Object> convertLeft, UnaryOperator<Object> convertRight,
                         java.util.Comparator<Object> order) {
            this.left = left;
            this.right = right;
            this.convertLeft = convertLeft;
            this.convertRight = convertRight;
            this.order = order;
        }

        Integer compare(Object[] row) {
            Object a = left.eval(row);
            if (a == null) {
                return null;
            }
            Object b = right.eval(row);
            if (b == null) {
                return null;
            }
            return compareValues(a, b);
        }

        /** Compares two non-null values of the left and right expressions. */
        Integer compareValues(Object a, Object b) {
            Object x = convertLeft.apply(a);
            Object y = convertRight.apply(b);
            return x == null || y == null ? null : order.compare(x, y);
        }

        Expr left() {
            return left;
        }

        Expr right() {
            return right;
        }
    }

    /** Binds {@code op} ({@code = <=> <> < <= > >=}) to a boolean expression. */
    static Expr compare(String op, Expr l, Expr r, ZoneId zone) {
        if (op.equals("<=>")) {
            Compared c = l.type().isNull() || r.type().isNull() ? null : prepare(l, r, zone);
            return Expr.derived(ExprType.INT, List.of(l, r), row -> {
                Object a = l.eval(row);
                Object b = r.eval(row);
                if (a == null || b == null) {
                    return Values.bool(a == null && b == null);
                }
                Integer v = c.compareValues(a, b);
                return Values.bool(v != null && v == 0);
            });
        }
        if (l.type().isNull() || r.type().isNull()) {
            return Expr.constant(ExprType.INT, null);
        }
        Compared c = prepare(l, r, zone);
        return Expr.derived(ExprType.INT, List.of(l, r), row -> {
            Integer v = c.compare(row);
            return v == null ? null : Values.bool(holds(op, v));
        });
    }

    static boolean holds(String op, int v) {
        return switch (op) {
            case "=" -> v == 0;
            case "<>" -> v != 0;
            case "<" -> v < 0;
            case "<=" -> v <= 0;
            case ">" -> v > 0;
            case ">=" -> v >= 0;
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** {@code x IN (a, b, ...)}: TRUE when one item is equal, else NULL when x or an item is NULL, else FALSE. */
    static Expr in(Expr x, List<Expr> items, ZoneId zone) {
        List<Compared> cs = new ArrayList<>();
        for (Expr item : items) {
            cs.add(item.type().isNull() || x.type().isNull() ? null : prepare(x, item, zone));
        }
        List<Expr> all = new ArrayList<>(items);
        all.add(x);
        return Expr.derived(ExprType.INT, all, row -> {
            Object a = x.eval(row);
            if (a == null) {
                return null;
            }
            boolean sawNull = false;
            for (int i = 0; i < items.size(); i++) {
                Compared c = cs.get(i);
                Object b = c == null ? null : items.get(i).eval(row);
                Integer v = b == null ? null : c.compareValues(a, b);
                if (v == null) {
                    sawNull = true;
                } else if (v == 0) {
                    return Values.TRUE;
                }
            }
            return sawNull ? null : Values.FALSE;
        });
    }

    /** Prepares the comparison of two expressions; neither has the NULL type. */
    static Compared prepare(Expr l, Expr r, ZoneId zone) {
        ExprType a = l.type();
        ExprType b = r.type();
        if (a.kind() == Kind.JSON || b.kind() == Kind.JSON) {
            return new Compared(l, r, v -> JsonValues.toJson(v, a), v -> JsonValues.toJson(v, b),
                    (x, y) -> JsonValues.compare((JsonNode) x, (JsonNode) y));
        }
        boolean temporal = (a.isTemporal() && b.isTemporal())
                || (a.isTemporal() && (b.isString() || (b.isNumeric() && r.constant())))
                || (b.isTemporal() && (a.isString() || (a.isNumeric() && l.constant())));
        if (temporal) {
            boolean time = (a.kind() == Kind.TIME || !a.isTemporal()) && (b.kind() == Kind.TIME || !b.isTemporal());
            Kind k = time ? Kind.TIME : Kind.DATETIME;
            return new Compared(l, r, temporal(l, k, zone, r), temporal(r, k, zone, l),
                    (x, y) -> ((SqlTemporal) x).compareTo((SqlTemporal) y));
        }
        if (a.isString() && b.isString()) {
            Collation c = Collation.resolve(a.collation(), b.collation());
            if (c.binary()) {
                return new Compared(l, r, Values::toBytes, Values::toBytes,
                        (x, y) -> Arrays.compareUnsigned((byte[]) x, (byte[]) y));
            }
            return new Compared(l, r, Values::toText, Values::toText, (x, y) -> c.compare((String) x, (String) y));
        }
        Kind na = a.numericKind();
        Kind nb = b.numericKind();
        boolean exact = (na == Kind.INT || na == Kind.DECIMAL) && (nb == Kind.INT || nb == Kind.DECIMAL);
        if (exact) {
            return new Compared(l, r, v -> Values.toNumber(v, a), v -> Values.toNumber(v, b), Comparisons::compareExact);
        }
        return new Compared(l, r, v -> Values.toDouble(v, a), v -> Values.toDouble(v, b), (x, y) -> {
            double dx = (Double) x;
            double dy = (Double) y;
            return dx < dy ? -1 : dx > dy ? 1 : 0;
        });
    }

    /** Reads the values of {@code e} as {@code target}; a constant that is no such value is an error now. */
    private static UnaryOperator<Object> temporal(Expr e, Kind target, ZoneId zone, Expr other) {
        if (e.constant() && !e.type().isTemporal()) {
            Object v = e.valueNow();
            if (v != null && Values.toTemporal(v, target, zone) == null) {
                throw ExprException.invalid("'" + Values.toText(v) + "' is not a valid " + target
                        + " value to compare with a " + other.type().kind() + " value");
            }
        }
        return v -> Values.toTemporal(v, target, zone);
    }

    private static int compareExact(Object x, Object y) {
        if (x instanceof Long a && y instanceof Long b) {
            return Long.compare(a, b);
        }
        BigDecimal a = Values.decimal((Number) x);
        BigDecimal b = Values.decimal((Number) y);
        return a.compareTo(b);
    }
}
