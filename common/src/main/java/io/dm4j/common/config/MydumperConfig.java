package io.dm4j.common.config;

import static io.dm4j.common.config.ValueTypes.BOOL;
import static io.dm4j.common.config.ValueTypes.INT;
import static io.dm4j.common.config.ValueTypes.LONG;
import static io.dm4j.common.config.ValueTypes.SIZE;
import static io.dm4j.common.config.ValueTypes.STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mydumpers.<name>} (or an instance's inline {@code mydumper}): settings of the dump unit.
 *
 * @param chunkFilesize as written; a bare number is MB ({@code "64"}); "0" = no splitting by size
 * @param extraArgs     further dumper command-line arguments, e.g. {@code --consistency none}
 */
public record MydumperConfig(String mydumperPath, int threads, String chunkFilesize, long statementSize, long rows,
                             String where, boolean skipTzUtc, String extraArgs) {

    static final Option<Integer> THREADS = Option.of("threads", INT, 4, "Parallel connections dumping from the upstream.")
            .check(Option.positive());
    static final Option<String> CHUNK_FILESIZE = Option.of("chunk-filesize", SIZE, "64",
            "Split a table's dump into files of about this size; a bare number is MB; 0 = no split.");
    static final Option<Long> STATEMENT_SIZE = Option.of("statement-size", LONG, 0L,
            "Largest INSERT statement written to a dump file, in bytes; 0 = the dumper's default.").check(Option.notNegativeLong());
    static final Option<Long> ROWS = Option.of("rows", LONG, 0L, "Split tables into chunks of this many rows (enables concurrent dumping of one table); 0 = off.")
            .check(Option.notNegativeLong());
    static final Option<String> WHERE = Option.of("where", STRING, "", "SQL condition limiting the dumped rows of every table.");
    static final Option<Boolean> SKIP_TZ_UTC = Option.of("skip-tz-utc", BOOL, true,
            "Dump TIMESTAMP values in the session time zone instead of UTC (as DM does).");
    static final Option<String> EXTRA_ARGS = Option.of("extra-args", STRING, "",
            "More dumper arguments, e.g. `--consistency none` (flush, snapshot, lock, none, auto).");
    static final Option<String> MYDUMPER_PATH = Option.of("mydumper-path", STRING, "./bin/mydumper",
            "Path of the mydumper binary.").deprecated("dm4j dumps by itself; the value is ignored");

    static final Schema SCHEMA = Schema.of("mydumpers.<name>", "Settings of the dump unit (full data export).",
            THREADS, CHUNK_FILESIZE, STATEMENT_SIZE, ROWS, WHERE, SKIP_TZ_UTC, EXTRA_ARGS, MYDUMPER_PATH);

    public static final MydumperConfig DEFAULT = from(Values.empty("mydumpers"));

    public MydumperConfig {
        chunkFilesize = chunkFilesize == null || chunkFilesize.isEmpty() ? "64" : chunkFilesize;
    }

    static MydumperConfig from(Values v) {
        return new MydumperConfig(v.get(MYDUMPER_PATH), v.get(THREADS), v.get(CHUNK_FILESIZE), v.get(STATEMENT_SIZE),
                v.get(ROWS), v.get(WHERE), v.get(SKIP_TZ_UTC), v.get(EXTRA_ARGS));
    }

    public MydumperConfig withThreads(int newThreads) {
        return new MydumperConfig(mydumperPath, newThreads, chunkFilesize, statementSize, rows, where, skipTzUtc, extraArgs);
    }

    /** {@link #chunkFilesize()} in bytes (0 = no split). */
    public long chunkFilesizeBytes() {
        return ByteSize.parse(chunkFilesize, 1L << 20);
    }

    /** {@link #extraArgs()} split like a shell would (quotes group words). */
    public List<String> extraArgList() {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : extraArgs.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The value of {@code --name X} or {@code --name=X} in {@link #extraArgs()}. */
    public Optional<String> extraArg(String name) {
        List<String> args = extraArgList();
        String flag = "--" + name;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(flag + "=")) {
                return Optional.of(a.substring(flag.length() + 1));
            }
            if (a.equals(flag) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** {@code --consistency} from extra-args (flush, snapshot, lock, none, auto), if given. */
    public Optional<String> consistency() {
        return extraArg("consistency");
    }
}
