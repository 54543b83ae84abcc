package io.dm4j.worker.load;

import io.dm4j.common.model.TableId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the CREATE statements of a dump's schema files for the target: routed names, {@code IF NOT EXISTS} /
 * {@code OR REPLACE} so that a restarted load can run them again, no {@code DEFINER} on views (the account may not
 * exist downstream; the loading user becomes the definer), and for a merge route the {@code extract-*} columns
 * added at the end of the table and to its primary/unique keys (rows of different shards may share a key; with the
 * origin columns in the key they stay apart). The statements come from SHOW CREATE, so their layout is known.
 */
final class CreateStatements {
    private static final String IDENT = "(?:`(?:[^`]|``)+`|[\\w$]+)";
    private static final Pattern CREATE_DATABASE = Pattern.compile(
            "^\\s*CREATE\\s+(?:DATABASE|SCHEMA)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT, Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^\\s*CREATE\\s+(?:TEMPORARY\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?",
            Pattern.CASE_INSENSITIVE);
    private static final String USER_PART = "(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|[\\w.%-]+)";
    private static final Pattern CREATE_VIEW = Pattern.compile(
            "^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(ALGORITHM\\s*=\\s*\\w+\\s+)?(?:DEFINER\\s*=\\s*" + USER_PART
                    + "(?:\\s*@\\s*" + USER_PART + ")?\\s+)?(SQL\\s+SECURITY\\s+\\w+\\s+)?VIEW\\s+" + IDENT
                    + "(?:\\s*\\.\\s*" + IDENT + ")?", Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*(PRIMARY\\s+KEY|UNIQUE\\b)", Pattern.CASE_INSENSITIVE);

    /** Type of the added origin columns: long enough for any schema or table name (64) and source id (32). */
    static final String EXTRACT_COLUMN_TYPE = "VARCHAR(64) NOT NULL DEFAULT ''";

    private CreateStatements() {
    }

    /** {@code CREATE DATABASE IF NOT EXISTS `target` ...} keeping the character set options. */
    static String createDatabase(String statement, String target) {
        Matcher m = CREATE_DATABASE.matcher(statement);
        if (!m.find()) {
            throw new IllegalArgumentException("not a CREATE DATABASE statement");
        }
        return "CREATE DATABASE IF NOT EXISTS " + TableId.quote(target) + statement.substring(m.end());
    }

    /** A plain {@code CREATE DATABASE IF NOT EXISTS `target`} for a schema that has no schema file. */
    static String createDatabase(String target) {
        return "CREATE DATABASE IF NOT EXISTS " + TableId.quote(target);
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS `db`.`t` (...)}, with the extract columns added when there are any.
     *
     * @param extractColumns names of the origin columns to add (empty for none)
     */
    static String createTable(String statement, TableId target, List<String> extractColumns) {
        Matcher m = CREATE_TABLE.matcher(statement);
        if (!m.find()) {
            throw new IllegalArgumentException("not a CREATE TABLE statement");
        }
        String rest = statement.substring(m.end());
        if (!extractColumns.isEmpty()) {
            rest = addColumns(rest, extractColumns);
        }
        return "CREATE TABLE IF NOT EXISTS " + target.quoted() + rest;
    }

    private static String addColumns(String rest, List<String> columns) {
        int open = rest.indexOf('(');
        if (open < 0) {
            throw new IllegalArgumentException("CREATE TABLE without a column list");
        }
        int close = matching(rest, open);
        String body = rest.substring(open + 1, close);
        StringBuilder keysExtended = new StringBuilder();
        String keyColumns = String.join(",", columns.stream().map(TableId::quote).toList());
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                keysExtended.append('\n');
            }
            keysExtended.append(KEY_LINE.matcher(line).find() ? extendKey(line, keyColumns) : line);
        }
        StringBuilder added = new StringBuilder();
        for (String c : columns) {
            added.append(",\n  ").append(TableId.quote(c)).append(' ').append(EXTRACT_COLUMN_TYPE);
        }
        String newBody = keysExtended.toString();
        int lastContent = newBody.length();
        while (lastContent > 0 && Character.isWhitespace(newBody.charAt(lastContent - 1))) {
            lastContent--;
        }
        return rest.substring(0, open + 1) + newBody.substring(0, lastContent) + added + newBody.substring(lastContent)
                + rest.substring(close);
    }

    /** Adds columns at the end of the column list of one key line ({@code PRIMARY KEY (`a`)} or {@code UNIQUE KEY `k` (`a`)}). */
    private static String extendKey(String line, String keyColumns) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '(') {
            if (line.charAt(i) == '`') {
                i = InsertRewriter.endOfQuoted(line, i);
            }
            i++;
        }
        if (i >= line.length()) {
            return line;
        }
        int close = matching(line, i);
        return line.substring(0, close) + "," + keyColumns + line.substring(close);
    }

    /**
     * {@code CREATE OR REPLACE [ALGORITHM=..] [SQL SECURITY ..] VIEW `db`.`v` AS ...} without the definer; when the
     * view's schema is routed elsewhere, references qualified with the old schema name are moved to the new one.
     */
    static String createView(String statement, TableId source, TableId target) {
        Matcher m = CREATE_VIEW.matcher(statement);
        if (!m.find()) {
            throw new IllegalArgumentException("not a CREATE VIEW statement");
        }
        String algorithm = m.group(1) == null ? "" : m.group(1);
        String security = m.group(2) == null ? "" : m.group(2);
        String body = statement.substring(m.end());
        if (!source.schema().equals(target.schema())) {
            body = body.replace(TableId.quote(source.schema()) + ".", TableId.quote(target.schema()) + ".");
        }
        return "CREATE OR REPLACE " + algorithm + security + "VIEW " + target.quoted() + body;
    }

    /** The index of the parenthesis that closes the one at {@code open}; quoted text is skipped. */
    static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                i = InsertRewriter.endOfQuoted(s, i);
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses");
    }
}
