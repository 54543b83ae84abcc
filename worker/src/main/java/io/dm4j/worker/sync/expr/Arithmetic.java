package io.dm4j.worker.sync.expr;

import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/**
 * MySQL arithmetic: {@code + - *} on integers stay integers (out of BIGINT range is an error, unsigned if either
 * side is unsigned), with a DECIMAL side they are exact decimals, with a DOUBLE or string side doubles; {@code /}
 * gives a DECIMAL with 4 more digits than the dividend (div_precision_increment) or a DOUBLE; {@code DIV} an
 * integer; {@code %} has the sign of the dividend; dividing by zero gives NULL. Bit operators work on unsigned 64-bit
 * integers.
 */
final class Arithmetic {
    private static final int DIV_PRECISION_INCREMENT = 4;
    private static final BigInteger MASK_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Arithmetic() {
    }

    static Expr binary(String op, Expr l, Expr r) {
        if (l.type().isNull() || r.type().isNull()) {
            return Expr.constant(op.equals("div") ? ExprType.INT : ExprType.DOUBLE, null);
        }
        ExprType a = l.type();
        ExprType b = r.type();
        Kind ka = a.numericKind();
        Kind kb = b.numericKind();
        Kind kind = ka == Kind.DOUBLE || kb == Kind.DOUBLE ? Kind.DOUBLE
                : ka == Kind.DECIMAL || kb == Kind.DECIMAL ? Kind.DECIMAL : Kind.INT;
        boolean unsigned = a.asNumeric().unsigned() || b.asNumeric().unsigned();
        String text = "(" + op + ")";
        switch (op) {
            case "+", "-", "*" -> {
                ExprType t = kind == Kind.INT ? (unsigned ? ExprType.UNSIGNED_INT : ExprType.INT)
                        : kind == Kind.DECIMAL ? ExprType.DECIMAL : ExprType.DOUBLE;
                return Expr.strict(t, List.of(l, r), v -> {
                    Number x = Values.toNumber(v[0], a);
                    Number y = Values.toNumber(v[1], b);
                    return switch (kind) {
                        case INT -> integer(op, Values.bigInteger(x), Values.bigInteger(y), unsigned, text);
                        case DECIMAL -> decimal(op, Values.decimal(x), Values.decimal(y));
                        default -> checked(dbl(op, x.doubleValue(), y.doubleValue()));
                    };
                });
            }
            case "/" -> {
                boolean approximate = kind == Kind.DOUBLE;
                return Expr.strict(approximate ? ExprType.DOUBLE : ExprType.DECIMAL, List.of(l, r), v -> {
                    Number x = Values.toNumber(v[0], a);
                    Number y = Values.toNumber(v[1], b);
                    if (approximate) {
                        double d = y.doubleValue();
                        return d == 0 ? null : checked(x.doubleValue() / d);
                    }
                    BigDecimal dx = Values.decimal(x);
                    BigDecimal dy = Values.decimal(y);
                    if (dy.signum() == 0) {
                        return null;
                    }
                    return dx.divide(dy, Math.max(0, dx.scale()) + DIV_PRECISION_INCREMENT, RoundingMode.HALF_UP);
                });
            }
            case "div" -> {
                return Expr.strict(unsigned ? ExprType.UNSIGNED_INT : ExprType.INT, List.of(l, r), v -> {
                    BigDecimal x = Values.toDecimal(v[0], a);
                    BigDecimal y = Values.toDecimal(v[1], b);
                    if (y.signum() == 0) {
                        return null;
                    }
                    BigInteger q = x.divide(y, 0, RoundingMode.DOWN).toBigInteger();
                    return range(q, unsigned, text);
                });
            }
            case "mod" -> {
                ExprType t = kind == Kind.INT ? (a.asNumeric().unsigned() ? ExprType.UNSIGNED_INT : ExprType.INT)
                        : kind == Kind.DECIMAL ? ExprType.DECIMAL : ExprType.DOUBLE;
                return Expr.strict(t, List.of(l, r), v -> {
                    Number x = Values.toNumber(v[0], a);
                    Number y = Values.toNumber(v[1], b);
                    return switch (kind) {
                        case INT -> {
                            BigInteger d = Values.bigInteger(y);
                            yield d.signum() == 0 ? null : Values.integer(Values.bigInteger(x).remainder(d));
                        }
                        case DECIMAL -> {
                            BigDecimal d = Values.decimal(y);
                            yield d.signum() == 0 ? null : Values.decimal(x).remainder(d);
                        }
                        default -> {
                            double d = y.doubleValue();
                            yield d == 0 ? null : x.doubleValue() % d;
                        }
                    };
                });
            }
            default -> throw new IllegalArgumentException(op);
        }
    }

    static Expr negate(Expr e) {
        ExprType t = e.type();
        if (t.isNull()) {
            return e;
        }
        Kind k = t.numericKind();
        ExprType result = k == Kind.INT ? ExprType.INT : k == Kind.DECIMAL ? ExprType.DECIMAL : ExprType.DOUBLE;
        return Expr.strict(result, List.of(e), v -> {
            Number n = Values.toNumber(v[0], t);
            return switch (k) {
                case INT -> range(Values.bigInteger(n).negate(), false, "-(...)");
                case DECIMAL -> Values.decimal(n).negate();
                default -> -n.doubleValue();
            };
        });
    }

    /** {@code & | ^ << >>} on unsigned 64-bit integers. */
    static Expr bitwise(String op, Expr l, Expr r) {
        ExprType a = l.type();
        ExprType b = r.type();
        return Expr.strict(ExprType.UNSIGNED_INT, List.of(l, r), v -> {
            long x = bits(v[0], a);
            long y = bits(v[1], b);
            long out = switch (op) {
                case "&" -> x & y;
                case "|" -> x | y;
                case "^" -> x ^ y;
                case "<<" -> Long.compareUnsigned(y, 64) >= 0 ? 0 : x << y;
                case ">>" -> Long.compareUnsigned(y, 64) >= 0 ? 0 : x >>> y;
                default -> throw new IllegalArgumentException(op);
            };
            return unsigned(out);
        });
    }

    static Expr bitNot(Expr e) {
        ExprType t = e.type();
        return Expr.strict(ExprType.UNSIGNED_INT, List.of(e), v -> unsigned(~bits(v[0], t)));
    }

    private static long bits(Object v, ExprType t) {
        return Values.bigInteger(Values.toNumber(v, t)).and(MASK_64).longValue();
    }

    private static Number unsigned(long v) {
        return v >= 0 ? (Number) v : new BigInteger(Long.toUnsignedString(v));
    }

    private static Number integer(String op, BigInteger x, BigInteger y, boolean unsigned, String text) {
        BigInteger r = switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            default -> x.multiply(y);
        };
        return range(r, unsigned, text);
    }

    private static Number range(BigInteger r, boolean unsigned, String text) {
        if (!Values.inRange(r, unsigned)) {
            throw ExprException.evaluate((unsigned ? "BIGINT UNSIGNED" : "BIGINT") + " value is out of range in " + text
                    + ": " + r);
        }
        return Values.integer(r);
    }

    private static BigDecimal decimal(String op, BigDecimal x, BigDecimal y) {
        return switch (op) {
            case "+" -> x.add(y);
            case "-" -> x.subtract(y);
            default -> x.multiply(y);
        };
    }

    private static double dbl(String op, double x, double y) {
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            default -> x * y;
        };
    }

    private static double checked(double d) {
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw ExprException.evaluate("DOUBLE value is out of range");
        }
        return d;
    }
}
