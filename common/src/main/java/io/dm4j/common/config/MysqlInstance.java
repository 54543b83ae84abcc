package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.STRING;
import static io.dm4j.common.config.ValueTypes.STRING_LIST;

import java.util.List;

/**
 * One {@code mysql-instances} entry as written: the source and the names of the global rules it uses. Inline unit
 * settings ({@code mydumper}, {@code loader}, {@code syncer}) are null when not given. Use
 * {@link TaskConfig#subTask(String)} for the resolved view.
 *
 * @param blockAllowList the {@code block-allow-list} name, or the deprecated {@code black-white-list} one; "" for none
 */
public record MysqlInstance(String sourceId, BinlogMeta meta, List<String> routeRules, List<String> filterRules,
                            List<String> expressionFilters, List<String> columnMappingRules, String blockAllowList,
                            String mydumperConfigName, MydumperConfig mydumper, int mydumperThread,
                            String loaderConfigName, LoaderConfig loader, int loaderThread,
                            String syncerConfigName, SyncerConfig syncer, int syncerThread,
                            String validatorConfigName) {

    static final Option<String> SOURCE_ID = Option.of("source-id", STRING, "", "The source (its source-id in source.yaml) this entry replicates.").required();
    static final Option<List<String>> ROUTE_RULES = Option.of("route-rules", STRING_LIST, List.of(), "Names of `routes` rules applied, in order.");
    static final Option<List<String>> FILTER_RULES = Option.of("filter-rules", STRING_LIST, List.of(), "Names of `filters` rules applied.");
    static final Option<List<String>> EXPRESSION_FILTERS = Option.of("expression-filters", STRING_LIST, List.of(), "Names of `expression-filter` rules applied.");
    static final Option<List<String>> COLUMN_MAPPING_RULES = Option.of("column-mapping-rules", STRING_LIST, List.of(),
            "Column mapping rule names.").deprecated("column mapping was removed from DM; use routes with extract-table/schema/source");
    static final Option<String> BLOCK_ALLOW_LIST = Option.of("block-allow-list", STRING, "", "Name of the `block-allow-list` rule; none = everything.");
    static final Option<String> BLACK_WHITE_LIST = Option.of("black-white-list", STRING, "", "Old name of block-allow-list.")
            .deprecated("use block-allow-list");
    static final Option<String> MYDUMPER_CONFIG_NAME = Option.of("mydumper-config-name", STRING, "", "Name of the `mydumpers` settings used.");
    static final Option<Integer> MYDUMPER_THREAD = Option.of("mydumper-thread", INT, 0, "Overrides `threads` of the dump settings; 0 = no override.")
            .check(Option.notNegative());
    static final Option<String> LOADER_CONFIG_NAME = Option.of("loader-config-name", STRING, "", "Name of the `loaders` settings used.");
    static final Option<Integer> LOADER_THREAD = Option.of("loader-thread", INT, 0, "Overrides `pool-size` of the load settings; 0 = no override.")
            .check(Option.notNegative());
    static final Option<String> SYNCER_CONFIG_NAME = Option.of("syncer-config-name", STRING, "", "Name of the `syncers` settings used.");
    static final Option<Integer> SYNCER_THREAD = Option.of("syncer-thread", INT, 0, "Overrides `worker-count` of the sync settings; 0 = no override.")
            .check(Option.notNegative());
    static final Option<String> VALIDATOR_CONFIG_NAME = Option.of("validator-config-name", STRING, "", "Name of the `validators` settings used.");

    static final Schema SCHEMA = Schema.of("mysql-instances[]", "One entry per source the task replicates.",
            SOURCE_ID,
            Schema.one("meta", BinlogMeta.SCHEMA, "Start point of an `incremental` task that has no checkpoint yet."),
            ROUTE_RULES, FILTER_RULES, EXPRESSION_FILTERS, COLUMN_MAPPING_RULES, BLOCK_ALLOW_LIST, BLACK_WHITE_LIST,
            MYDUMPER_CONFIG_NAME, Schema.one("mydumper", MydumperConfig.SCHEMA, "Inline dump settings (instead of mydumper-config-name)."),
            MYDUMPER_THREAD,
            LOADER_CONFIG_NAME, Schema.one("loader", LoaderConfig.SCHEMA, "Inline load settings (instead of loader-config-name)."),
            LOADER_THREAD,
            SYNCER_CONFIG_NAME, Schema.one("syncer", SyncerConfig.SCHEMA, "Inline sync settings (instead of syncer-config-name)."),
            SYNCER_THREAD,
            VALIDATOR_CONFIG_NAME);

    public MysqlInstance {
        routeRules = List.copyOf(routeRules);
        filterRules = List.copyOf(filterRules);
        expressionFilters = List.copyOf(expressionFilters);
        columnMappingRules = List.copyOf(columnMappingRules);
    }

    static MysqlInstance from(Values v) {
        String bal = v.get(BLOCK_ALLOW_LIST).isEmpty() ? v.get(BLACK_WHITE_LIST) : v.get(BLOCK_ALLOW_LIST);
        return new MysqlInstance(v.get(SOURCE_ID), v.child("meta").map(BinlogMeta::from).orElse(null),
                v.get(ROUTE_RULES), v.get(FILTER_RULES), v.get(EXPRESSION_FILTERS), v.get(COLUMN_MAPPING_RULES), bal,
                v.get(MYDUMPER_CONFIG_NAME), v.child("mydumper").map(MydumperConfig::from).orElse(null), v.get(MYDUMPER_THREAD),
                v.get(LOADER_CONFIG_NAME), v.child("loader").map(LoaderConfig::from).orElse(null), v.get(LOADER_THREAD),
                v.get(SYNCER_CONFIG_NAME), v.child("syncer").map(SyncerConfig::from).orElse(null), v.get(SYNCER_THREAD),
                v.get(VALIDATOR_CONFIG_NAME));
    }
}
