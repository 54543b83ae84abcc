package io.dm4j.worker.sync.expr;

import io.dm4j.worker.sync.expr.ExprType.Kind;
import io.dm4j.worker.sync.expr.Syntax.TypeSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** CAST(x AS type) / CONVERT(x, type) and the BINARY operator. */
final class Casts {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private Casts() {
    }

    static Expr cast(Expr x, TypeSpec spec, ZoneId zone) {
        ExprType in = x.type();
        List<Expr> args = List.of(x);
        return switch (spec.name()) {
            case "SIGNED", "UNSIGNED" -> {
                boolean unsigned = spec.name().equals("UNSIGNED");
                yield Expr.strict(unsigned ? ExprType.UNSIGNED_INT : ExprType.INT, args,
                        v -> integer(v[0], in, unsigned));
            }
            case "DECIMAL" -> {
                int precision = spec.length() < 0 ? 10 : spec.length();
                int scale = Math.max(0, spec.scale());
                if (precision < scale || precision > 65) {
                    throw ExprException.invalid("invalid DECIMAL(" + precision + "," + scale + ") in CAST");
                }
                yield Expr.strict(ExprType.DECIMAL, args, v -> decimal(Values.toDecimal(v[0], in), precision, scale));
            }
            case "DOUBLE" -> Expr.strict(ExprType.DOUBLE, args, v -> Values.toDouble(v[0], in));
            case "CHAR" -> Expr.strict(ExprType.string(Collation.LITERAL.withCoercibility(Collation.IMPLICIT)), args, v -> {
                String s = Values.toText(v[0]);
                return spec.length() >= 0 && s.codePointCount(0, s.length()) > spec.length()
                        ? s.substring(0, s.offsetByCodePoints(0, spec.length())) : s;
            });
            case "BINARY" -> Expr.strict(ExprType.string(Collation.of("binary", Collation.IMPLICIT)), args, v -> {
                byte[] b = Values.toBytes(v[0]);
                return spec.length() >= 0 ? Arrays.copyOf(b, spec.length()) : b;
            });
            case "DATE", "DATETIME", "TIME" -> {
                Kind kind = Kind.valueOf(spec.name());
                int fsp = kind == Kind.DATE ? 0 : Math.max(0, spec.length());
                if (fsp > 6) {
                    throw ExprException.invalid("fractional seconds precision " + fsp + " in CAST is above 6");
                }
                yield Expr.strict(ExprType.temporal(kind, fsp), args, v -> {
                    SqlTemporal t = Values.toTemporal(v[0], kind, zone);
                    return t == null ? null : withFsp(t, fsp);
                });
            }
            case "JSON" -> Expr.strict(ExprType.JSON, args, v -> in.isString() && in.members().isEmpty()
                    ? JsonValues.parse(Values.toText(v[0])) : JsonValues.toJson(v[0], in));
            default -> throw ExprException.unsupportedFunction("CAST to " + spec.name() + " is not supported");
        };
    }

    /** CAST AS SIGNED/UNSIGNED: strings give their leading integer, numbers round; values wrap into 64 bits. */
    private static Number integer(Object v, ExprType in, boolean unsigned) {
        BigInteger b;
        if (in.isString() && in.members().isEmpty() && !in.hexNumber()) {
            b = leadingInteger(Values.toText(v));
        } else {
            b = Values.bigInteger(Values.toNumber(v, in));
        }
        BigInteger wrapped = b.mod(TWO_64);
        if (!unsigned && wrapped.testBit(63)) {
            wrapped = wrapped.subtract(TWO_64);
        }
        return Values.integer(wrapped);
    }

    private static BigInteger leadingInteger(String s) {
        String t = s.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == start) {
            return BigInteger.ZERO;
        }
        BigInteger b = new BigInteger(t.substring(start, i));
        return t.charAt(0) == '-' ? b.negate() : b;
    }

    /** Rounds to {@code scale} digits and clips to the largest value DECIMAL(precision, scale) holds. */
    private static BigDecimal decimal(BigDecimal d, int precision, int scale) {
        BigDecimal r = d.setScale(scale, RoundingMode.HALF_UP);
        BigDecimal max = BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(scale))
                .setScale(scale, RoundingMode.UNNECESSARY);
        if (r.abs().compareTo(max) > 0) {
            return r.signum() < 0 ? max.negate() : max;
        }
        return r;
    }

    private static SqlTemporal withFsp(SqlTemporal t, int fsp) {
        if (t.kind() == Kind.DATE) {
            return t;
        }
        long unit = (long) Math.pow(10, 6 - fsp);
        int micros = (int) (t.micros() / unit * unit);
        return new SqlTemporal(t.kind(), t.negative(), t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second(),
                micros, fsp);
    }
}
