package io.dm4j.worker.sync.ddl;

import java.util.List;
import java.util.Locale;

/** Reads table options ({@code ENGINE=InnoDB}, {@code DEFAULT CHARSET=utf8mb4}, {@code COMMENT 'x'}, ...). */
final class TableOptionReader {
    private TableOptionReader() {
    }

    /** Collects the default charset/collation and the other options of a run of table options. */
    static final class Options {
        String charset;
        String collation;
        final List<TableOption> others;

        Options(List<TableOption> sink) {
            this.others = sink;
        }
    }

    /** Whether the cursor is on a default charset/collation option (consumed and stored when it is). */
    static boolean readCharsetOption(TokenCursor c, Options into) {
        int start = c.index();
        c.accept("DEFAULT");
        if (c.accept("CHARACTER", "SET") || c.accept("CHARSET") || c.accept("CHAR", "SET")) {
            c.acceptEquals();
            into.charset = c.nameOrString().toLowerCase(Locale.ROOT);
            return true;
        }
        if (c.accept("COLLATE")) {
            c.acceptEquals();
            into.collation = c.nameOrString().toLowerCase(Locale.ROOT);
            return true;
        }
        c.reset(start);
        return false;
    }

    /** Reads one option other than charset/collation: {@code KEY [=] value}, {@code UNION=(..)}, versioning words. */
    static TableOption readOtherOption(TokenCursor c) {
        int from = c.index();
        SqlToken first = c.next();
        if (!first.isName()) {
            throw c.error("expected a table option");
        }
        String key = first.value().toUpperCase(java.util.Locale.ROOT);
        if ((first.is("DATA") || first.is("INDEX")) && c.accept("DIRECTORY")) {
            key += " DIRECTORY";
        } else if (first.is("WITH") || first.is("WITHOUT")) {
            c.expect("SYSTEM", "VERSIONING");
            return new TableOption(key + " SYSTEM VERSIONING", c.text(from, c.index()));
        } else if (first.is("DEFAULT")) {
            key = c.next().upper();
        }
        if (first.is("START") && c.accept("TRANSACTION")) {
            return new TableOption("START TRANSACTION", c.text(from, c.index()));
        }
        c.acceptEquals();
        SqlToken value = c.peek();
        if (value == null) {
            throw c.error("expected a value for table option " + key);
        }
        if (value.isSymbol("(")) {
            c.skipParenthesised();
        } else {
            c.next();
        }
        return new TableOption(key, c.text(from, c.index()));
    }
}
