package io.dm4j.common.filter;

/**
 * An {@code expression-filter} rule: rows of {@code schema.table} for which the SQL boolean expression is true
 * are dropped. Exactly one of insert / update (old and/or new) / delete expressions is set.
 */
public record ExpressionFilterRule(String schema, String table, String insertValueExpr, String updateOldValueExpr,
                                   String updateNewValueExpr, String deleteValueExpr) {
}
