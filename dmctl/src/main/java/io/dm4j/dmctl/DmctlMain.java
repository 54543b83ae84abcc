package io.dm4j.dmctl;

import io.dm4j.common.Dm4jVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of dmctl; global flags follow DM's dmctl. Subcommands are registered here as they land. */
@Command(name = "dmctl", mixinStandardHelpOptions = true, versionProvider = DmctlMain.Version.class,
        description = "dm4j control: manage sources and tasks through dm-master.")
public final class DmctlMain implements Callable<Integer> {

    @Option(names = "--master-addr", paramLabel = "HOST:PORT", description = "dm-master address")
    String masterAddr;

    @Option(names = "--rpc-timeout", paramLabel = "DURATION", description = "RPC timeout (default 10m)")
    String rpcTimeout;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new DmctlMain());
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Dm4jVersion.banner("dmctl")};
        }
    }
}
