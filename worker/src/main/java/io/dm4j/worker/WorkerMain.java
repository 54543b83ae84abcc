package io.dm4j.worker;

import io.dm4j.common.Dm4jVersion;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of dm-worker; flags follow DM's dm-worker. */
@Command(name = "dm-worker", mixinStandardHelpOptions = true, versionProvider = WorkerMain.Version.class,
        description = "dm4j worker: binds to one upstream source and runs the dump, load, sync and relay units.")
public final class WorkerMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "dm-worker.toml")
    Path config;

    @Option(names = "--name", description = "member name (default = advertise-addr)")
    String name;

    @Option(names = "--worker-addr", paramLabel = "HOST:PORT", description = "listen address (default 0.0.0.0:8262)")
    String workerAddr;

    @Option(names = "--advertise-addr", paramLabel = "HOST:PORT", description = "address told to the master (default = worker-addr)")
    String advertiseAddr;

    @Option(names = "--join", paramLabel = "HOST:PORT[,HOST:PORT]", description = "master address(es) to register with")
    String join;

    @Option(names = "--keepalive-ttl", paramLabel = "SECONDS", description = "keepalive TTL in seconds (default 60)")
    Long keepaliveTtl;

    @Option(names = "--log-file", paramLabel = "FILE", description = "log file (default: standard output)")
    Path logFile;

    @Option(names = "-L", paramLabel = "LEVEL", description = "log level: debug, info, warn, error (default info)")
    String logLevel;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WorkerMain()).execute(args));
    }

    @Override
    public Integer call() {
        System.err.println("dm-worker: joining a master is not implemented yet in this build (see issue 5);"
                + " only --help and --version work.");
        return 2;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Dm4jVersion.banner("dm-worker")};
        }
    }
}
