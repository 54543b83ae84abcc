package io.dm4j.worker.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a {@code CREATE TABLE} (in SHOW CREATE TABLE's layout: one column or index per line) into the table to
 * load into and the plain secondary indexes to add after the load. Rows then go into the clustered index alone, and
 * each deferred index is built once, sorted, by {@code ALTER TABLE ... ADD KEY}: the random inserts into secondary
 * index pages (which miss the buffer pool once the indexes outgrow it) are what made a bulk load I/O-bound.
 * <p>Only non-unique {@code KEY} lines are deferred: primary, unique, full-text and spatial indexes stay (duplicate
 * handling and the engine's rules depend on them), and so does an index that leads with the AUTO_INCREMENT column
 * (the engine requires one). A table with a foreign key keeps every index (a constraint may need it).
 */
final class DeferredIndexes {
    private static final String IDENT = "`(?:[^`]|``)+`";
    private static final Pattern PLAIN_KEY = Pattern.compile("^\\s*KEY\\s+(" + IDENT + ")\\s*\\(\\s*(" + IDENT + ")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FOREIGN_KEY = Pattern.compile("\\bFOREIGN\\s+KEY\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_INCREMENT_COLUMN = Pattern.compile("^\\s*(" + IDENT + ")\\s.*\\bAUTO_INCREMENT\\b",
            Pattern.CASE_INSENSITIVE);

    /** One deferred index: its name (unquoted) and its definition as SHOW CREATE TABLE wrote it ({@code KEY `k` (`a`)}). */
    record Index(String name, String definition) {
    }

    /** The statement to create the table with, and the indexes left out of it (empty: the statement unchanged). */
    record Split(String create, List<Index> deferred) {
    }

    private DeferredIndexes() {
    }

    /** Whether a table's definition has a foreign key (then nothing of that dump is deferred, see the class comment). */
    static boolean hasForeignKey(String createTable) {
        return FOREIGN_KEY.matcher(createTable).find();
    }

    static Split split(String createTable) {
        int open = createTable.indexOf('(');
        if (open < 0 || hasForeignKey(createTable)) {
            return new Split(createTable, List.of());
        }
        int close = CreateStatements.matching(createTable, open);
        String[] lines = createTable.substring(open + 1, close).split("\n", -1);
        String autoColumn = null;
        for (String line : lines) {
            Matcher m = AUTO_INCREMENT_COLUMN.matcher(line);
            if (m.find()) {
                autoColumn = m.group(1);
            }
        }
        List<String> kept = new ArrayList<>();
        List<Index> deferred = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PLAIN_KEY.matcher(line);
            if (m.find() && !m.group(2).equalsIgnoreCase(autoColumn == null ? "" : autoColumn)) {
                deferred.add(new Index(unquote(m.group(1)), withoutComma(line).strip()));
            } else {
                kept.add(line);
            }
        }
        if (deferred.isEmpty()) {
            return new Split(createTable, List.of());
        }
        // SHOW CREATE ends every line of the list but the last with a comma; the last kept one must not have it
        int last = kept.size() - 1;
        while (last >= 0 && kept.get(last).isBlank()) {
            last--;
        }
        if (last >= 0) {
            kept.set(last, withoutComma(kept.get(last)));
        }
        String body = String.join("\n", kept);
        return new Split(createTable.substring(0, open + 1) + body + createTable.substring(close), List.copyOf(deferred));
    }

    /** {@code ALTER TABLE t ADD KEY ..., ADD KEY ...}: one pass over the table builds them all. */
    static String addStatement(String quotedTable, List<Index> indexes) {
        StringBuilder sql = new StringBuilder("ALTER TABLE ").append(quotedTable);
        for (int i = 0; i < indexes.size(); i++) {
            sql.append(i == 0 ? " ADD " : ", ADD ").append(indexes.get(i).definition());
        }
        return sql.toString();
    }

    private static String withoutComma(String line) {
        String s = line.stripTrailing();
        return s.endsWith(",") ? s.substring(0, s.length() - 1) : line;
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("``", "`");
    }

    /** Index names compare like MySQL's: case-insensitively. */
    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
