package io.dm4j.worker.sync.ddl;

import io.dm4j.worker.sync.ddl.SqlToken.Kind;
import java.util.Set;

/**
 * Decides from a statement's leading words whether it is a DDL to replicate. Follows DM's built-in skip list:
 * transactions, FLUSH, table maintenance, temporary tables, triggers, procedures, functions, events, views,
 * tablespaces and account management are not replicated.
 */
final class StatementClassifier {
    private StatementClassifier() {
    }

    /** The object a CREATE/ALTER/DROP/RENAME statement works on, and the leading words before it. */
    record Target(String verb, String object, int objectIndex, boolean temporary) {
    }

    private static final Set<String> TRANSACTION = Set.of("BEGIN", "COMMIT", "ROLLBACK", "START", "XA", "SAVEPOINT",
            "RELEASE");
    private static final Set<String> MAINTENANCE = Set.of("ANALYZE", "OPTIMIZE", "REPAIR", "CHECK", "CHECKSUM");
    private static final Set<String> ACCOUNTS = Set.of("GRANT", "REVOKE");
    private static final Set<String> REPLICATED_OBJECTS = Set.of("TABLE", "TABLES", "DATABASE", "SCHEMA", "INDEX");
    private static final Set<String> SKIPPED_OBJECTS = Set.of("VIEW", "TRIGGER", "PROCEDURE", "FUNCTION", "EVENT",
            "USER", "ROLE", "SERVER", "TABLESPACE", "LOGFILE", "SEQUENCE", "PACKAGE", "REFERENCE", "RESOURCE", "UNDO",
            "INSTANCE", "PREPARE");

    /**
     * Null when the statement is a DDL this project replicates; otherwise why it is not.
     *
     * @throws DdlSyntaxException when it starts like DDL but names an object this reader does not know
     */
    static String skipReason(TokenCursor c) {
        SqlToken first = c.peek();
        if (first == null) {
            return "empty or comment-only statement";
        }
        if (first.kind() != Kind.WORD) {
            return "not a DDL statement";
        }
        String verb = first.upper();
        if (TRANSACTION.contains(verb)) {
            return "transaction control statement";
        }
        if (verb.equals("FLUSH")) {
            return "FLUSH statement";
        }
        if (ACCOUNTS.contains(verb)) {
            return "account management statement";
        }
        if (verb.equals("SET")) {
            return "SET statement";
        }
        if (MAINTENANCE.contains(verb)) {
            return "table maintenance statement";
        }
        if (verb.equals("TRUNCATE")) {
            return null;
        }
        if (!(verb.equals("CREATE") || verb.equals("ALTER") || verb.equals("DROP") || verb.equals("RENAME"))) {
            return "not a DDL statement";
        }
        Target target = target(c);
        if (target.temporary()) {
            return "temporary table statement";
        }
        if (REPLICATED_OBJECTS.contains(target.object())) {
            if (target.object().equals("INDEX") && verb.equals("ALTER")) {
                throw c.error("unknown ALTER INDEX statement");
            }
            if ((target.object().equals("DATABASE") || target.object().equals("SCHEMA")) && verb.equals("ALTER")
                    && containsWord(c, "UPGRADE")) {
                return "ALTER DATABASE ... UPGRADE DATA DIRECTORY NAME";
            }
            return null;
        }
        if (SKIPPED_OBJECTS.contains(target.object())) {
            if (target.object().equals("USER") || target.object().equals("ROLE")) {
                return "account management statement";
            }
            return verb + " " + target.object() + " is not replicated";
        }
        throw c.error("unknown " + verb + " statement");
    }

    /** Finds the object word after CREATE/ALTER/DROP/RENAME, skipping OR REPLACE, DEFINER=..., ALGORITHM=... */
    static Target target(TokenCursor c) {
        String verb = c.peek().upper();
        int i = 1;
        boolean temporary = false;
        while (true) {
            SqlToken t = c.peek(i);
            if (t == null) {
                throw c.error("incomplete " + verb + " statement");
            }
            if (t.is("OR") && c.peek(i + 1) != null && c.peek(i + 1).is("REPLACE")) {
                i += 2;
            } else if ((t.is("ALGORITHM") || t.is("DEFINER")) && c.peek(i + 1) != null && c.peek(i + 1).isSymbol("=")) {
                i = skipAssignedValue(c, i + 2);
            } else if (t.is("SQL") && c.peek(i + 1) != null && c.peek(i + 1).is("SECURITY")) {
                i += 3;
            } else if (t.is("TEMPORARY")) {
                temporary = true;
                i++;
            } else if (t.is("AGGREGATE") || t.is("ONLINE") || t.is("OFFLINE") || t.is("IGNORE") || t.is("UNIQUE")
                    || t.is("FULLTEXT") || t.is("SPATIAL") || t.is("NONBLOCKING")) {
                i++;
            } else if (t.kind() == Kind.WORD) {
                return new Target(verb, t.upper(), i, temporary);
            } else {
                throw c.error("unexpected " + t.text() + " in " + verb + " statement");
            }
        }
    }

    /** Skips {@code user}, {@code user@host}, {@code CURRENT_USER[()]}, or an algorithm name starting at {@code i}. */
    private static int skipAssignedValue(TokenCursor c, int i) {
        int j = i + 1;
        SqlToken n = c.peek(j);
        if (n != null && n.kind() == Kind.VARIABLE) {
            j++;
        } else if (n != null && n.isSymbol("@")) {
            j += 2;
        }
        if (c.peek(j) != null && c.peek(j).isSymbol("(") && c.peek(j + 1) != null && c.peek(j + 1).isSymbol(")")) {
            j += 2;
        }
        return j;
    }

    private static boolean containsWord(TokenCursor c, String word) {
        for (int i = 0; c.peek(i) != null; i++) {
            if (c.peek(i).is(word)) {
                return true;
            }
        }
        return false;
    }
}
