package io.dm4j.common.filter;

/**
 * An {@code expression-filter} rule: rows of {@code schema.table} for which the SQL boolean expression is true
 * are dropped. Exactly one of insert / update (old and/or new) / delete expressions is set.
 *
 * @param name the rule's key under {@code expression-filter} (null when built without one), for error messages
 */
public record ExpressionFilterRule(String name, String schema, String table, String insertValueExpr,
                                   String updateOldValueExpr, String updateNewValueExpr, String deleteValueExpr) {

    /** A rule without a name. */
    public ExpressionFilterRule(String schema, String table, String insertValueExpr, String updateOldValueExpr,
                                String updateNewValueExpr, String deleteValueExpr) {
        this(null, schema, table, insertValueExpr, updateOldValueExpr, updateNewValueExpr, deleteValueExpr);
    }

    /** How error messages name this rule: its key, else its table. */
    public String label() {
        return name != null ? name : schema + "." + table;
    }
}
