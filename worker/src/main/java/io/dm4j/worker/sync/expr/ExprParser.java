package io.dm4j.worker.sync.expr;

import io.dm4j.worker.sync.ddl.DdlSyntaxException;
import io.dm4j.worker.sync.ddl.SqlToken;
import io.dm4j.worker.sync.ddl.TokenCursor;
import io.dm4j.worker.sync.expr.Syntax.Call;
import io.dm4j.worker.sync.expr.Syntax.Column;
import io.dm4j.worker.sync.expr.Syntax.Literal;
import io.dm4j.worker.sync.expr.Syntax.LiteralKind;
import io.dm4j.worker.sync.expr.Syntax.TypeSpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one MySQL expression into {@link Syntax}, with MySQL's operator precedence (lowest first): {@code OR ||},
 * {@code XOR}, {@code AND &&}, {@code NOT}, comparison / {@code IS} / {@code IN} / {@code BETWEEN} / {@code LIKE} /
 * {@code REGEXP}, {@code |}, {@code &}, {@code << >>}, {@code + -}, {@code * / DIV % MOD}, {@code ^}, unary
 * {@code - + ~ !}, then {@code ->}, {@code ->>} and {@code COLLATE} after a primary. Tokens come from the DDL lexer
 * (default sql_mode: backslash escapes, double quotes delimit strings).
 */
final class ExprParser {
    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "XOR", "IS", "IN", "BETWEEN", "LIKE",
            "REGEXP", "RLIKE", "DIV", "MOD", "CASE", "WHEN", "THEN", "ELSE", "END", "ESCAPE", "AS", "COLLATE",
            "INTERVAL", "SELECT", "EXISTS", "FROM", "FOR");
    private static final Set<String> COMPARISONS = Set.of("=", "<=>", "<>", "!=", "<", "<=", ">", ">=");
    private static final Pattern EXPONENT_WORD = Pattern.compile("[0-9]*\\.?[0-9]+[eE][0-9]*");

    private final String text;
    private final TokenCursor cursor;

    private ExprParser(String text) {
        this.text = text;
        this.cursor = new TokenCursor(text);
    }

    /** Parses a whole expression; trailing text is an error. */
    static Syntax parse(String text) {
        if (text == null || text.isBlank()) {
            throw ExprException.syntax("the expression is empty");
        }
        ExprParser p = new ExprParser(text);
        try {
            if (p.cursor.atEnd()) {
                throw ExprException.syntax("the expression is empty");
            }
            Syntax e = p.expr();
            if (!p.cursor.atEnd()) {
                throw p.error("unexpected text after the expression");
            }
            return e;
        } catch (DdlSyntaxException e) {
            throw ExprException.syntax(e.getMessage());
        }
    }

    private Syntax expr() {
        return or();
    }

    private Syntax or() {
        Syntax l = xor();
        while (cursor.accept("OR") || cursor.acceptSymbol("||")) {
            l = call("or", l, xor());
        }
        return l;
    }

    private Syntax xor() {
        Syntax l = and();
        while (cursor.accept("XOR")) {
            l = call("xor", l, and());
        }
        return l;
    }

    private Syntax and() {
        Syntax l = not();
        while (cursor.accept("AND") || cursor.acceptSymbol("&&")) {
            l = call("and", l, not());
        }
        return l;
    }

    private Syntax not() {
        if (cursor.accept("NOT")) {
            return call("not", not());
        }
        return predicate();
    }

    private Syntax predicate() {
        Syntax l = bitOr();
        while (true) {
            SqlToken t = cursor.peek();
            if (t == null) {
                return l;
            }
            if (cursor.accept("IS")) {
                boolean negated = cursor.accept("NOT");
                String what;
                if (cursor.accept("NULL") || cursor.accept("UNKNOWN")) {
                    what = "null";
                } else if (cursor.accept("TRUE")) {
                    what = "true";
                } else if (cursor.accept("FALSE")) {
                    what = "false";
                } else {
                    throw error("expected NULL, TRUE, FALSE or UNKNOWN after IS");
                }
                l = call(negated ? "is_not_" + what : "is_" + what, l);
                continue;
            }
            if (t.kind() == SqlToken.Kind.SYMBOL && COMPARISONS.contains(t.text())) {
                cursor.next();
                String op = t.text().equals("!=") ? "<>" : t.text();
                if (cursor.peekWords("ANY") || cursor.peekWords("ALL") || cursor.peekWords("SOME")) {
                    throw error("subqueries are not supported");
                }
                l = call(op, l, bitOr());
                continue;
            }
            int save = cursor.index();
            boolean negated = cursor.accept("NOT");
            if (cursor.accept("IN")) {
                cursor.expectSymbol("(");
                if (cursor.peekWords("SELECT")) {
                    throw error("subqueries are not supported");
                }
                List<Syntax> args = new ArrayList<>();
                args.add(l);
                args.addAll(list());
                cursor.expectSymbol(")");
                l = new Call(negated ? "not_in" : "in", args);
            } else if (cursor.accept("BETWEEN")) {
                Syntax low = bitOr();
                cursor.expect("AND");
                Syntax high = bitOr();
                l = call(negated ? "not_between" : "between", l, low, high);
            } else if (cursor.accept("LIKE")) {
                Syntax pattern = bitOr();
                Syntax escape = cursor.accept("ESCAPE") ? primary() : new Literal("\\", LiteralKind.STRING);
                l = call(negated ? "not_like" : "like", l, pattern, escape);
            } else if (cursor.accept("REGEXP") || cursor.accept("RLIKE")) {
                l = call(negated ? "not_regexp" : "regexp", l, bitOr());
            } else if (negated) {
                cursor.reset(save);
                throw error("expected IN, BETWEEN, LIKE or REGEXP after NOT");
            } else {
                return l;
            }
        }
    }

    private Syntax bitOr() {
        Syntax l = bitAnd();
        while (cursor.acceptSymbol("|")) {
            l = call("|", l, bitAnd());
        }
        return l;
    }

    private Syntax bitAnd() {
        Syntax l = shift();
        while (cursor.acceptSymbol("&")) {
            l = call("&", l, shift());
        }
        return l;
    }

    private Syntax shift() {
        Syntax l = additive();
        while (true) {
            if (cursor.acceptSymbol("<<")) {
                l = call("<<", l, additive());
            } else if (cursor.acceptSymbol(">>")) {
                l = call(">>", l, additive());
            } else {
                return l;
            }
        }
    }

    private Syntax additive() {
        Syntax l = multiplicative();
        while (true) {
            if (cursor.acceptSymbol("+")) {
                l = call("+", l, multiplicative());
            } else if (cursor.acceptSymbol("-")) {
                l = call("-", l, multiplicative());
            } else {
                return l;
            }
        }
    }

    private Syntax multiplicative() {
        Syntax l = bitXor();
        while (true) {
            if (cursor.acceptSymbol("*")) {
                l = call("*", l, bitXor());
            } else if (cursor.acceptSymbol("/")) {
                l = call("/", l, bitXor());
            } else if (cursor.acceptSymbol("%") || cursor.accept("MOD")) {
                l = call("mod", l, bitXor());
            } else if (cursor.accept("DIV")) {
                l = call("div", l, bitXor());
            } else {
                return l;
            }
        }
    }

    private Syntax bitXor() {
        Syntax l = unary();
        while (cursor.acceptSymbol("^")) {
            l = call("^", l, unary());
        }
        return l;
    }

    private Syntax unary() {
        if (cursor.acceptSymbol("-")) {
            Syntax operand = unary();
            return negativeLiteral(operand);
        }
        if (cursor.acceptSymbol("+")) {
            return unary();
        }
        if (cursor.acceptSymbol("~")) {
            return call("~", unary());
        }
        if (cursor.acceptSymbol("!")) {
            return call("not", unary());
        }
        SqlToken t = cursor.peek();
        if (t != null && t.is("BINARY") && !isCall(1)) {
            cursor.next();
            return call("cast", unary(), new TypeSpec("BINARY", -1, -1));
        }
        return postfix(primary());
    }

    /** {@code -9223372036854775808} must stay an integer: fold the sign into numeric literals. */
    private static Syntax negativeLiteral(Syntax operand) {
        if (operand instanceof Literal lit) {
            switch (lit.kind()) {
                case INTEGER -> {
                    BigInteger v = lit.value() instanceof Long l ? BigInteger.valueOf(l) : (BigInteger) lit.value();
                    return integerLiteral(v.negate());
                }
                case DECIMAL -> {
                    return new Literal(((BigDecimal) lit.value()).negate(), LiteralKind.DECIMAL);
                }
                case DOUBLE -> {
                    return new Literal(-(Double) lit.value(), LiteralKind.DOUBLE);
                }
                default -> {
                    // other literals are negated at evaluation time
                }
            }
        }
        return call("neg", operand);
    }

    private Syntax postfix(Syntax l) {
        while (true) {
            if (cursor.acceptSymbol("->")) {
                l = call("->", l, pathLiteral());
            } else if (cursor.acceptSymbol("->>")) {
                l = call("->>", l, pathLiteral());
            } else if (cursor.accept("COLLATE")) {
                SqlToken name = cursor.next();
                if (!name.isName() && name.kind() != SqlToken.Kind.STRING) {
                    throw error("expected a collation name after COLLATE");
                }
                l = call("collate", l, new Literal(name.value(), LiteralKind.STRING));
            } else {
                return l;
            }
        }
    }

    private Syntax pathLiteral() {
        SqlToken t = cursor.next();
        if (t.kind() != SqlToken.Kind.STRING) {
            throw error("expected a JSON path string after -> or ->>");
        }
        return new Literal(t.value(), LiteralKind.STRING);
    }

    private Syntax primary() {
        SqlToken t = cursor.peek();
        if (t == null) {
            throw error("unexpected end of the expression");
        }
        switch (t.kind()) {
            case NUMBER -> {
                cursor.next();
                return number(t.text());
            }
            case STRING -> {
                return string();
            }
            case HEX_BIT -> {
                cursor.next();
                return new Literal(hexOrBits(t.text()), LiteralKind.HEX);
            }
            case QUOTED_NAME -> {
                return column();
            }
            case VARIABLE -> throw error("user and system variables are not supported");
            case SYMBOL -> {
                if (t.isSymbol("(")) {
                    cursor.next();
                    if (cursor.peekWords("SELECT")) {
                        throw error("subqueries are not supported");
                    }
                    Syntax inner = expr();
                    if (cursor.peekSymbol(",")) {
                        throw error("row constructors are not supported");
                    }
                    cursor.expectSymbol(")");
                    return inner;
                }
                throw error("unexpected '" + t.text() + "'");
            }
            default -> {
                return word(t);
            }
        }
    }

    private Syntax word(SqlToken t) {
        String upper = t.upper();
        if (EXPONENT_WORD.matcher(t.text()).matches()) {
            return exponentNumber();
        }
        switch (upper) {
            case "NULL" -> {
                cursor.next();
                return new Literal(null, LiteralKind.NULL);
            }
            case "TRUE", "FALSE" -> {
                cursor.next();
                return new Literal(upper.equals("TRUE") ? 1L : 0L, LiteralKind.BOOLEAN);
            }
            case "CASE" -> {
                cursor.next();
                return caseExpr();
            }
            default -> {
                // keywords that start special forms follow
            }
        }
        SqlToken after = cursor.peek(1);
        boolean stringFollows = after != null && after.kind() == SqlToken.Kind.STRING;
        if (stringFollows && (upper.equals("DATE") || upper.equals("TIME") || upper.equals("TIMESTAMP"))) {
            cursor.next();
            String value = cursor.next().value();
            LiteralKind kind = upper.equals("DATE") ? LiteralKind.DATE
                    : upper.equals("TIME") ? LiteralKind.TIME : LiteralKind.TIMESTAMP;
            return new Literal(value, kind);
        }
        if (stringFollows && after.start() == t.end() && (upper.equals("N") || upper.startsWith("_"))) {
            cursor.next(); // a national-string prefix or a character set introducer: the text is what counts
            Syntax s = string();
            return upper.equals("_BINARY") ? call("cast", s, new TypeSpec("BINARY", -1, -1)) : s;
        }
        if (isCall(1)) {
            return function();
        }
        if (RESERVED.contains(upper)) {
            throw error("unexpected keyword " + upper);
        }
        return column();
    }

    private boolean isCall(int ahead) {
        SqlToken t = cursor.peek(ahead);
        return t != null && t.isSymbol("(");
    }

    private Syntax function() {
        String name = cursor.next().text().toLowerCase(Locale.ROOT);
        cursor.expectSymbol("(");
        switch (name) {
            case "cast" -> {
                Syntax value = expr();
                cursor.expect("AS");
                TypeSpec type = typeSpec();
                cursor.expectSymbol(")");
                return call("cast", value, type);
            }
            case "convert" -> {
                Syntax value = expr();
                if (cursor.accept("USING")) {
                    cursor.name();
                    cursor.expectSymbol(")");
                    return call("cast", value, new TypeSpec("CHAR", -1, -1));
                }
                cursor.expectSymbol(",");
                TypeSpec type = typeSpec();
                cursor.expectSymbol(")");
                return call("cast", value, type);
            }
            case "substring", "substr", "mid" -> {
                Syntax value = expr();
                if (cursor.accept("FROM")) {
                    Syntax from = expr();
                    List<Syntax> args = new ArrayList<>(List.of(value, from));
                    if (cursor.accept("FOR")) {
                        args.add(expr());
                    }
                    cursor.expectSymbol(")");
                    return new Call("substring", args);
                }
                List<Syntax> args = new ArrayList<>();
                args.add(value);
                while (cursor.acceptSymbol(",")) {
                    args.add(expr());
                }
                cursor.expectSymbol(")");
                return new Call("substring", args);
            }
            case "trim" -> {
                return trim();
            }
            default -> {
                List<Syntax> args = cursor.peekSymbol(")") ? List.of() : list();
                cursor.expectSymbol(")");
                return new Call(name, args);
            }
        }
    }

    /** {@code TRIM([[BOTH | LEADING | TRAILING] [remstr] FROM] str)}: becomes trim(mode, remstr, str). */
    private Syntax trim() {
        String mode = "both";
        if (cursor.accept("BOTH")) {
            mode = "both";
        } else if (cursor.accept("LEADING")) {
            mode = "leading";
        } else if (cursor.accept("TRAILING")) {
            mode = "trailing";
        }
        Syntax remove = new Literal(" ", LiteralKind.STRING);
        Syntax value;
        if (cursor.accept("FROM")) {
            value = expr();
        } else {
            Syntax first = expr();
            if (cursor.accept("FROM")) {
                remove = first;
                value = expr();
            } else {
                value = first;
            }
        }
        cursor.expectSymbol(")");
        return call("trim", new Literal(mode, LiteralKind.STRING), remove, value);
    }

    private TypeSpec typeSpec() {
        SqlToken t = cursor.next();
        if (!t.isName()) {
            throw error("expected a type name");
        }
        String name = t.upper();
        switch (name) {
            case "SIGNED", "UNSIGNED" -> {
                if (!cursor.accept("INTEGER")) {
                    cursor.accept("INT");
                }
                return new TypeSpec(name, -1, -1);
            }
            case "INT", "INTEGER" -> {
                return new TypeSpec("SIGNED", -1, -1);
            }
            case "NCHAR", "CHAR", "CHARACTER", "VARCHAR" -> name = "CHAR";
            case "REAL", "FLOAT", "DOUBLE" -> {
                cursor.accept("PRECISION");
                name = "DOUBLE";
            }
            case "DECIMAL", "NUMERIC", "DEC", "BINARY", "DATE", "DATETIME", "TIMESTAMP", "TIME", "JSON" -> {
                if (name.equals("NUMERIC") || name.equals("DEC")) {
                    name = "DECIMAL";
                }
                if (name.equals("TIMESTAMP")) {
                    name = "DATETIME";
                }
            }
            default -> throw error("CAST to " + name + " is not supported");
        }
        int length = -1;
        int scale = -1;
        if (cursor.acceptSymbol("(")) {
            length = Integer.parseInt(cursor.next().text());
            if (cursor.acceptSymbol(",")) {
                scale = Integer.parseInt(cursor.next().text());
            }
            cursor.expectSymbol(")");
        }
        if (name.equals("CHAR")) {
            // CHARACTER SET x / CHARSET x / ASCII / UNICODE do not change what the filter compares
            if (cursor.accept("CHARACTER", "SET") || cursor.accept("CHARSET")) {
                cursor.name();
            } else if (!cursor.accept("ASCII")) {
                cursor.accept("UNICODE");
            }
        }
        return new TypeSpec(name, length, scale);
    }

    private Syntax caseExpr() {
        List<Syntax> args = new ArrayList<>();
        String op = "case";
        if (!cursor.peekWords("WHEN")) {
            op = "case_value";
            args.add(expr());
        }
        if (!cursor.peekWords("WHEN")) {
            throw error("expected WHEN");
        }
        while (cursor.accept("WHEN")) {
            args.add(expr());
            cursor.expect("THEN");
            args.add(expr());
        }
        args.add(cursor.accept("ELSE") ? expr() : new Literal(null, LiteralKind.NULL));
        cursor.expect("END");
        return new Call(op, args);
    }

    private Syntax column() {
        List<String> parts = new ArrayList<>();
        parts.add(cursor.name());
        while (cursor.peekSymbol(".") && cursor.peek(1) != null && cursor.peek(1).isName()) {
            cursor.next();
            parts.add(cursor.name());
        }
        if (parts.size() > 3) {
            throw error("a column name has at most three parts");
        }
        String name = parts.get(parts.size() - 1);
        String table = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
        String schema = parts.size() == 3 ? parts.get(0) : null;
        return new Column(schema, table, name);
    }

    private List<Syntax> list() {
        List<Syntax> out = new ArrayList<>();
        out.add(expr());
        while (cursor.acceptSymbol(",")) {
            out.add(expr());
        }
        return out;
    }

    /** Adjacent string literals are one string, as in MySQL ({@code 'a' 'b'} is {@code 'ab'}). */
    private Syntax string() {
        StringBuilder sb = new StringBuilder(cursor.next().value());
        while (cursor.peek() != null && cursor.peek().kind() == SqlToken.Kind.STRING) {
            sb.append(cursor.next().value());
        }
        return new Literal(sb.toString(), LiteralKind.STRING);
    }

    /** A number with an exponent, which the lexer reads as a word ({@code 1e3}) or a word and a signed number. */
    private Syntax exponentNumber() {
        SqlToken w = cursor.next();
        String s = w.text();
        if (s.endsWith("e") || s.endsWith("E")) {
            SqlToken sign = cursor.peek();
            SqlToken digits = cursor.peek(1);
            if (sign != null && (sign.isSymbol("+") || sign.isSymbol("-")) && sign.start() == w.end()
                    && digits != null && digits.kind() == SqlToken.Kind.NUMBER && digits.start() == sign.end()) {
                cursor.next();
                cursor.next();
                s = s + sign.text() + digits.text();
            } else {
                throw error("incomplete exponent in number " + s);
            }
        }
        return new Literal(Double.parseDouble(s), LiteralKind.DOUBLE);
    }

    private static Syntax number(String text) {
        if (text.contains("e") || text.contains("E")) {
            return new Literal(Double.parseDouble(text), LiteralKind.DOUBLE);
        }
        if (text.contains(".")) {
            return new Literal(new BigDecimal(text), LiteralKind.DECIMAL);
        }
        return integerLiteral(new BigInteger(text));
    }

    private static Syntax integerLiteral(BigInteger v) {
        if (v.bitLength() < 64) {
            return new Literal(v.longValue(), LiteralKind.INTEGER);
        }
        if (v.signum() > 0 && v.bitLength() == 64) {
            return new Literal(v, LiteralKind.INTEGER); // BIGINT UNSIGNED range
        }
        return new Literal(new BigDecimal(v), LiteralKind.DECIMAL);
    }

    /** The bytes of {@code x'..'}, {@code X'..'}, {@code 0x..}, {@code b'..'}, {@code 0b..}. */
    private byte[] hexOrBits(String text) {
        boolean quoted = text.endsWith("'");
        char kind = Character.toLowerCase(quoted ? text.charAt(0) : text.charAt(1));
        String digits = quoted ? text.substring(2, text.length() - 1) : text.substring(2);
        if (kind == 'x') {
            if (quoted && digits.length() % 2 != 0) {
                throw error("a hexadecimal literal x'...' needs an even number of digits: " + text);
            }
            if (digits.length() % 2 != 0) {
                digits = "0" + digits;
            }
            byte[] out = new byte[digits.length() / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = Character.digit(digits.charAt(2 * i), 16);
                int lo = Character.digit(digits.charAt(2 * i + 1), 16);
                if (hi < 0 || lo < 0) {
                    throw error("invalid hexadecimal literal " + text);
                }
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) != '0' && digits.charAt(i) != '1') {
                throw error("invalid bit literal " + text);
            }
        }
        int bytes = (digits.length() + 7) / 8;
        byte[] out = new byte[bytes];
        for (int i = 0; i < digits.length(); i++) {
            int bit = digits.length() - 1 - i;
            if (digits.charAt(i) == '1') {
                out[bytes - 1 - bit / 8] |= (byte) (1 << (bit % 8));
            }
        }
        return out;
    }

    private static Call call(String name, Syntax... args) {
        return new Call(name, List.of(args));
    }

    private ExprException error(String what) {
        SqlToken t = cursor.peek();
        String near = t == null ? "the end" : "'" + text.substring(t.start(), Math.min(text.length(), t.start() + 30)) + "'";
        return ExprException.syntax(what + " near " + near + " (offset " + (t == null ? text.length() : t.start()) + ")");
    }
}
