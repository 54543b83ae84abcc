package io.dm4j.worker.relay;

import com.github.shyiko.mysql.binlog.event.Event;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayErrors;
import io.dm4j.common.files.PrivateFiles;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.metrics.RelayObserver;
import io.dm4j.worker.sync.stream.PositionTracker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends upstream events, byte for byte, to the relay files of one sub-directory. Used by one thread (the relay's
 * binlog client thread).
 *
 * <p>Files are cut exactly where the upstream cut them: a real ROTATE event ends a file, and the next file, named by
 * it, starts with the 4-byte magic header and the upstream's FORMAT_DESCRIPTION. Events the sender makes up (the fake
 * rotate at connect, heartbeats, a format description resent mid-file) are never written. Each event must start
 * where the file ends (its end position minus its length): an event already on disk with the same bytes is passed
 * over (a resend after a reconnect), anything else is a coded gap or overlap error.
 *
 * <p>Durability order: bytes are written, then {@link #sync()} forces them to disk, then relay.meta is replaced with
 * the last transaction end written. So the meta is never ahead of the file; after a crash {@link #recover} cuts a
 * torn last event and the relay continues at the end of the last complete event.
 */
public final class RelayWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayWriter.class);

    private final RelayLayout layout;
    private final String subDir;
    private final RelayNotifier notifier;
    private final Clock clock;
    private final Duration syncEvery;
    private final BoundaryDecoder decoder = new BoundaryDecoder();
    private final RelayObserver observer;

    private String file;
    private FileChannel ch;
    private long size;
    private String nextFile; // named by the real ROTATE that ended the last file
    private PositionTracker tracker;
    private Location lastTransactionEnd;
    private RelayMeta storedMeta;
    private boolean dirty;
    private long lastSync;
    private volatile Location written;
    private volatile BinlogPosition end;

    public RelayWriter(RelayLayout layout, String subDir, RelayNotifier notifier, Clock clock, Duration syncEvery) {
        this(layout, subDir, notifier, clock, syncEvery, new RelayObserver());
    }

    /** @param observer measures each event write ({@code dm_relay_write_duration}, {@code dm_relay_write_size}) */
    public RelayWriter(RelayLayout layout, String subDir, RelayNotifier notifier, Clock clock, Duration syncEvery,
                       RelayObserver observer) {
        this.observer = observer;
        this.layout = layout;
        this.subDir = subDir;
        this.notifier = notifier;
        this.clock = clock;
        this.syncEvery = syncEvery;
    }

    public String subDir() {
        return subDir;
    }

    /** Where the relay continues: the end of the last complete event written; empty when nothing is. */
    public Optional<BinlogPosition> end() {
        return Optional.ofNullable(end);
    }

    /** The last transaction end on disk with its GTID set (status); null before the first. */
    public Location written() {
        return written;
    }

    /**
     * Opens the last file of the sub-directory, cuts a torn or zero-filled last event (after kill -9 or a power
     * loss) and replays the file from relay.meta to learn the GTID set at its end.
     *
     * @param gtidFlavor      the flavor of the GTID sets the relay tracks; null in file/position mode
     * @param gtidAtFileStart the GTID set before a file (from the upstream), used when there is no usable meta
     * @return where the relay continues; empty when the sub-directory has no file yet
     */
    public Optional<BinlogPosition> recover(io.dm4j.common.position.Flavor gtidFlavor,
                                            java.util.function.Function<String, io.dm4j.common.position.GtidSet> gtidAtFileStart) {
        List<String> files = layout.binlogFiles(subDir);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String lastFile = files.get(files.size() - 1);
        try {
            long valid = validEnd(lastFile);
            Path p = layout.file(subDir, lastFile);
            long actual = Files.size(p);
            try (FileChannel c = FileChannel.open(p, StandardOpenOption.WRITE)) {
                if (valid < RawEvents.MAGIC.length) {
                    c.truncate(0);
                    c.write(ByteBuffer.wrap(RawEvents.MAGIC), 0);
                    valid = RawEvents.MAGIC.length;
                    c.force(true);
                } else if (actual > valid) {
                    LOG.warn("relay file {} ends with {} bytes of an incomplete event (the worker stopped while writing"
                            + " it); cut at {}, the relay continues from there", p, actual - valid, valid);
                    c.truncate(valid);
                    c.force(true);
                }
            }
            storedMeta = layout.readMeta(subDir).orElse(null);
            boolean metaLacksMysqlSet = gtidFlavor == io.dm4j.common.position.Flavor.MYSQL && storedMeta != null
                    && storedMeta.gtidSet().isBlank(); // written before MySQL sets were tracked: learn it again
            Location from = storedMeta != null && !metaLacksMysqlSet && Files.exists(layout.file(subDir, storedMeta.binlogName()))
                    && new BinlogPosition(storedMeta.binlogName(), 4).compareTo(new BinlogPosition(lastFile, 4)) <= 0
                    ? new Location(storedMeta.position(), gtidFlavor == null ? null
                    : io.dm4j.common.position.GtidSet.parse(gtidFlavor, storedMeta.gtidSet()))
                    : new Location(new BinlogPosition(files.get(0), RawEvents.MAGIC.length),
                    gtidFlavor == null ? null : gtidAtFileStart.apply(files.get(0)));
            replay(from, lastFile, valid);
            byte[] lastEvent = lastEventOf(lastFile, valid);
            if (lastEvent != null && RawEvents.type(lastEvent) == RawEvents.ROTATE && !RawEvents.artificial(lastEvent)) {
                // stopped right after the upstream rotated: the next file begins with the next event
                nextFile = RawEvents.rotateTarget(lastEvent, checksumOf(lastFile));
                end = new BinlogPosition(nextFile, RawEvents.MAGIC.length);
                return end();
            }
            openForAppend(lastFile);
            return end();
        } catch (IOException e) {
            throw RelayErrors.WRITE.wrap(e, layout.file(subDir, lastFile), e.toString());
        }
    }

    /** The offset after the last complete, intact event of {@code name}; a damaged event before the last is an error. */
    private long validEnd(String name) throws IOException {
        Path p = layout.file(subDir, name);
        long size = Files.size(p);
        if (size < RawEvents.MAGIC.length) {
            return 0;
        }
        try (RelayReader r = new RelayReader(layout, subDir, name, RawEvents.MAGIC.length).withinSubDir()) {
            while (true) {
                RelayEvent e;
                try {
                    e = r.next();
                } catch (DmException ex) {
                    if (ex.code().code() == RelayErrors.CORRUPT.code() && tailOnly(p, r.position(), size)) {
                        return r.position();
                    }
                    throw ex;
                }
                if (e == null || !e.file().equals(name)) {
                    return r.position();
                }
            }
        }
    }

    /** Whether the damaged event at {@code at} is the file's last: its claimed length reaches the end, or only zeros follow. */
    private static boolean tailOnly(Path p, long at, long size) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(size - at, 1 << 20));
            c.read(b, at);
            byte[] rest = Arrays.copyOf(b.array(), b.position());
            if (rest.length >= RawEvents.HEADER && at + RawEvents.length(rest) == size) {
                return true;
            }
            for (byte x : rest) {
                if (x != 0) {
                    return false;
                }
            }
            return size - at <= rest.length;
        }
    }

    /** The last complete event of {@code name} ending at {@code validEnd}; null when the file has none. */
    private byte[] lastEventOf(String name, long validEnd) {
        byte[] last = null;
        try (RelayReader r = new RelayReader(layout, subDir, name, RawEvents.MAGIC.length).withinSubDir()) {
            for (RelayEvent e = r.next(); e != null && e.file().equals(name) && e.end() <= validEnd; e = r.next()) {
                last = e.raw();
                if (e.end() == validEnd) {
                    break;
                }
            }
        }
        return last;
    }

    private boolean checksumOf(String name) {
        try (RelayReader r = new RelayReader(layout, subDir, name, RawEvents.MAGIC.length).withinSubDir()) {
            r.next();
            byte[] fde = r.formatDescription();
            return fde != null && RawEvents.checksumAlgorithm(fde) == RawEvents.CHECKSUM_CRC32;
        }
    }

    /** Follows the events from {@code from} to {@code end} of {@code lastFile} to know the GTID set at the end. */
    private void replay(Location from, String lastFile, long validEnd) throws IOException {
        tracker = new PositionTracker(from);
        lastTransactionEnd = from;
        try (RelayReader r = new RelayReader(layout, subDir, from.position().file(), from.position().pos())
                .withinSubDir()) {
            boolean primed = false;
            while (true) {
                RelayEvent e = r.next();
                if (e == null) {
                    break;
                }
                if (!primed && e.type() != RawEvents.FORMAT_DESCRIPTION && r.formatDescription() != null) {
                    decoder.decode(r.formatDescription()); // started mid-file: learn the checksum first
                }
                primed = true;
                if (e.type() == RawEvents.FORMAT_DESCRIPTION) {
                    decoder.decode(e.raw());
                    continue;
                }
                Event decoded = decoder.decode(e.raw());
                if (tracker.advance(decoded) | PreviousGtids.apply(tracker, decoded)) {
                    lastTransactionEnd = tracker.location();
                }
                if (e.file().equals(lastFile) && e.end() >= validEnd) {
                    break;
                }
            }
        }
        written = lastTransactionEnd;
    }

    /** The GTID set before the first event when the sub-directory is new (null: file/position mode). */
    public void startTracking(Location from) {
        tracker = new PositionTracker(from);
        lastTransactionEnd = from;
        written = from;
    }

    /**
     * Writes one event received from the upstream (its original bytes, and the event decoded by
     * {@link BoundaryDecoder}).
     */
    public void accept(byte[] raw, Event decoded) {
        try {
            int type = RawEvents.type(raw);
            if (type == RawEvents.ROTATE) {
                onRotate(raw, decoded);
                return;
            }
            if (type == RawEvents.FORMAT_DESCRIPTION) {
                onFormatDescription(raw, decoded);
                return;
            }
            if (RawEvents.artificial(raw)) {
                maybeSync();
                return; // heartbeat, fake GTID list: not in the upstream file
            }
            if (!appendAtItsPosition(raw)) {
                return;
            }
            if (tracker != null && (tracker.advance(decoded) | PreviousGtids.apply(tracker, decoded))) {
                lastTransactionEnd = tracker.location();
                dirty = true;
            }
            notifier.signal();
            maybeSync();
        } catch (IOException e) {
            throw RelayErrors.WRITE.wrap(e, file == null ? layout.subDir(subDir) : layout.file(subDir, file), e.toString());
        }
    }

    private void onRotate(byte[] raw, Event decoded) throws IOException {
        // the decoded rotate: a fake rotate may carry a checksum before the relay knows the file's setting
        com.github.shyiko.mysql.binlog.event.RotateEventData d = decoded.getData();
        String target = d.getBinlogFilename();
        long targetPos = d.getBinlogPosition();
        if (!RawEvents.artificial(raw)) {
            // a real ROTATE: the last event of the upstream file; the next file starts with the next event
            appendAtItsPosition(raw);
            BinlogPosition endOfFile = new BinlogPosition(file, size);
            if (tracker != null) {
                tracker.advance(decoded);
                // recorded in the file that holds it: relay.meta never names a file that is not on disk yet
                lastTransactionEnd = new Location(endOfFile, tracker.location().gtidSet());
            }
            nextFile = target;
            sync();
            closeFile();
            end = new BinlogPosition(target, targetPos);
            notifier.signal();
            return;
        }
        if (target.equals(file)) {
            if (targetPos != size) {
                throw (targetPos > size ? RelayErrors.GAP : RelayErrors.OVERLAP).error(layout.subDir(subDir),
                        "the upstream continues " + file + " at " + targetPos + " but the relay file ends at " + size);
            }
            return;
        }
        String expected = nextFile != null ? nextFile : file != null ? RawEvents.successor(file) : null;
        if (expected != null && !target.equals(expected)) {
            throw RelayErrors.GAP.error(layout.subDir(subDir), "the relay file after " + (file != null ? file : "the last one")
                    + " must be " + expected + ", but the upstream continues with " + target + ":" + targetPos);
        }
        if (targetPos > RawEvents.MAGIC.length && !Files.exists(layout.file(subDir, target))) {
            throw RelayErrors.GAP.error(layout.subDir(subDir), "the upstream starts " + target + " at " + targetPos
                    + "; relay files must begin at offset 4");
        }
        if (file != null) {
            sync();
            closeFile();
        }
        openOrCreate(target);
        if (tracker == null) {
            startTracking(new Location(new BinlogPosition(target, targetPos), null)); // file/position mode
        }
        tracker.advance(decoded);
        notifier.signal();
    }

    private void onFormatDescription(byte[] raw, Event decoded) throws IOException {
        decoder.decode(raw);
        if (file == null && nextFile != null) {
            openOrCreate(nextFile);
        }
        if (file == null) {
            throw RelayErrors.GAP.error(layout.subDir(subDir), "a FORMAT_DESCRIPTION event arrived before any ROTATE event");
        }
        boolean atStart = RawEvents.logPos(raw) == RawEvents.MAGIC.length + raw.length;
        if (size == RawEvents.MAGIC.length && atStart) {
            write(raw);
            notifier.signal();
        }
        // otherwise: the description resent for a start in the middle of a file; the file already has its own
    }

    /** Appends {@code raw} when it starts where the file ends; false when it is already on disk. */
    private boolean appendAtItsPosition(byte[] raw) throws IOException {
        if (ch == null) {
            throw RelayErrors.GAP.error(layout.subDir(subDir), "an event arrived after the end of " + nextFile
                    + " before the next file began");
        }
        long start = RawEvents.logPos(raw) - raw.length;
        if (start == size) {
            write(raw);
            return true;
        }
        if (start < size && start >= RawEvents.MAGIC.length) {
            ByteBuffer b = ByteBuffer.allocate(raw.length);
            ch.read(b, start);
            if (b.position() == raw.length && Arrays.equals(b.array(), raw)) {
                return false; // sent again after a reconnect; already here
            }
            throw RelayErrors.OVERLAP.error(layout.file(subDir, file), "the upstream event at " + start
                    + " differs from the bytes the relay file holds there");
        }
        throw (start > size ? RelayErrors.GAP : RelayErrors.OVERLAP).error(layout.file(subDir, file),
                "the upstream event starts at " + start + " but the relay file ends at " + size);
    }

    private void write(byte[] raw) throws IOException {
        long started = System.nanoTime();
        ByteBuffer b = ByteBuffer.wrap(raw);
        while (b.hasRemaining()) {
            ch.write(b, size + b.position());
        }
        observer.written(raw.length, System.nanoTime() - started);
        size += raw.length;
        end = new BinlogPosition(file, size);
    }

    private void openOrCreate(String name) throws IOException {
        Path p = layout.file(subDir, name);
        if (!Files.exists(p)) {
            try (FileChannel c = PrivateFiles.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                c.write(ByteBuffer.wrap(RawEvents.MAGIC), 0);
                c.force(true);
            }
            RelayLayout.syncDirectory(p.getParent());
            LOG.info("relay file {} started", p);
        }
        openForAppend(name);
        nextFile = null;
    }

    private void openForAppend(String name) throws IOException {
        Path p = layout.file(subDir, name);
        ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.READ);
        file = name;
        size = ch.size();
        end = new BinlogPosition(file, size);
        if (size > RawEvents.MAGIC.length) {
            try (RelayReader r = new RelayReader(layout, subDir, name, size).withinSubDir()) {
                r.next();
                byte[] fde = r.formatDescription();
                if (fde != null) {
                    decoder.decode(fde);
                }
            }
        }
    }

    /** Called when no event came for a while: makes what was written durable and records it. */
    public void tick() {
        try {
            maybeSync();
        } catch (IOException e) {
            throw RelayErrors.WRITE.wrap(e, file == null ? layout.subDir(subDir) : layout.file(subDir, file), e.toString());
        }
    }

    private void maybeSync() throws IOException {
        if (dirty && clock.millis() - lastSync >= syncEvery.toMillis()) {
            sync();
        }
    }

    /** Forces the written bytes to disk, then records the last transaction end in relay.meta (in that order). */
    public void sync() throws IOException {
        if (ch != null) {
            ch.force(false);
        }
        lastSync = clock.millis();
        dirty = false;
        Location at = lastTransactionEnd;
        if (at == null) {
            return;
        }
        written = at; // the bytes are on disk: status may show it before relay.meta does, never after
        RelayMeta meta = new RelayMeta(at.position().file(), at.position().pos(), at.gtidText());
        if (!meta.equals(storedMeta)) {
            layout.writeMeta(subDir, meta);
            storedMeta = meta;
        }
    }

    private void closeFile() throws IOException {
        if (ch != null) {
            ch.close();
            ch = null;
        }
        file = null;
        size = 0;
    }

    @Override
    public void close() {
        try {
            sync();
            if (ch != null) {
                ch.close();
                ch = null;
            }
        } catch (IOException e) {
            LOG.warn("closing relay file {} failed: {}", file, e.toString());
        }
    }
}
