package io.dm4j.worker.sync.expr;

import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** ABS, ROUND, FLOOR, CEIL, TRUNCATE, SIGN, MOD: exact values stay exact, doubles stay doubles. */
final class NumericFunctions {
    private NumericFunctions() {
    }

    static void register(Map<String, Functions.Def> m) {
        m.put("abs", new Functions.Def(1, 1, (a, z) -> abs(a.get(0))));
        m.put("round", new Functions.Def(1, 2, (a, z) -> round(a, RoundingMode.HALF_UP)));
        m.put("truncate", new Functions.Def(2, 2, (a, z) -> round(a, RoundingMode.DOWN)));
        Functions.Def ceil = new Functions.Def(1, 1, (a, z) -> floorCeil(a.get(0), RoundingMode.CEILING));
        m.put("ceil", ceil);
        m.put("ceiling", ceil);
        m.put("floor", new Functions.Def(1, 1, (a, z) -> floorCeil(a.get(0), RoundingMode.FLOOR)));
        m.put("sign", new Functions.Def(1, 1, (a, z) -> sign(a.get(0))));
        m.put("mod", new Functions.Def(2, 2, (a, z) -> Arithmetic.binary("mod", a.get(0), a.get(1))));
    }

    private static ExprType numericType(ExprType t) {
        return switch (t.numericKind()) {
            case INT -> t.asNumeric();
            case DECIMAL -> ExprType.DECIMAL;
            case NULL -> ExprType.NULL;
            default -> ExprType.DOUBLE;
        };
    }

    private static Expr abs(Expr x) {
        ExprType in = x.type();
        ExprType t = numericType(in);
        return Expr.strict(t, List.of(x), v -> {
            Number n = Values.toNumber(v[0], in);
            return switch (t.kind()) {
                case INT -> {
                    BigInteger b = Values.bigInteger(n).abs();
                    if (!Values.inRange(b, t.unsigned())) {
                        throw ExprException.evaluate("BIGINT value is out of range in abs(): " + b);
                    }
                    yield Values.integer(b);
                }
                case DECIMAL -> Values.decimal(n).abs();
                default -> Math.abs(n.doubleValue());
            };
        });
    }

    /** ROUND(x[, d]) (half away from zero for exact values, half to even for doubles as C's rint) and TRUNCATE. */
    private static Expr round(List<Expr> args, RoundingMode mode) {
        Expr x = args.get(0);
        ExprType in = x.type();
        ExprType t = numericType(in);
        ExprType dType = args.size() > 1 ? args.get(1).type() : ExprType.INT;
        Expr digits = args.size() > 1 ? args.get(1) : Expr.constant(ExprType.INT, 0L);
        return Expr.strict(t, List.of(x, digits), v -> {
            Number n = Values.toNumber(v[0], in);
            int d = (int) Math.max(-100, Math.min(100, Values.bigInteger(Values.toNumber(v[1], dType)).longValue()));
            return switch (t.kind()) {
                case INT -> {
                    if (d >= 0) {
                        yield n;
                    }
                    BigInteger r = new BigDecimal(Values.bigInteger(n)).setScale(d, mode).toBigInteger();
                    if (!Values.inRange(r, t.unsigned())) {
                        throw ExprException.evaluate("BIGINT value is out of range in round(): " + r);
                    }
                    yield Values.integer(r);
                }
                case DECIMAL -> {
                    BigDecimal r = Values.decimal(n).setScale(d, mode);
                    yield d < 0 ? r.setScale(0, RoundingMode.UNNECESSARY) : r;
                }
                default -> {
                    double x0 = n.doubleValue();
                    if (mode == RoundingMode.DOWN) {
                        yield new BigDecimal(Double.toString(x0)).setScale(d, RoundingMode.DOWN).doubleValue();
                    }
                    double scale = Math.pow(10, d);
                    yield d >= 0 ? Math.rint(x0 * scale) / scale : Math.rint(x0 / Math.pow(10, -d)) * Math.pow(10, -d);
                }
            };
        });
    }

    private static Expr floorCeil(Expr x, RoundingMode mode) {
        ExprType in = x.type();
        ExprType numeric = numericType(in);
        ExprType t = numeric.kind() == Kind.DOUBLE ? ExprType.DOUBLE : numeric.kind() == Kind.NULL ? ExprType.NULL
                : numeric.kind() == Kind.INT ? numeric : ExprType.INT;
        return Expr.strict(t, List.of(x), v -> {
            Number n = Values.toNumber(v[0], in);
            if (t.kind() == Kind.DOUBLE) {
                return mode == RoundingMode.FLOOR ? Math.floor(n.doubleValue()) : Math.ceil(n.doubleValue());
            }
            if (n instanceof Long || n instanceof BigInteger) {
                return n;
            }
            BigInteger r = Values.decimal(n).setScale(0, mode).toBigInteger();
            if (!Values.inRange(r, false)) {
                throw ExprException.evaluate("BIGINT value is out of range: " + r);
            }
            return Values.integer(r);
        });
    }

    private static Expr sign(Expr x) {
        ExprType in = x.type();
        return Expr.strict(ExprType.INT, List.of(x), v -> {
            Number n = Values.toNumber(v[0], in);
            int s = n instanceof Double d ? (int) Math.signum(d) : Values.decimal(n).signum();
            return (long) s;
        });
    }
}
