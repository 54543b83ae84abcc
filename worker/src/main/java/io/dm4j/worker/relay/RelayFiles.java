package io.dm4j.worker.relay;

import io.dm4j.common.position.BinlogPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The binlog files of a relay directory in reading order: sub-directories in the order of {@code server-uuid.index},
 * inside each the files by their numeric suffix. Only names shaped like binlog files ({@code base.NNNNNN}) count;
 * {@code relay.meta} and anything else is never a purge candidate.
 */
public record RelayFiles(Path relayDir, List<String> subDirs, List<RelayFile> files) {

    /** One relay binlog file. {@code order} is the position of its sub-directory in the index. */
    public record RelayFile(String subDir, int order, String name, Path path, long size, Instant modified) {
        BinlogPosition start() {
            return new BinlogPosition(name, BinlogPosition.FIRST_EVENT_POS);
        }

        /** Whether this file comes before {@code other} in reading order. */
        boolean before(RelayFile other) {
            return ORDER.compare(this, other) < 0;
        }

        @Override
        public String toString() {
            return subDir + "/" + name;
        }
    }

    static final String INDEX = "server-uuid.index";
    private static final Pattern BINLOG_NAME = Pattern.compile(".+\\.\\d+");
    static final Comparator<RelayFile> ORDER = Comparator.comparingInt(RelayFile::order)
            .thenComparing(RelayFile::start);

    public RelayFiles {
        subDirs = List.copyOf(subDirs);
        files = files.stream().sorted(ORDER).toList();
    }

    /** Reads the index and lists the files; an absent relay directory or index has no files. */
    public static RelayFiles scan(Path relayDir) {
        try {
            Path index = relayDir.resolve(INDEX);
            if (!Files.isRegularFile(index)) {
                return new RelayFiles(relayDir, List.of(), List.of());
            }
            List<String> subDirs = Files.readAllLines(index).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            List<RelayFile> files = new ArrayList<>();
            for (int i = 0; i < subDirs.size(); i++) {
                Path dir = relayDir.resolve(subDirs.get(i));
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> list = Files.list(dir)) {
                    for (Path p : list.toList()) {
                        String name = p.getFileName().toString();
                        if (!BINLOG_NAME.matcher(name).matches() || !Files.isRegularFile(p)) {
                            continue;
                        }
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        files.add(new RelayFile(subDirs.get(i), i, name, p, a.size(), a.lastModifiedTime().toInstant()));
                    }
                }
            }
            return new RelayFiles(relayDir, subDirs, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the relay directory " + relayDir, e);
        }
    }

    /** The newest sub-directory (the one being written), or "" when there is none. */
    public String newestSubDir() {
        return subDirs.isEmpty() ? "" : subDirs.get(subDirs.size() - 1);
    }

    /** The files of one sub-directory, in order. */
    public List<RelayFile> in(String subDir) {
        return files.stream().filter(f -> f.subDir().equals(subDir)).toList();
    }

    /** The last file in reading order: the one the relay writes (or wrote last). */
    public RelayFile last() {
        return files.isEmpty() ? null : files.get(files.size() - 1);
    }
}
