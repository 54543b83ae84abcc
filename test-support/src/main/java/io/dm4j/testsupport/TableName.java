package io.dm4j.testsupport;

/** A schema-qualified table as tests write it: {@code schema.table} or {@code `schema`.`table`}. */
record TableName(String schema, String table) {

    static TableName parse(String qualified) {
        String s = qualified.strip();
        if (s.startsWith("`")) {
            int close = s.indexOf("`.`");
            if (close > 0 && s.endsWith("`")) {
                return new TableName(s.substring(1, close).replace("``", "`"), s.substring(close + 3, s.length() - 1).replace("``", "`"));
            }
        } else {
            int dot = s.indexOf('.');
            if (dot > 0 && dot < s.length() - 1) {
                return new TableName(s.substring(0, dot), s.substring(dot + 1));
            }
        }
        throw new IllegalArgumentException("'" + qualified + "' is not schema.table");
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    String quoted() {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
