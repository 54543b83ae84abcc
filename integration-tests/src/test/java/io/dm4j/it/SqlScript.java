package io.dm4j.it;

import java.util.ArrayList;
import java.util.List;

/** Splits a SQL script into statements at semicolons outside quotes and comments, like the mysql client. */
final class SqlScript {
    private SqlScript() {
    }

    static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : 0;
            if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n && script.charAt(j) != c) {
                    if (script.charAt(j) == '\\' && c != '`') {
                        j++;
                    }
                    j++;
                }
                cur.append(script, i, Math.min(j + 1, n));
                i = j;
            } else if (c == '-' && next == '-' && (i + 2 >= n || Character.isWhitespace(script.charAt(i + 2))) || c == '#') {
                int j = script.indexOf('\n', i);
                i = j < 0 ? n : j;
                cur.append('\n');
            } else if (c == '/' && next == '*' && (i + 2 >= n || script.charAt(i + 2) != '!')) {
                int j = script.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 1;
                cur.append(' ');
            } else if (c == ';') {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
