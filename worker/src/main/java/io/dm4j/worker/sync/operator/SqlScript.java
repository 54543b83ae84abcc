package io.dm4j.worker.sync.operator;

import io.dm4j.worker.sync.ddl.SqlLexer;
import io.dm4j.worker.sync.ddl.SqlToken;
import java.util.ArrayList;
import java.util.List;

/** Splits the text given to {@code binlog replace|inject} into statements at {@code ;} outside quotes and comments. */
public final class SqlScript {
    private SqlScript() {
    }

    public static List<String> split(List<String> texts) {
        List<String> out = new ArrayList<>();
        for (String text : texts) {
            int from = 0;
            for (SqlToken t : SqlLexer.tokenize(text)) {
                if (t.isSymbol(";")) {
                    add(out, text.substring(from, t.start()));
                    from = t.end();
                }
            }
            add(out, text.substring(from));
        }
        return out;
    }

    private static void add(List<String> out, String sql) {
        String s = sql.strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }
}
