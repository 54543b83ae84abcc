package io.dm4j.worker.sync.ddl;

/**
 * One table option other than the default charset/collation, e.g. {@code ENGINE=InnoDB}.
 *
 * @param key  upper-case option name ({@code ENGINE}, {@code ROW_FORMAT}, {@code COMMENT})
 * @param text the option as written
 */
public record TableOption(String key, String text) {
}
