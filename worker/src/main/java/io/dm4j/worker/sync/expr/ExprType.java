package io.dm4j.worker.sync.expr;

import java.util.List;

/**
 * The static type of an expression, decided when the expression is bound to a table, as MySQL decides it before
 * evaluating: it chooses how comparisons and arithmetic treat the values.
 *
 * <p>Runtime values by kind: INT {@link Long} or {@link java.math.BigInteger} (unsigned above Long.MAX_VALUE), DECIMAL
 * {@link java.math.BigDecimal}, DOUBLE {@link Double} or {@link Float} (FLOAT columns), STRING {@link String} or
 * {@code byte[]} (binary strings), DATE/DATETIME/TIME {@link SqlTemporal}, JSON a Jackson {@code JsonNode}.
 *
 * @param unsigned  an INT that is never negative
 * @param collation how STRING values compare (for other kinds: how their text compares)
 * @param members   ENUM or SET labels when the string comes from such a column (numeric context gives the index)
 * @param set       the members are those of a SET (numeric context gives the bit mask)
 * @param hexNumber a hexadecimal or bit literal: a binary string that is an unsigned integer in numeric context
 * @param fsp       fractional digits of a temporal value (0-6)
 */
record ExprType(Kind kind, boolean unsigned, Collation collation, List<String> members, boolean set, boolean hexNumber,
                int fsp) {

    enum Kind { NULL, INT, DECIMAL, DOUBLE, STRING, DATE, DATETIME, TIME, JSON }

    static final ExprType NULL = new ExprType(Kind.NULL, false, Collation.LITERAL.withCoercibility(6), List.of(), false,
            false, 0);
    static final ExprType INT = numeric(Kind.INT, false);
    static final ExprType UNSIGNED_INT = numeric(Kind.INT, true);
    static final ExprType DECIMAL = numeric(Kind.DECIMAL, false);
    static final ExprType DOUBLE = numeric(Kind.DOUBLE, false);
    static final ExprType JSON = new ExprType(Kind.JSON, false, Collation.of("utf8mb4_bin", Collation.IMPLICIT), List.of(),
            false, false, 0);
    static final ExprType TEXT = string(Collation.LITERAL);
    static final ExprType HEX = new ExprType(Kind.STRING, false, Collation.BINARY_LITERAL, List.of(), false, true, 0);

    ExprType {
        members = members == null ? List.of() : List.copyOf(members);
    }

    private static ExprType numeric(Kind kind, boolean unsigned) {
        return new ExprType(kind, unsigned, Collation.NUMBER_TEXT, List.of(), false, false, 0);
    }

    static ExprType string(Collation collation) {
        return new ExprType(Kind.STRING, false, collation, List.of(), false, false, 0);
    }

    static ExprType members(Collation collation, List<String> labels, boolean set) {
        return new ExprType(Kind.STRING, false, collation, labels, set, false, 0);
    }

    static ExprType temporal(Kind kind, int fsp) {
        return new ExprType(kind, false, Collation.NUMBER_TEXT, List.of(), false, false, Math.max(0, Math.min(6, fsp)));
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    boolean isNumeric() {
        return kind == Kind.INT || kind == Kind.DECIMAL || kind == Kind.DOUBLE;
    }

    boolean isString() {
        return kind == Kind.STRING;
    }

    boolean isTemporal() {
        return kind == Kind.DATE || kind == Kind.DATETIME || kind == Kind.TIME;
    }

    boolean isBinaryString() {
        return kind == Kind.STRING && collation.binary();
    }

    /** The kind a value of this type has once converted to a number (ENUM index, hex literal value, YYYYMMDD...). */
    Kind numericKind() {
        return switch (kind) {
            case INT, DECIMAL, DOUBLE, NULL -> kind;
            case STRING -> !members.isEmpty() || hexNumber ? Kind.INT : Kind.DOUBLE;
            case DATE -> Kind.INT;
            case DATETIME, TIME -> fsp > 0 ? Kind.DECIMAL : Kind.INT;
            case JSON -> Kind.DOUBLE;
        };
    }

    /** The type of this expression's value converted to a number. */
    ExprType asNumeric() {
        Kind k = numericKind();
        return switch (k) {
            case INT -> hexNumber || unsigned ? UNSIGNED_INT : INT;
            case DECIMAL -> DECIMAL;
            case DOUBLE -> DOUBLE;
            default -> this;
        };
    }

    /**
     * The type of a result that may come from any of {@code types} (IF, IFNULL, COALESCE, CASE), as MySQL aggregates
     * them: one kind stays that kind, numbers widen to DECIMAL or DOUBLE, temporal values mix into DATETIME, and
     * anything else becomes a string.
     */
    static ExprType common(List<ExprType> types) {
        List<ExprType> known = types.stream().filter(t -> !t.isNull()).toList();
        if (known.isEmpty()) {
            return NULL;
        }
        Kind first = known.get(0).kind();
        if (known.stream().allMatch(t -> t.kind() == first)) {
            return switch (first) {
                case INT -> known.stream().allMatch(ExprType::unsigned) ? UNSIGNED_INT : INT;
                case STRING -> string(commonCollation(known));
                case DATE, DATETIME, TIME -> temporal(first, known.stream().mapToInt(ExprType::fsp).max().orElse(0));
                default -> known.get(0);
            };
        }
        if (known.stream().allMatch(ExprType::isNumeric)) {
            return known.stream().anyMatch(t -> t.kind() == Kind.DOUBLE) ? DOUBLE : DECIMAL;
        }
        if (known.stream().allMatch(ExprType::isTemporal)) {
            return temporal(Kind.DATETIME, known.stream().mapToInt(ExprType::fsp).max().orElse(0));
        }
        return string(commonCollation(known.stream().filter(ExprType::isString).toList()));
    }

    private static Collation commonCollation(List<ExprType> strings) {
        Collation c = null;
        for (ExprType t : strings) {
            c = c == null ? t.collation() : Collation.resolve(c, t.collation());
        }
        return c == null ? Collation.LITERAL : c;
    }
}
