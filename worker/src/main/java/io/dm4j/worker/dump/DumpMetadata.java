package io.dm4j.worker.dump;

import io.dm4j.common.errors.LoadErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The dump's {@code metadata} file, in mydumper/Dumpling's format, which DM reads to start the sync unit:
 * <pre>
 * Started dump at: 2026-11-22 10:00:00
 * SHOW MASTER STATUS:
 * 	Log: up-bin.000001
 * 	Pos: 8587
 * 	GTID:0-1-21
 *
 * SHOW MASTER STATUS: &#47;* AFTER CONNECTION POOL ESTABLISHED *&#47;
 * 	Log: up-bin.000001
 * 	Pos: 9012
 * 	GTID:0-1-23
 *
 * Finished dump at: 2026-11-22 10:00:05
 * </pre>
 * The first section is where the snapshot stands: the sync unit starts there. The second exists only when the
 * snapshot connections may have seen more than that point (no common snapshot): the sync unit runs in safe mode
 * until it has passed it. {@code SHOW SLAVE STATUS} sections (mydumper on a replica) are read over.
 *
 * @param location     snapshot position; null when the upstream has binary logging off
 * @param exitSafe     safe-mode exit point, or null when the snapshot is exactly {@code location}
 * @param startedAt    when the dump started (informational)
 * @param finishedAt   when the dump finished (informational), or null
 */
public record DumpMetadata(Instant startedAt, Location location, Location exitSafe, Instant finishedAt) {

    /** File name inside the dump directory. */
    public static final String FILE_NAME = "metadata";

    private static final String MASTER = "SHOW MASTER STATUS:";
    private static final String AFTER_MARK = "AFTER CONNECTION POOL ESTABLISHED";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final List<String> KEYS = List.of("Log:", "Pos:", "GTID:", "Host:", "Started dump at:",
            "Finished dump at:", "SHOW ");

    /** The file text. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (startedAt != null) {
            sb.append("Started dump at: ").append(TIME.format(startedAt.atZone(ZoneId.systemDefault()))).append('\n');
        }
        if (location != null) {
            section(sb, MASTER, location);
        }
        if (exitSafe != null) {
            section(sb, MASTER + " /* " + AFTER_MARK + " */", exitSafe);
        }
        if (finishedAt != null) {
            sb.append("Finished dump at: ").append(TIME.format(finishedAt.atZone(ZoneId.systemDefault()))).append('\n');
        }
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, Location loc) {
        sb.append(title).append('\n')
                .append("\tLog: ").append(loc.position().file()).append('\n')
                .append("\tPos: ").append(loc.position().pos()).append('\n')
                .append("\tGTID:").append(loc.gtidText()).append("\n\n");
    }

    /** Writes {@code metadata} into {@code dir} atomically (temporary file, then rename). */
    public void write(Path dir) {
        DumpFiles.writeAtomically(dir.resolve(FILE_NAME), format().getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code dir} has a {@code metadata} file. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    /**
     * Reads {@code dir/metadata}.
     *
     * @throws io.dm4j.common.errors.DmException {@link LoadErrors#DUMP_DIR_NOT_FOUND} when the file is missing,
     *                                           {@link LoadErrors#METADATA_INVALID} when it cannot be parsed
     */
    public static DumpMetadata read(Path dir, Flavor flavor) {
        Path file = dir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw LoadErrors.DUMP_DIR_NOT_FOUND.wrap(e, dir, "no `metadata` file");
        } catch (IOException e) {
            throw LoadErrors.METADATA_INVALID.wrap(e, file, e.getMessage());
        }
        return parse(text, flavor, file.toString());
    }

    /**
     * Parses the file text; the GTID sets are read with {@code flavor}. A file without any master section gives a
     * null {@link #location()} (a dump of an upstream without binlog).
     */
    public static DumpMetadata parse(String text, Flavor flavor, String origin) {
        Instant started = null;
        Instant finished = null;
        Location main = null;
        Location after = null;
        Section current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("Started dump at:")) {
                started = time(line.substring("Started dump at:".length()));
            } else if (line.startsWith("Finished dump at:")) {
                finished = time(line.substring("Finished dump at:".length()));
            } else if (line.startsWith("SHOW ")) {
                Location done = current == null ? null : current.location(flavor, origin);
                if (current != null && current.after) {
                    after = done;
                } else if (current != null && current.master) {
                    main = done;
                }
                current = new Section(line.startsWith(MASTER), line.contains(AFTER_MARK));
            } else if (current != null) {
                if (line.startsWith("Log:")) {
                    current.file = line.substring(4).trim();
                } else if (line.startsWith("Pos:")) {
                    current.pos = line.substring(4).trim();
                } else if (line.startsWith("GTID:")) {
                    StringBuilder gtid = new StringBuilder(line.substring(5).trim());
                    // MySQL prints long GTID sets over several lines ("uuid:1-5,\nuuid2:1-3")
                    while (i + 1 < lines.length && continuation(lines[i + 1])) {
                        gtid.append(lines[++i].trim());
                    }
                    current.gtid = gtid.toString();
                }
            }
        }
        if (current != null) {
            Location done = current.location(flavor, origin);
            if (current.after) {
                after = done;
            } else if (current.master) {
                main = done;
            }
        }
        return new DumpMetadata(started, main, after, finished);
    }

    private static boolean continuation(String line) {
        String t = line.trim();
        if (t.isEmpty()) {
            return false;
        }
        for (String k : KEYS) {
            if (t.startsWith(k)) {
                return false;
            }
        }
        return true;
    }

    private static Instant time(String text) {
        try {
            return LocalDateTime.parse(text.trim(), TIME).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            return null; // informational only
        }
    }

    /** One {@code SHOW ... STATUS:} block while it is being read. */
    private static final class Section {
        final boolean master;
        final boolean after;
        String file;
        String pos;
        String gtid = "";

        Section(boolean master, boolean after) {
            this.master = master;
            this.after = after;
        }

        Location location(Flavor flavor, String origin) {
            if (!master) {
                return null;
            }
            if (file == null || file.isEmpty() || pos == null) {
                throw LoadErrors.METADATA_INVALID.error(origin, "a SHOW MASTER STATUS section lacks `Log:` or `Pos:`");
            }
            long p;
            try {
                p = Long.parseLong(pos);
            } catch (NumberFormatException e) {
                throw LoadErrors.METADATA_INVALID.error(origin, "`Pos: " + pos + "` is not a number");
            }
            GtidSet set;
            try {
                set = gtid.isEmpty() ? null : GtidSet.parse(flavor, gtid);
            } catch (IllegalArgumentException e) {
                throw LoadErrors.METADATA_INVALID.wrap(e, origin, "`GTID:" + gtid + "` is not a " + flavor.label()
                        + " GTID set");
            }
            return new Location(new BinlogPosition(file, p), set);
        }
    }
}
