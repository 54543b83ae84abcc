package io.dm4j.dmctl;

import io.dm4j.common.config.DmDuration;
import io.dm4j.common.errors.DmctlErrors;
import io.dm4j.proto.tls.TlsConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** dmctl's global flags; accepted before or after the command name, as DM's persistent flags are. */
public class GlobalOptions {
    @Option(names = "--master-addr", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT, description = "dm-master address")
    String masterAddr;

    @Option(names = "--rpc-timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT, defaultValue = "10m",
            description = "RPC timeout (default ${DEFAULT-VALUE})")
    String rpcTimeout;

    @Option(names = "--ssl-ca", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "CA certificate (PEM)")
    Path sslCa;

    @Option(names = "--ssl-cert", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "client certificate (PEM)")
    Path sslCert;

    @Option(names = "--ssl-key", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "client key (PEM)")
    Path sslKey;

    PrintStream out = System.out;

    /** Whether {@code name} is one of these flags, all of which take a value. */
    static boolean takesValue(String name) {
        for (java.lang.reflect.Field field : GlobalOptions.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && List.of(option.names()).contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Where `encrypt`/`decrypt` read a value not given as an argument. */
    java.io.InputStream in = System.in;

    Duration timeout() {
        try {
            return DmDuration.parse(rpcTimeout);
        } catch (RuntimeException e) {
            throw DmctlErrors.BAD_TIMEOUT.error(rpcTimeout);
        }
    }

    TlsConfig tls() {
        if (sslCa == null && sslCert == null && sslKey == null) {
            return TlsConfig.NONE;
        }
        return new TlsConfig(sslCa, sslCert, sslKey, List.of());
    }

    PrintStream out() {
        return out;
    }

    java.io.InputStream in() {
        return in;
    }
}
