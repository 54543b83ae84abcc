package io.dm4j.common.filter;

/** One entry of {@code do-tables} / {@code ignore-tables}: a schema and a table pattern ({@code ~regex} or wildcard). */
public record TableRef(String dbName, String tblName) {
}
