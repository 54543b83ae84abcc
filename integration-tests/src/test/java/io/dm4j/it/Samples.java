package io.dm4j.it;

import io.dm4j.testsupport.DbEndpoint;

/** Source and task files for the end-to-end tests. */
final class Samples {
    private Samples() {
    }

    static String source(String id, DbEndpoint up) {
        return source(id, up, "");
    }

    /** @param security lines of a {@code from.security} section ("  security:\n    ssl-ca: ...\n"), or "" */
    static String source(String id, DbEndpoint up, String security) {
        return "source-id: \"" + id + "\"\n"
                + "enable-gtid: false\n"
                + "from:\n"
                + "  host: \"" + up.host() + "\"\n"
                + "  port: " + up.port() + "\n"
                + "  user: \"" + up.user() + "\"\n"
                + "  password: \"" + up.password() + "\"\n"
                + security
                + "checker:\n"
                + "  check-interval: 1s\n"
                + "  backoff-max: 5s\n";
    }

    static String task(String name, String mode, String sourceId, String schema, DbEndpoint down) {
        return task(name, mode, sourceId, schema, down, "");
    }

    /** @param security lines of a {@code target-database.security} section, or "" */
    static String task(String name, String mode, String sourceId, String schema, DbEndpoint down, String security) {
        return "name: \"" + name + "\"\n"
                + "task-mode: " + mode + "\n"
                + "target-database:\n"
                + "  host: \"" + down.host() + "\"\n"
                + "  port: " + down.port() + "\n"
                + "  user: \"" + down.user() + "\"\n"
                + "  password: \"" + down.password() + "\"\n"
                + security
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
