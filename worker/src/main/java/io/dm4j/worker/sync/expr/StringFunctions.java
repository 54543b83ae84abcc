package io.dm4j.worker.sync.expr;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * String functions. Text is handled in characters (code points), binary strings in bytes, as MySQL does for
 * nonbinary and binary strings.
 */
final class StringFunctions {
    private StringFunctions() {
    }

    static void register(Map<String, Functions.Def> m) {
        Functions.Def lower = new Functions.Def(1, 1, (a, z) -> caseMap(a.get(0), false));
        Functions.Def upper = new Functions.Def(1, 1, (a, z) -> caseMap(a.get(0), true));
        m.put("lower", lower);
        m.put("lcase", lower);
        m.put("upper", upper);
        m.put("ucase", upper);
        Functions.Def length = new Functions.Def(1, 1, (a, z) -> byteLength(a.get(0)));
        m.put("length", length);
        m.put("octet_length", length);
        Functions.Def charLength = new Functions.Def(1, 1, (a, z) -> charLength(a.get(0)));
        m.put("char_length", charLength);
        m.put("character_length", charLength);
        m.put("concat", new Functions.Def(1, Integer.MAX_VALUE, (a, z) -> concat(a)));
        m.put("concat_ws", new Functions.Def(2, Integer.MAX_VALUE, (a, z) -> concatWs(a)));
        m.put("substring", new Functions.Def(2, 3, (a, z) -> substring(a)));
        m.put("left", new Functions.Def(2, 2, (a, z) -> leftRight(a, true)));
        m.put("right", new Functions.Def(2, 2, (a, z) -> leftRight(a, false)));
        m.put("trim", new Functions.Def(3, 3, (a, z) -> trim(a)));
        m.put("ltrim", new Functions.Def(1, 1, (a, z) -> spaceTrim(a.get(0), true, false)));
        m.put("rtrim", new Functions.Def(1, 1, (a, z) -> spaceTrim(a.get(0), false, true)));
        m.put("replace", new Functions.Def(3, 3, (a, z) -> replace(a)));
        m.put("reverse", new Functions.Def(1, 1, (a, z) -> reverse(a.get(0))));
    }

    /** The string type of a function result built from {@code args}: binary if any argument is, else their collation. */
    static ExprType resultType(List<Expr> args) {
        Collation c = null;
        for (Expr e : args) {
            if (e.type().isNull()) {
                continue;
            }
            Collation ec = e.type().isString() || e.type().kind() == ExprType.Kind.JSON ? e.type().collation()
                    : Collation.NUMBER_TEXT;
            c = c == null ? ec : Collation.resolve(c, ec);
        }
        return ExprType.string(c == null ? Collation.LITERAL : c);
    }

    /** A string function result value of {@code type}: bytes for binary, text otherwise. */
    private static Object result(ExprType type, Str s) {
        return type.isBinaryString() ? s.bytes() : s.text();
    }

    /** A string argument as characters (text) or bytes (binary, one char per byte). */
    private record Str(String value, boolean binary) {
        static Str of(Object v, boolean binary) {
            return binary ? new Str(new String(Values.toBytes(v), StandardCharsets.ISO_8859_1), true)
                    : new Str(Values.toText(v), false);
        }

        int[] units() {
            return binary ? value.chars().toArray() : value.codePoints().toArray();
        }

        static Str of(int[] units, int from, int to, boolean binary) {
            return new Str(new String(units, from, Math.max(0, to - from)), binary);
        }

        String text() {
            return binary ? new String(bytes(), StandardCharsets.UTF_8) : value;
        }

        byte[] bytes() {
            return binary ? value.getBytes(StandardCharsets.ISO_8859_1) : value.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Expr caseMap(Expr x, boolean upper) {
        ExprType t = resultType(List.of(x));
        return Expr.strict(t, List.of(x), v -> {
            if (t.isBinaryString()) {
                return Values.toBytes(v[0]); // MySQL leaves binary strings unchanged
            }
            String s = Values.toText(v[0]);
            return upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
        });
    }

    private static Expr byteLength(Expr x) {
        ExprType t = x.type();
        return Expr.strict(ExprType.INT, List.of(x), v -> {
            if (v[0] instanceof byte[] b) {
                return (long) b.length;
            }
            String s = Values.toText(v[0]);
            return (long) s.getBytes(charsetOf(t.collation())).length;
        });
    }

    /** The Java charset of a collation's character set (for LENGTH); UTF-8 when unknown. */
    private static Charset charsetOf(Collation c) {
        String name = c.name();
        int us = name.indexOf('_');
        String cs = us < 0 ? name : name.substring(0, us);
        return switch (cs) {
            case "latin1" -> StandardCharsets.ISO_8859_1;
            case "ascii" -> StandardCharsets.US_ASCII;
            case "ucs2", "utf16" -> StandardCharsets.UTF_16BE;
            case "utf16le" -> StandardCharsets.UTF_16LE;
            case "utf32" -> Charset.forName("UTF-32BE");
            case "gbk", "gb2312", "gb18030", "big5", "sjis", "euckr", "ujis", "cp932" -> {
                try {
                    yield Charset.forName(cs.equals("ujis") ? "EUC-JP" : cs.equals("sjis") ? "Shift_JIS" : cs);
                } catch (RuntimeException e) {
                    yield StandardCharsets.UTF_8;
                }
            }
            default -> StandardCharsets.UTF_8;
        };
    }

    private static Expr charLength(Expr x) {
        return Expr.strict(ExprType.INT, List.of(x), v -> v[0] instanceof byte[] b ? (long) b.length
                : (long) Values.toText(v[0]).codePointCount(0, Values.toText(v[0]).length()));
    }

    private static Expr concat(List<Expr> args) {
        ExprType t = resultType(args);
        return Expr.strict(t, args, v -> {
            if (t.isBinaryString()) {
                int n = 0;
                byte[][] parts = new byte[v.length][];
                for (int i = 0; i < v.length; i++) {
                    parts[i] = Values.toBytes(v[i]);
                    n += parts[i].length;
                }
                byte[] out = new byte[n];
                int p = 0;
                for (byte[] b : parts) {
                    System.arraycopy(b, 0, out, p, b.length);
                    p += b.length;
                }
                return out;
            }
            StringBuilder sb = new StringBuilder();
            for (Object o : v) {
                sb.append(Values.toText(o));
            }
            return sb.toString();
        });
    }

    private static Expr concatWs(List<Expr> args) {
        ExprType t = resultType(args);
        Expr[] a = args.toArray(new Expr[0]);
        return Expr.derived(t, args, row -> {
            Object sep = a[0].eval(row);
            if (sep == null) {
                return null;
            }
            boolean binary = t.isBinaryString();
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (int i = 1; i < a.length; i++) {
                Object v = a[i].eval(row);
                if (v == null) {
                    continue;
                }
                if (!first) {
                    sb.append(Str.of(sep, binary).value());
                }
                sb.append(Str.of(v, binary).value());
                first = false;
            }
            return result(t, new Str(sb.toString(), binary));
        });
    }

    /** SUBSTRING(str, pos[, len]): 1-based; a negative pos counts from the end; pos 0 or len below 1 give ''. */
    private static Expr substring(List<Expr> args) {
        ExprType t = resultType(List.of(args.get(0)));
        ExprType posType = args.get(1).type();
        ExprType lenType = args.size() > 2 ? args.get(2).type() : null;
        return Expr.strict(t, args, v -> {
            int[] u = Str.of(v[0], t.isBinaryString()).units();
            long pos = Values.bigInteger(Values.toNumber(v[1], posType)).longValue();
            long len = v.length > 2 ? Values.bigInteger(Values.toNumber(v[2], lenType)).longValue() : Long.MAX_VALUE;
            long start = pos > 0 ? pos - 1 : u.length + pos;
            if (pos == 0 || start < 0 || start >= u.length || len < 1) {
                return result(t, new Str("", t.isBinaryString()));
            }
            long end = Math.min(u.length, start + Math.min(len, u.length));
            return result(t, Str.of(u, (int) start, (int) end, t.isBinaryString()));
        });
    }

    private static Expr leftRight(List<Expr> args, boolean left) {
        ExprType t = resultType(List.of(args.get(0)));
        ExprType nType = args.get(1).type();
        return Expr.strict(t, args, v -> {
            int[] u = Str.of(v[0], t.isBinaryString()).units();
            long n = Math.max(0, Math.min(u.length, Values.bigInteger(Values.toNumber(v[1], nType)).longValue()));
            return result(t, left ? Str.of(u, 0, (int) n, t.isBinaryString())
                    : Str.of(u, u.length - (int) n, u.length, t.isBinaryString()));
        });
    }

    /** trim(mode, remstr, str) as the parser writes TRIM([BOTH|LEADING|TRAILING] [remstr] FROM str). */
    private static Expr trim(List<Expr> args) {
        Expr str = args.get(2);
        ExprType t = resultType(List.of(str, args.get(1)));
        String mode = (String) args.get(0).valueNow();
        return Expr.strict(t, List.of(args.get(1), str), v -> {
            boolean binary = t.isBinaryString();
            String rem = Str.of(v[0], binary).value();
            String s = Str.of(v[1], binary).value();
            if (!rem.isEmpty()) {
                if (!mode.equals("trailing")) {
                    while (s.startsWith(rem)) {
                        s = s.substring(rem.length());
                    }
                }
                if (!mode.equals("leading")) {
                    while (s.endsWith(rem)) {
                        s = s.substring(0, s.length() - rem.length());
                    }
                }
            }
            return result(t, new Str(s, binary));
        });
    }

    private static Expr spaceTrim(Expr x, boolean leading, boolean trailing) {
        ExprType t = resultType(List.of(x));
        return Expr.strict(t, List.of(x), v -> {
            boolean binary = t.isBinaryString();
            String s = Str.of(v[0], binary).value();
            int from = 0;
            int to = s.length();
            while (leading && from < to && s.charAt(from) == ' ') {
                from++;
            }
            while (trailing && to > from && s.charAt(to - 1) == ' ') {
                to--;
            }
            return result(t, new Str(s.substring(from, to), binary));
        });
    }

    private static Expr replace(List<Expr> args) {
        ExprType t = resultType(args);
        return Expr.strict(t, args, v -> {
            boolean binary = t.isBinaryString();
            String s = Str.of(v[0], binary).value();
            String from = Str.of(v[1], binary).value();
            String to = Str.of(v[2], binary).value();
            return result(t, new Str(from.isEmpty() ? s : s.replace(from, to), binary));
        });
    }

    private static Expr reverse(Expr x) {
        ExprType t = resultType(List.of(x));
        return Expr.strict(t, List.of(x), v -> {
            int[] u = Str.of(v[0], t.isBinaryString()).units();
            int[] r = new int[u.length];
            for (int i = 0; i < u.length; i++) {
                r[i] = u[u.length - 1 - i];
            }
            return result(t, Str.of(r, 0, r.length, t.isBinaryString()));
        });
    }
}
