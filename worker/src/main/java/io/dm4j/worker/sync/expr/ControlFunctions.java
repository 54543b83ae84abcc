package io.dm4j.worker.sync.expr;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** IF, IFNULL, COALESCE, NULLIF, ISNULL. */
final class ControlFunctions {
    private ControlFunctions() {
    }

    static void register(Map<String, Functions.Def> m) {
        m.put("if", new Functions.Def(3, 3, ControlFunctions::ifFunction));
        m.put("ifnull", new Functions.Def(2, 2, ControlFunctions::coalesce));
        m.put("coalesce", new Functions.Def(1, Integer.MAX_VALUE, ControlFunctions::coalesce));
        m.put("nullif", new Functions.Def(2, 2, ControlFunctions::nullif));
        m.put("isnull", new Functions.Def(1, 1, (a, z) -> Expr.derived(ExprType.INT, a,
                row -> Values.bool(a.get(0).eval(row) == null))));
    }

    /** Converts the value of one branch into the common result type. */
    static Object as(Object v, Expr from, ExprType to, ZoneId zone) {
        return v == null ? null : Values.convert(v, from.type(), to, zone);
    }

    private static Expr ifFunction(List<Expr> a, ZoneId zone) {
        Expr cond = a.get(0);
        Expr yes = a.get(1);
        Expr no = a.get(2);
        ExprType t = ExprType.common(List.of(yes.type(), no.type()));
        return Expr.derived(t, a, row -> Boolean.TRUE.equals(Values.truth(cond.eval(row), cond.type()))
                ? as(yes.eval(row), yes, t, zone) : as(no.eval(row), no, t, zone));
    }

    private static Expr coalesce(List<Expr> a, ZoneId zone) {
        List<ExprType> types = new ArrayList<>();
        a.forEach(e -> types.add(e.type()));
        ExprType t = ExprType.common(types);
        return Expr.derived(t, a, row -> {
            for (Expr e : a) {
                Object v = e.eval(row);
                if (v != null) {
                    return as(v, e, t, zone);
                }
            }
            return null;
        });
    }

    private static Expr nullif(List<Expr> a, ZoneId zone) {
        Expr x = a.get(0);
        Expr y = a.get(1);
        Comparisons.Compared c = x.type().isNull() || y.type().isNull() ? null : Comparisons.prepare(x, y, zone);
        return Expr.derived(x.type(), a, row -> {
            Object v = x.eval(row);
            if (v == null || c == null) {
                return v;
            }
            Object w = y.eval(row);
            Integer r = w == null ? null : c.compareValues(v, w);
            return r != null && r == 0 ? null : v;
        });
    }
}
