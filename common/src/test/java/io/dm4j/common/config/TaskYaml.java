package io.dm4j.common.config;

/** A small valid task file that tests change one piece of. */
final class TaskYaml {
    private TaskYaml() {
    }

    static final String VALID = """
            name: t1
            task-mode: all
            target-database:
              host: 127.0.0.1
              port: 3308
              user: dm
              password: dm
            mysql-instances:
              - source-id: s1
                block-allow-list: bal
                route-rules: [r1]
                filter-rules: [f1]
                mydumper-config-name: global
                loader-config-name: global
                syncer-config-name: global
            block-allow-list:
              bal:
                do-dbs: [db]
            routes:
              r1:
                schema-pattern: db
                target-schema: db2
            filters:
              f1:
                schema-pattern: db
                events: [insert]
                action: Ignore
            mydumpers:
              global:
                threads: 2
            loaders:
              global:
                pool-size: 8
            syncers:
              global:
                worker-count: 4
            """;

    /** {@link #VALID} with one text replaced (the replaced text must occur). */
    static String with(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("not in the base task: " + from);
        }
        return VALID.replace(from, to);
    }

    static TaskConfig parse(String yaml) {
        return TaskConfig.parse(yaml, "task.yaml", Encryptor.builtIn());
    }
}
