package io.dm4j.master;

import io.dm4j.common.Dm4jVersion;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of dm-master; flags follow DM's dm-master. */
@Command(name = "dm-master", mixinStandardHelpOptions = true, versionProvider = MasterMain.Version.class,
        description = "dm4j master: keeps the cluster state (sources, tasks, bindings) and schedules workers.")
public final class MasterMain implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "dm-master.toml")
    Path config;

    @Option(names = "--name", description = "member name (default dm-master-{hostname})")
    String name;

    @Option(names = "--master-addr", paramLabel = "HOST:PORT", description = "listen address for dmctl and workers (default 0.0.0.0:8261)")
    String masterAddr;

    @Option(names = "--advertise-addr", paramLabel = "HOST:PORT", description = "address told to others (default = master-addr)")
    String advertiseAddr;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the master keeps its state (default default.{name})")
    Path dataDir;

    @Option(names = "--log-file", paramLabel = "FILE", description = "log file (default: standard output)")
    Path logFile;

    @Option(names = "-L", paramLabel = "LEVEL", description = "log level: debug, info, warn, error (default info)")
    String logLevel;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MasterMain()).execute(args));
    }

    @Override
    public Integer call() {
        System.err.println("dm-master: the control plane is not implemented yet in this build (see issue 5);"
                + " only --help and --version work.");
        return 2;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Dm4jVersion.banner("dm-master")};
        }
    }
}
