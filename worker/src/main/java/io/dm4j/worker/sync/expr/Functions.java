package io.dm4j.worker.sync.expr;

import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The functions an expression may call, by lower-case name. */
final class Functions {

    /** Builds the call of one function from its bound arguments (their count already checked). */
    @FunctionalInterface
    interface Binder {
        Expr bind(List<Expr> args, ZoneId zone);
    }

    /** A function: how many arguments it takes and how it binds. */
    record Def(int minArgs, int maxArgs, Binder binder) {
    }

    private static final Map<String, Def> DEFS = build();

    private Functions() {
    }

    private static Map<String, Def> build() {
        Map<String, Def> m = new TreeMap<>();
        StringFunctions.register(m);
        NumericFunctions.register(m);
        TemporalFunctions.register(m);
        JsonFunctions.register(m);
        ControlFunctions.register(m);
        return Collections.unmodifiableMap(m);
    }

    static Expr bind(String name, List<Expr> args, ZoneId zone) {
        Def d = DEFS.get(name);
        if (d == null) {
            throw ExprException.unsupportedFunction("function " + name + "() is not supported");
        }
        if (args.size() < d.minArgs() || args.size() > d.maxArgs()) {
            String expected = d.minArgs() == d.maxArgs() ? String.valueOf(d.minArgs())
                    : d.maxArgs() == Integer.MAX_VALUE ? "at least " + d.minArgs() : d.minArgs() + " to " + d.maxArgs();
            throw ExprException.unsupportedFunction("function " + name + "() takes " + expected + " arguments, got "
                    + args.size());
        }
        return d.binder().bind(args, zone);
    }

    /** The supported function names, for error messages and docs. */
    static String names() {
        return String.join(", ", DEFS.keySet());
    }

    /** Whether {@code name} is a function (tests). */
    static boolean exists(String name) {
        return DEFS.containsKey(name);
    }
}
