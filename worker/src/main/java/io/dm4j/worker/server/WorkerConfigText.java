package io.dm4j.worker.server;

import io.dm4j.common.config.WorkerConfig;
import java.util.stream.Collectors;

/**
 * The effective dm-worker.toml for {@code dmctl config worker NAME}: every setting, certificate paths included, but no
 * inline certificate or key text and not the secret key (only the path of its file).
 */
final class WorkerConfigText {
    private WorkerConfigText() {
    }

    static String of(WorkerConfig c) {
        var s = c.security();
        return "name = " + q(c.name()) + "\nworker-addr = " + q(c.workerAddr()) + "\nadvertise-addr = " + q(c.advertiseAddr())
                + "\njoin = " + q(c.join()) + "\nkeepalive-ttl = " + c.keepaliveTtl()
                + "\nrelay-keepalive-ttl = " + c.relayKeepaliveTtl() + "\nrelay-dir = " + q(c.relayDir())
                + "\nlog-level = " + q(c.logLevel()) + "\nlog-file = " + q(c.logFile()) + "\nlog-format = " + q(c.logFormat())
                + "\nredact-info-log = " + c.redactInfoLog() + "\nsecret-key-path = " + q(c.secretKeyPath())
                + "\nssl-ca = " + q(s.sslCa()) + "\nssl-cert = " + q(s.sslCert()) + "\nssl-key = " + q(s.sslKey())
                + "\ncert-allowed-cn = [" + s.certAllowedCn().stream().map(WorkerConfigText::q).collect(Collectors.joining(", "))
                + "]\n";
    }

    private static String q(String v) {
        return "\"" + (v == null ? "" : v.replace("\\", "\\\\").replace("\"", "\\\"")) + "\"";
    }
}
