package io.dm4j.dmctl;

import io.dm4j.common.errors.DmctlErrors;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A password (or cipher text) given on standard input instead of the command line, so it stays out of the shell
 * history and the process list: read without echo from a terminal, else one line from the pipe.
 */
final class SecretInput {
    private SecretInput() {
    }

    static String read(GlobalOptions g, String what) {
        Console console = System.console();
        if (console != null && g.in() == System.in) {
            char[] typed = console.readPassword("%s: ", what);
            if (typed == null) {
                throw DmctlErrors.BAD_ARGUMENTS.error("no " + what + " was typed");
            }
            return new String(typed);
        }
        try {
            return oneLine(g.in(), what);
        } catch (IOException e) {
            throw DmctlErrors.READ_FILE.wrap(e, "standard input", e.getMessage());
        }
    }

    /** Reads up to the first newline byte by byte, so nothing after it is consumed (interactive mode reads on). */
    private static String oneLine(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        boolean any = false;
        while ((b = in.read()) != -1 && b != '\n') {
            any = true;
            line.write(b);
        }
        if (!any && b == -1) {
            throw DmctlErrors.BAD_ARGUMENTS.error("give the " + what + " as an argument or on standard input");
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
