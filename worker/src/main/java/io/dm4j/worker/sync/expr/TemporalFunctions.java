package io.dm4j.worker.sync.expr;

import io.dm4j.worker.sync.expr.ExprType.Kind;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * DATE and the field extractors YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, MICROSECOND. Strings and numbers are read
 * as temporal values first; a value that is not one gives NULL, as MySQL does (with a warning).
 */
final class TemporalFunctions {
    private TemporalFunctions() {
    }

    static void register(Map<String, Functions.Def> m) {
        m.put("date", new Functions.Def(1, 1, (a, z) -> date(a.get(0), z)));
        m.put("year", dateField(SqlTemporal::year));
        m.put("month", dateField(SqlTemporal::month));
        Functions.Def day = dateField(SqlTemporal::day);
        m.put("day", day);
        m.put("dayofmonth", day);
        m.put("hour", timeField(SqlTemporal::hour));
        m.put("minute", timeField(SqlTemporal::minute));
        m.put("second", timeField(SqlTemporal::second));
        m.put("microsecond", timeField(SqlTemporal::micros));
    }

    private static Expr date(Expr x, ZoneId zone) {
        return Expr.strict(ExprType.temporal(Kind.DATE, 0), List.of(x), v -> {
            SqlTemporal t = Values.toTemporal(v[0], Kind.DATETIME, zone);
            return t == null ? null : t.to(Kind.DATE, zone);
        });
    }

    private static Functions.Def dateField(ToLongFunction<SqlTemporal> field) {
        return new Functions.Def(1, 1, (a, zone) -> Expr.strict(ExprType.INT, a, v -> {
            SqlTemporal t = Values.toTemporal(v[0], Kind.DATETIME, zone);
            return t == null ? null : field.applyAsLong(t);
        }));
    }

    /** Fields of the time part: a DATE/DATETIME value gives its own, anything else is read as TIME (hours may pass 24). */
    private static Functions.Def timeField(ToLongFunction<SqlTemporal> field) {
        return new Functions.Def(1, 1, (a, zone) -> {
            ExprType in = a.get(0).type();
            Kind as = in.kind() == Kind.DATE || in.kind() == Kind.DATETIME ? Kind.DATETIME : Kind.TIME;
            return Expr.strict(ExprType.INT, a, v -> {
                SqlTemporal t = Values.toTemporal(v[0], as, zone);
                return t == null ? null : field.applyAsLong(t);
            });
        });
    }
}
