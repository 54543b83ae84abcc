package io.dm4j.master.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.errors.MasterErrors;
import io.dm4j.proto.ProtoJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import io.dm4j.common.files.PrivateFiles;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's state on disk, crash-safe: an append-only command log ({@code wal.log}) that is fsynced before a
 * command takes effect, plus a snapshot ({@code snapshot.json}) written atomically (temporary file, fsync, rename,
 * fsync of the directory) every {@code snapshotEvery} commands, after which the log starts over.
 *
 * <p>Log line: {@code <index> <crc32 of json, 8 hex> <command json>\n}. On open the snapshot is loaded and the log
 * replayed; a torn last line (a crash in the middle of a write) is cut off, damage anywhere else stops the master.
 * A lock file keeps a second master off the same data-dir.
 */
public final class StateStore implements ClusterStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    static final String LOG_FILE = "wal.log";
    static final String SNAPSHOT_FILE = "snapshot.json";
    private static final ObjectMapper JSON = ProtoJson.mapper();

    private final Path dir;
    private final int snapshotEvery;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private FileChannel log;
    private volatile ClusterState state;
    private int sinceSnapshot;

    private StateStore(Path dir, int snapshotEvery, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.snapshotEvery = snapshotEvery;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) the state in {@code dir} and replays it. */
    public static StateStore open(Path dir, int snapshotEvery) {
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be at least 1");
        }
        try {
            // the data-dir holds every source and task file, passwords included: owner only
            PrivateFiles.createDirectories(dir);
            PrivateFiles.restrictFilesIn(dir);
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "create", dir);
        }
        FileChannel lockChannel;
        FileLock lock;
        try {
            lockChannel = PrivateFiles.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "lock", dir);
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            throw MasterErrors.STATE_LOCKED.error(dir);
        }
        StateStore store = new StateStore(dir, snapshotEvery, lockChannel, lock);
        try {
            store.recover();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public ClusterState state() {
        return state;
    }

    public Path dir() {
        return dir;
    }

    /** Logs and applies one command; returns the new state. */
    @Override
    public ClusterState apply(Command command) {
        return apply(List.of(command));
    }

    /** Logs the commands with one fsync, then applies them; nothing changes if the log cannot be written. */
    @Override
    public synchronized ClusterState apply(List<Command> commands) {
        if (commands.isEmpty()) {
            return state;
        }
        ClusterState next = state;
        StringBuilder lines = new StringBuilder();
        for (Command c : commands) {
            next = StateMachine.apply(next, c);
            lines.append(line(next.index(), c));
        }
        try {
            ByteBuffer buf = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                log.write(buf);
            }
            log.force(false);
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "write", dir.resolve(LOG_FILE));
        }
        state = next;
        sinceSnapshot += commands.size();
        if (sinceSnapshot >= snapshotEvery) {
            snapshot();
        }
        return next;
    }

    /** Writes a snapshot of the current state and empties the log. */
    public synchronized void snapshot() {
        Path tmp = dir.resolve(SNAPSHOT_FILE + ".tmp");
        Path target = dir.resolve(SNAPSHOT_FILE);
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state);
            try (FileChannel ch = PrivateFiles.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
            // Entries up to the snapshot's index are skipped on replay, so a crash before this truncation is harmless.
            log.truncate(0);
            log.force(true);
            sinceSnapshot = 0;
            LOG.debug("state snapshot at index {} written to {}", state.index(), target);
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "write a snapshot of", dir);
        }
    }

    private void recover() {
        try {
            Files.deleteIfExists(dir.resolve(SNAPSHOT_FILE + ".tmp"));
            ClusterState s = ClusterState.EMPTY;
            Path snap = dir.resolve(SNAPSHOT_FILE);
            if (Files.exists(snap)) {
                try {
                    s = JSON.readValue(snap.toFile(), ClusterState.class);
                } catch (IOException e) {
                    throw MasterErrors.STATE_CORRUPT.wrap(e, snap, "the snapshot cannot be read");
                }
            }
            Path logPath = dir.resolve(LOG_FILE);
            log = PrivateFiles.open(logPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            byte[] bytes = Files.readAllBytes(logPath);
            int replayed = 0;
            int pos = 0;
            while (pos < bytes.length) {
                int nl = indexOf(bytes, (byte) '\n', pos);
                String text = new String(bytes, pos, (nl < 0 ? bytes.length : nl) - pos, StandardCharsets.UTF_8);
                Entry e = nl < 0 ? null : parse(text);
                if (e == null) {
                    boolean last = nl < 0 || nl == bytes.length - 1;
                    if (!last) {
                        throw MasterErrors.STATE_CORRUPT.error(logPath, "unreadable record at byte " + pos);
                    }
                    LOG.warn("cutting off a torn record at the end of {} (byte {}): the master stopped while writing it", logPath, pos);
                    log.truncate(pos);
                    log.force(true);
                    break;
                }
                if (e.index > s.index()) {
                    if (e.index != s.index() + 1) {
                        throw MasterErrors.STATE_CORRUPT.error(logPath, "record " + e.index + " follows state " + s.index());
                    }
                    s = StateMachine.apply(s, e.command);
                    replayed++;
                }
                pos = nl + 1;
            }
            log.position(log.size());
            state = s;
            sinceSnapshot = replayed;
            LOG.info("master state loaded from {}: index {}, {} commands replayed, {} workers, {} sources, {} tasks",
                    dir, s.index(), replayed, s.workers().size(), s.sources().size(), s.tasks().size());
        } catch (IOException e) {
            throw MasterErrors.STATE_IO.wrap(e, "read", dir);
        }
    }

    private record Entry(long index, Command command) {
    }

    private static Entry parse(String line) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        if (b < 0) {
            return null;
        }
        try {
            long index = Long.parseLong(line.substring(0, a));
            String json = line.substring(b + 1);
            if (!line.substring(a + 1, b).equals(crc(json))) {
                return null;
            }
            return new Entry(index, JSON.readValue(json, Command.class));
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }

    private static String line(long index, Command c) {
        try {
            String json = JSON.writeValueAsString(c);
            return index + " " + crc(json) + " " + json + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + c, e);
        }
    }

    private static String crc(String json) {
        CRC32 crc = new CRC32();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString()); // not supported everywhere; the rename is durable on Linux after this
        }
    }

    @Override
    public synchronized void close() {
        if (log != null) {
            closeQuietly(log);
            log = null;
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("releasing the data-dir lock: {}", e.toString());
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("close: {}", e.toString());
        }
    }

}
