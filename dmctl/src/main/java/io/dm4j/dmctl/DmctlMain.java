package io.dm4j.dmctl;

import io.dm4j.common.Dm4jVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Entry point of dmctl: {@code dmctl --master-addr HOST:PORT <command> ...}. Without a command it reads commands
 * from standard input, one per line (interactive mode), until {@code exit}.
 */
@Command(name = "dmctl", mixinStandardHelpOptions = true, versionProvider = DmctlMain.Version.class,
        description = "dm4j control: manage sources and tasks through dm-master.")
public final class DmctlMain implements Callable<Integer> {
    /**
     * The commands, in the order help lists them. A command line that names one of them gets only that one: picocli
     * reads every command's annotations when it is added, which took 0.3 s of each dmctl run when all were added.
     */
    static final List<Class<?>> COMMANDS = List.of(Commands.OperateSource.class, Commands.StartTask.class,
            Commands.StopTask.class, Commands.PauseTask.class, Commands.ResumeTask.class, Commands.QueryStatus.class,
            Commands.CheckTask.class, Commands.ListMember.class, Commands.OfflineMember.class,
            Commands.TransferSource.class, Commands.Config.class, Commands.Encrypt.class,
            BinlogCommands.Binlog.class, BinlogCommands.HandleError.class, BinlogCommands.BinlogSchema.class,
            DecryptCommand.class, OperateLeaderCommand.class,
            RelayCommands.StartRelay.class, RelayCommands.StopRelay.class, RelayCommands.PauseRelay.class,
            RelayCommands.ResumeRelay.class, RelayCommands.PurgeRelay.class,
            CommandLine.HelpCommand.class);

    @Mixin
    GlobalOptions globals = new GlobalOptions();

    public static void main(String[] args) {
        System.exit(execute(System.out, System.in, args));
    }

    /** Runs one dmctl command line; returns its exit status. */
    static int execute(PrintStream out, java.io.InputStream in, String... args) {
        return newCommandLine(out, in, args).execute(args);
    }

    /** A dmctl with the command {@code args} name, or with every command when they name none (or {@code help}). */
    static CommandLine newCommandLine(PrintStream out, java.io.InputStream in, String... args) {
        DmctlMain main = new DmctlMain();
        main.globals.out = out;
        main.globals.in = in;
        CommandLine cl = new CommandLine(main);
        Class<?> named = commandNamed(args);
        for (Class<?> command : named != null ? List.<Class<?>>of(named) : COMMANDS) {
            cl.addSubcommand(command);
        }
        // after the commands: picocli passes these settings to the commands it has
        return cl.setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    }

    /**
     * The command a command line names: its first word that is neither an option nor a global option's value; null
     * when that is no command or {@code help} (help lists and describes the others, so it needs them all).
     */
    static Class<?> commandNamed(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("-")) {
                if (arg.indexOf('=') < 0 && GlobalOptions.takesValue(arg)) {
                    i++;
                }
                continue;
            }
            for (Class<?> command : COMMANDS) {
                Command spec = command.getAnnotation(Command.class);
                if (command != CommandLine.HelpCommand.class
                        && (spec.name().equals(arg) || List.of(spec.aliases()).contains(arg))) {
                    return command;
                }
            }
            return null;
        }
        return null;
    }

    @Override
    public Integer call() throws IOException {
        // without --master-addr there is nobody to talk to: show the usage instead of prompting
        if (globals.masterAddr == null) {
            CommandLine.usage(this, System.out);
            return 0;
        }
        return interactive();
    }

    /** Reads commands line by line; each runs with the global options given on the command line. */
    private int interactive() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int last = 0;
        boolean prompt = System.console() != null;
        while (true) {
            if (prompt) {
                System.out.print("dmctl> ");
                System.out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                return last;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("exit") || line.equals("quit")) {
                return last;
            }
            List<String> args = new ArrayList<>(List.of("--master-addr", globals.masterAddr, "--rpc-timeout", globals.rpcTimeout));
            args.addAll(split(line));
            last = execute(globals.out, globals.in, args.toArray(String[]::new));
        }
    }

    /** Splits a command line on spaces, keeping quoted parts ('...' or "...") together. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inToken = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                cur.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(cur.toString());
        }
        return out;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Dm4jVersion.banner("dmctl")};
        }
    }
}
