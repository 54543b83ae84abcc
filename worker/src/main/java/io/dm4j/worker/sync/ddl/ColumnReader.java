package io.dm4j.worker.sync.ddl;

import io.dm4j.worker.sync.ddl.ColumnSyntax.Attribute;
import io.dm4j.worker.sync.ddl.ColumnSyntax.AttributeKind;
import io.dm4j.worker.sync.ddl.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads column definitions and data types (the part shared by CREATE TABLE and ALTER TABLE). */
final class ColumnReader {
    private ColumnReader() {
    }

    /** Single-word aliases and the base type they stand for. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("integer", "int"), Map.entry("int1", "tinyint"), Map.entry("int2", "smallint"),
            Map.entry("int3", "mediumint"), Map.entry("middleint", "mediumint"), Map.entry("int4", "int"),
            Map.entry("int8", "bigint"), Map.entry("dec", "decimal"), Map.entry("numeric", "decimal"),
            Map.entry("fixed", "decimal"), Map.entry("real", "double"), Map.entry("float4", "float"),
            Map.entry("float8", "double"), Map.entry("character", "char"), Map.entry("long", "mediumtext"));

    static ColumnSyntax readColumn(TokenCursor c, NameContext names) {
        String name = c.name();
        TypeBuilder type = readType(c);
        List<Attribute> attrs = new ArrayList<>(type.impliedAttributes);
        readAttributes(c, names, type, attrs);
        return new ColumnSyntax(name, type.build(), attrs);
    }

    /** Mutable while the definition is read: charset/collation may come after other attributes. */
    static final class TypeBuilder {
        String name;
        List<String> args = new ArrayList<>();
        List<String> elements = new ArrayList<>();
        boolean unsigned;
        boolean zerofill;
        String charset;
        String collation;
        boolean binary;
        final List<Attribute> impliedAttributes = new ArrayList<>();

        DataTypeSyntax build() {
            return new DataTypeSyntax(name, args, elements, unsigned, zerofill, charset, collation, binary);
        }
    }

    private static TypeBuilder readType(TokenCursor c) {
        SqlToken first = c.next();
        if (first.kind() != Kind.WORD) {
            throw c.error("expected a data type");
        }
        TypeBuilder b = new TypeBuilder();
        String w = first.text().toLowerCase(Locale.ROOT);
        switch (w) {
            case "double":
                c.accept("PRECISION");
                b.name = "double";
                break;
            case "long":
                if (c.accept("VARBINARY")) {
                    b.name = "mediumblob";
                } else {
                    c.accept("VARCHAR");
                    b.name = "mediumtext";
                }
                break;
            case "char":
            case "character":
                b.name = c.accept("VARYING") ? "varchar" : "char";
                break;
            case "national":
                if (c.accept("VARCHAR")) {
                    b.name = "varchar";
                } else {
                    if (!c.accept("CHAR") && !c.accept("CHARACTER")) {
                        throw c.error("expected CHAR or VARCHAR after NATIONAL");
                    }
                    b.name = c.accept("VARYING") ? "varchar" : "char";
                }
                b.charset = "utf8mb3";
                break;
            case "nchar":
                b.name = c.accept("VARYING") || c.accept("VARCHAR") ? "varchar" : "char";
                b.charset = "utf8mb3";
                break;
            case "nvarchar":
                b.name = "varchar";
                b.charset = "utf8mb3";
                break;
            case "bool":
            case "boolean":
                b.name = "tinyint";
                b.args.add("1");
                break;
            case "serial":
                // SERIAL = BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
                b.name = "bigint";
                b.unsigned = true;
                b.impliedAttributes.add(new Attribute(AttributeKind.NOT_NULL, "NOT NULL", null));
                b.impliedAttributes.add(new Attribute(AttributeKind.AUTO_INCREMENT, "AUTO_INCREMENT", null));
                b.impliedAttributes.add(new Attribute(AttributeKind.UNIQUE_KEY, "UNIQUE KEY", null));
                break;
            default:
                b.name = ALIASES.getOrDefault(w, w);
        }
        if (c.peekSymbol("(") && !"serial".equals(w)) {
            readArguments(c, b);
        }
        readTypeModifiers(c, b);
        return b;
    }

    private static void readArguments(TokenCursor c, TypeBuilder b) {
        c.expectSymbol("(");
        if (c.acceptSymbol(")")) {
            return;
        }
        while (true) {
            int from = c.index();
            int depth = 0;
            while (true) {
                SqlToken t = c.peek();
                if (t == null) {
                    throw c.error("unclosed type arguments");
                }
                if (depth == 0 && (t.isSymbol(",") || t.isSymbol(")"))) {
                    break;
                }
                if (t.isSymbol("(")) {
                    depth++;
                } else if (t.isSymbol(")")) {
                    depth--;
                }
                c.next();
            }
            int to = c.index();
            if (to == from) {
                throw c.error("empty type argument");
            }
            b.args.add(c.text(from, to));
            b.elements.add(elementValue(c, from, to));
            if (c.acceptSymbol(")")) {
                break;
            }
            c.expectSymbol(",");
        }
        if (!b.name.equals("enum") && !b.name.equals("set")) {
            b.elements.clear();
        }
    }

    /** ENUM/SET label: the string value, with adjacent strings concatenated; an introducer is ignored. */
    private static String elementValue(TokenCursor c, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            SqlToken t = c.token(i);
            if (t.kind() == Kind.STRING) {
                sb.append(t.value());
            } else if (!(t.kind() == Kind.WORD && t.text().startsWith("_"))) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }

    private static void readTypeModifiers(TokenCursor c, TypeBuilder b) {
        while (true) {
            if (c.accept("UNSIGNED")) {
                b.unsigned = true;
            } else if (c.accept("SIGNED")) {
                b.unsigned = false;
            } else if (c.accept("ZEROFILL")) {
                b.zerofill = true;
            } else if (c.accept("BINARY")) {
                b.binary = true;
            } else if (c.accept("ASCII")) {
                b.charset = "latin1";
            } else if (c.accept("UNICODE")) {
                b.charset = "ucs2";
            } else if (c.accept("BYTE")) {
                b.charset = "binary";
            } else if (!readCharsetOrCollation(c, b)) {
                return;
            }
        }
    }

    /** {@code CHARACTER SET x}, {@code CHARSET x}, {@code CHAR SET x}, {@code COLLATE x}. */
    private static boolean readCharsetOrCollation(TokenCursor c, TypeBuilder b) {
        if (c.accept("CHARACTER", "SET") || c.accept("CHARSET") || c.accept("CHAR", "SET")) {
            b.charset = c.nameOrString().toLowerCase(Locale.ROOT);
            return true;
        }
        if (c.accept("COLLATE")) {
            b.collation = c.nameOrString().toLowerCase(Locale.ROOT);
            return true;
        }
        return false;
    }

    /** Whether the next token ends a column definition: a comma, a closing parenthesis, the end, or a position. */
    static boolean atDefinitionEnd(TokenCursor c) {
        SqlToken t = c.peek();
        return t == null || t.isSymbol(",") || t.isSymbol(")") || t.is("FIRST") || t.is("AFTER");
    }

    private static void readAttributes(TokenCursor c, NameContext names, TypeBuilder type, List<Attribute> attrs) {
        while (!atDefinitionEnd(c)) {
            int from = c.index();
            if (readCharsetOrCollation(c, type)) {
                continue;
            }
            if (c.accept("BINARY")) {
                type.binary = true;
                continue;
            }
            AttributeKind kind;
            String detail = null;
            if (c.accept("NOT", "NULL")) {
                kind = AttributeKind.NOT_NULL;
            } else if (c.accept("NULL")) {
                kind = AttributeKind.NULL;
            } else if (c.accept("DEFAULT")) {
                int exprFrom = c.index();
                skipExpression(c);
                detail = c.text(exprFrom, c.index());
                kind = AttributeKind.DEFAULT;
            } else if (c.accept("AUTO_INCREMENT")) {
                kind = AttributeKind.AUTO_INCREMENT;
            } else if (c.accept("ON", "UPDATE")) {
                skipExpression(c);
                kind = AttributeKind.ON_UPDATE;
            } else if (c.accept("COMMENT")) {
                c.next();
                kind = AttributeKind.COMMENT;
            } else if (c.peekWords("GENERATED", "ALWAYS", "AS", "ROW")) {
                // MariaDB system-versioning columns (row_start/row_end) are stored like any other column
                c.expect("GENERATED", "ALWAYS", "AS", "ROW");
                c.next(); // START | END
                kind = AttributeKind.OTHER;
            } else if (c.peekWords("GENERATED", "ALWAYS", "AS") || c.peekWords("AS")) {
                c.accept("GENERATED", "ALWAYS");
                c.expect("AS");
                c.skipParenthesised();
                detail = "VIRTUAL";
                if (c.accept("STORED") || c.accept("PERSISTENT")) {
                    detail = "STORED";
                } else {
                    c.accept("VIRTUAL");
                }
                kind = AttributeKind.GENERATED;
            } else if (c.peekWords("CONSTRAINT") || c.peekWords("CHECK")) {
                if (c.accept("CONSTRAINT") && !c.peekWords("CHECK")) {
                    c.name();
                }
                c.expect("CHECK");
                int exprFrom = c.index() + 1;
                c.skipParenthesised();
                detail = c.text(exprFrom, c.index() - 1);
                if (!c.accept("ENFORCED")) {
                    c.accept("NOT", "ENFORCED");
                }
                kind = AttributeKind.CHECK;
            } else if (c.accept("PRIMARY", "KEY") || c.accept("KEY")) {
                kind = AttributeKind.PRIMARY_KEY;
            } else if (c.accept("UNIQUE")) {
                if (!c.accept("KEY")) {
                    c.accept("INDEX");
                }
                kind = AttributeKind.UNIQUE_KEY;
            } else if (c.accept("REFERENCES")) {
                names.table(c.qualifiedName());
                skipReferenceTail(c);
                kind = AttributeKind.REFERENCES;
            } else if (c.accept("SERIAL", "DEFAULT", "VALUE")) {
                attrs.add(new Attribute(AttributeKind.NOT_NULL, "NOT NULL", null));
                attrs.add(new Attribute(AttributeKind.AUTO_INCREMENT, "AUTO_INCREMENT", null));
                attrs.add(new Attribute(AttributeKind.UNIQUE_KEY, "UNIQUE KEY", null));
                continue;
            } else {
                skipOtherAttribute(c);
                kind = AttributeKind.OTHER;
            }
            String text = c.text(from, c.index());
            if (kind == AttributeKind.OTHER && !attrs.isEmpty() && attrs.get(attrs.size() - 1).kind() == AttributeKind.OTHER) {
                Attribute prev = attrs.remove(attrs.size() - 1);
                text = prev.text() + " " + text;
            }
            attrs.add(new Attribute(kind, text, detail));
        }
    }

    /** One unknown attribute token ({@code INVISIBLE}, {@code COLUMN_FORMAT}, {@code SRID}) with an {@code = value} or (...). */
    private static void skipOtherAttribute(TokenCursor c) {
        c.next();
        if (c.acceptSymbol("=")) {
            c.next();
        } else if (c.peekSymbol("(")) {
            c.skipParenthesised();
        }
    }

    /** After REFERENCES tbl: (cols), MATCH, ON DELETE/UPDATE actions. */
    static void skipReferenceTail(TokenCursor c) {
        if (c.peekSymbol("(")) {
            c.skipParenthesised();
        }
        while (true) {
            if (c.accept("MATCH")) {
                c.next();
            } else if (c.accept("ON", "DELETE") || c.accept("ON", "UPDATE")) {
                if (!c.accept("RESTRICT") && !c.accept("CASCADE") && !c.accept("SET", "NULL")
                        && !c.accept("SET", "DEFAULT") && !c.accept("NO", "ACTION")) {
                    throw c.error("expected a referential action");
                }
            } else {
                return;
            }
        }
    }

    /**
     * Skips one value expression of DEFAULT / ON UPDATE / SET DEFAULT: a parenthesised expression, a signed
     * number, a (possibly introduced, possibly concatenated) string, a literal, or a function call.
     */
    static void skipExpression(TokenCursor c) {
        SqlToken t = c.peek();
        if (t == null) {
            throw c.error("expected a value");
        }
        if (t.isSymbol("(")) {
            c.skipParenthesised();
            return;
        }
        if (t.isSymbol("-") || t.isSymbol("+")) {
            c.next();
            c.next();
            return;
        }
        if (t.kind() == Kind.WORD && t.text().startsWith("_") && c.peek(1) != null && c.peek(1).kind() == Kind.STRING) {
            c.next();
        }
        if (c.peek().kind() == Kind.STRING) {
            c.next();
            while (c.peek() != null && c.peek().kind() == Kind.STRING) {
                c.next();
            }
            return;
        }
        SqlToken v = c.next();
        if (v.kind() == Kind.WORD && v.is("NEXT") && c.accept("VALUE", "FOR")) {
            c.qualifiedName();
            return;
        }
        if (v.kind() == Kind.WORD && c.peekSymbol("(")) {
            c.skipParenthesised();
        }
    }
}
