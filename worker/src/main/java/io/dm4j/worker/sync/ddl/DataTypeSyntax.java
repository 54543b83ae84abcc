package io.dm4j.worker.sync.ddl;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A column's data type as written: the base type (aliases resolved: {@code integer} is {@code int},
 * {@code numeric} is {@code decimal}, {@code bool} is {@code tinyint(1)}), its arguments as written,
 * the numeric flags, and a character set/collation given with the type or anywhere in the column definition.
 *
 * @param name      lower-case base type
 * @param args      arguments as written ({@code "10"}, {@code "'a'"}); ENUM/SET labels in {@code elements}
 * @param elements  ENUM/SET labels with quotes and escapes resolved
 * @param charset   CHARACTER SET given for the column, or null
 * @param collation COLLATE given for the column, or null
 * @param binary    the {@code BINARY} attribute of character types (meaning: the charset's _bin collation)
 */
public record DataTypeSyntax(String name, List<String> args, List<String> elements, boolean unsigned, boolean zerofill,
                             String charset, String collation, boolean binary) {

    public DataTypeSyntax {
        name = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        args = args == null ? List.of() : List.copyOf(args);
        elements = elements == null ? List.of() : List.copyOf(elements);
    }

    public DataTypeSyntax withCharset(String newCharset, String newCollation) {
        return new DataTypeSyntax(name, args, elements, unsigned, zerofill, newCharset, newCollation, false);
    }

    public DataTypeSyntax withName(String newName, List<String> newArgs) {
        return new DataTypeSyntax(newName, newArgs, elements, unsigned, zerofill, charset, collation, binary);
    }

    /** The type text without charset: {@code int(10) unsigned}, {@code enum('a','b')}. */
    public String text() {
        StringBuilder sb = new StringBuilder(name);
        if (!args.isEmpty()) {
            sb.append('(').append(String.join(",", args)).append(')');
        }
        if (unsigned) {
            sb.append(" unsigned");
        }
        if (zerofill) {
            sb.append(" zerofill");
        }
        return sb.toString();
    }
}
