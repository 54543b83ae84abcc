package io.dm4j.common.filter;

/**
 * One of a route's {@code extract-table} / {@code extract-schema} / {@code extract-source}: the first capture
 * group of {@code regexp} applied to the table, schema or source id is written into {@code targetColumn}.
 */
public record ExtractRule(String regexp, String targetColumn) {
}
