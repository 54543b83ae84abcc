package io.dm4j.master.check;

import io.dm4j.common.model.TableId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privileges in a user's {@code SHOW GRANTS} lines, MySQL's and MariaDB's forms: global ({@code *.*}),
 * schema-level (with {@code LIKE} wildcards) and table-level grants. Column-level grants, routines and proxies grant
 * nothing here. Roles: MariaDB's {@code SHOW GRANTS} also lists the grants of the session's role (the user's default
 * role) and of the roles granted to it, so those count (PrecheckFailuresIT); a role granted but not the default is
 * not active in dm4j's sessions and rightly counts for nothing. MySQL 8 lists only the role names unless asked
 * {@code USING} the roles, so {@link CheckedDb} asks with the session's active roles.
 */
final class Grants {
    private static final Pattern GRANT = Pattern.compile("^GRANT\\s+(.+?)\\s+ON\\s+(.+?)\\s+TO\\s+", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** One grant line: its privileges on a scope; null schema = global, null table = whole schema. */
    record Grant(Set<String> privileges, Pattern schema, String table) {
        boolean covers(String privilege) {
            return privileges.contains(privilege) || privileges.contains("ALL")
                    || privilege.equals("REPLICATION CLIENT") && privileges.contains("BINLOG MONITOR")
                    || privilege.equals("BINLOG MONITOR") && privileges.contains("REPLICATION CLIENT");
        }
    }

    private final List<Grant> grants;

    private Grants(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    static Grants parse(List<String> lines) {
        List<Grant> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = GRANT.matcher(line.trim());
            if (!m.find()) {
                continue; // a role grant (GRANT `r` TO `u`) or something else that grants no privilege
            }
            String scope = m.group(2).trim();
            if (scope.toUpperCase(Locale.ROOT).matches("^(PROCEDURE|FUNCTION|PACKAGE|PACKAGE BODY)\\s.*")) {
                continue;
            }
            List<String> parts = splitScope(scope);
            if (parts == null) {
                continue;
            }
            Set<String> privs = privileges(m.group(1));
            if (parts.get(0).equals("*")) {
                out.add(new Grant(privs, null, null));
            } else {
                out.add(new Grant(privs, likePattern(parts.get(0)), parts.get(1).equals("*") ? null : parts.get(1)));
            }
        }
        return new Grants(out);
    }

    /** Whether {@code privilege} (upper case, e.g. {@code REPLICATION SLAVE}) is granted on {@code *.*}. */
    boolean hasGlobal(String privilege) {
        return grants.stream().anyMatch(g -> g.schema() == null && g.covers(privilege));
    }

    /** Whether {@code privilege} is granted on the table, globally, on its schema, or on the table itself. */
    boolean has(String privilege, TableId table) {
        for (Grant g : grants) {
            if (!g.covers(privilege)) {
                continue;
            }
            if (g.schema() == null) {
                return true;
            }
            if (g.schema().matcher(table.schema()).matches() && (g.table() == null || g.table().equalsIgnoreCase(table.table()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code privilege} is granted on every table of the schema (globally or on the schema). */
    boolean hasOnSchema(String privilege, String schema) {
        return grants.stream().anyMatch(g -> g.covers(privilege) && g.table() == null
                && (g.schema() == null || g.schema().matcher(schema).matches()));
    }

    private static Set<String> privileges(String list) {
        Set<String> out = new LinkedHashSet<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : (list + ",").toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String p = cur.toString().trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
                // a column list "SELECT (`a`)" grants the privilege on some columns only: not counted
                if (!p.isEmpty() && !p.contains("(")) {
                    out.add(p.equals("ALL PRIVILEGES") ? "ALL" : p);
                }
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        return out;
    }

    /** {@code *.*}, {@code `db`.*}, {@code db.t}, {@code `db`.`t`} → [schema, table]; null when not understood. */
    private static List<String> splitScope(String scope) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c == '`') {
                if (quoted && i + 1 < scope.length() && scope.charAt(i + 1) == '`') {
                    cur.append('`');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts.size() == 2 ? parts : null;
    }

    /** A schema name of a grant, where unescaped {@code _} and {@code %} are wildcards. */
    private static Pattern likePattern(String name) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                re.append(Pattern.quote(String.valueOf(name.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE);
    }
}
