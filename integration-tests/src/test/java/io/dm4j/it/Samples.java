package io.dm4j.it;

import io.dm4j.testsupport.DbEndpoint;

/** Source and task files for the end-to-end tests. */
final class Samples {
    private Samples() {
    }

    static String source(String id, DbEndpoint up) {
        return "source-id: \"" + id + "\"\n"
                + "enable-gtid: false\n"
                + "from:\n"
                + "  host: \"" + up.host() + "\"\n"
                + "  port: " + up.port() + "\n"
                + "  user: \"" + up.user() + "\"\n"
                + "  password: \"" + up.password() + "\"\n"
                + "checker:\n"
                + "  check-interval: 1s\n"
                + "  backoff-max: 5s\n";
    }

    static String task(String name, String mode, String sourceId, String schema, DbEndpoint down) {
        return "name: \"" + name + "\"\n"
                + "task-mode: " + mode + "\n"
                + "target-database:\n"
                + "  host: \"" + down.host() + "\"\n"
                + "  port: " + down.port() + "\n"
                + "  user: \"" + down.user() + "\"\n"
                + "  password: \"" + down.password() + "\"\n"
                + "mysql-instances:\n"
                + "  - source-id: \"" + sourceId + "\"\n"
                + "    block-allow-list: \"only\"\n"
                + "    syncer-config-name: \"global\"\n"
                + "block-allow-list:\n"
                + "  only:\n"
                + "    do-dbs: [\"" + schema + "\"]\n"
                + "syncers:\n"
                + "  global:\n"
                + "    checkpoint-flush-interval: 1\n";
    }
}
