package io.dm4j.worker.sync.expr;

import java.util.List;
import java.util.function.Function;

/**
 * An expression bound to a table: its static {@link ExprType} and how to compute its value from a row (the decoded
 * values in {@link io.dm4j.worker.schema.TableSchema#columns()} order). Expressions without columns are
 * computed once when bound ({@link #constant()}).
 */
final class Expr {
    private static final Object[] NO_ROW = new Object[0];

    /** Computes the value of an expression for one row; null is SQL NULL. */
    @FunctionalInterface
    interface Eval {
        Object eval(Object[] row);
    }

    private final ExprType type;
    private final Eval eval;
    private final boolean constant;

    private Expr(ExprType type, Eval eval, boolean constant) {
        this.type = type;
        this.eval = eval;
        this.constant = constant;
    }

    static Expr constant(ExprType type, Object value) {
        return new Expr(type, row -> value, true);
    }

    /** An expression reading the row (a column). */
    static Expr ofRow(ExprType type, Eval eval) {
        return new Expr(type, eval, false);
    }

    /**
     * An expression computed from {@code args} by {@code eval}; when every argument is constant it is computed now,
     * so errors in constant parts surface when the rule is bound.
     */
    static Expr derived(ExprType type, List<Expr> args, Eval eval) {
        Expr e = new Expr(type, eval, args.stream().allMatch(Expr::constant));
        return e.constant ? constant(type, e.valueNow()) : e;
    }

    /**
     * Like {@link #derived}: NULL when any argument is NULL, else {@code fn} of the argument values.
     */
    static Expr strict(ExprType type, List<Expr> args, Function<Object[], Object> fn) {
        Expr[] a = args.toArray(new Expr[0]);
        return derived(type, args, row -> {
            Object[] values = new Object[a.length];
            for (int i = 0; i < a.length; i++) {
                values[i] = a[i].eval(row);
                if (values[i] == null) {
                    return null;
                }
            }
            return fn.apply(values);
        });
    }

    ExprType type() {
        return type;
    }

    boolean constant() {
        return constant;
    }

    Object eval(Object[] row) {
        return eval.eval(row);
    }

    /** The value of a constant expression. */
    Object valueNow() {
        try {
            return eval.eval(NO_ROW);
        } catch (ExprException e) {
            throw e.kind() == ExprException.Kind.EVALUATE ? ExprException.invalid(e.getMessage()) : e;
        }
    }

    /** This expression with the same values seen as another type (e.g. COLLATE). */
    Expr withType(ExprType t) {
        return new Expr(t, eval, constant);
    }
}
