package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.event.EventType;
import io.dm4j.common.errors.SyncErrors;
import io.dm4j.common.position.BinlogPosition;
import io.dm4j.common.position.Location;
import io.dm4j.worker.db.Upstream;
import io.dm4j.worker.sync.decode.BinlogDeserializers;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds where to start for {@code start-task --start-time T}: the first transaction boundary whose events carry a
 * timestamp at or after T (DM's semantics). It reads the binlog files from the newest one whose first transaction
 * is not after T; when every file starts after T, the oldest file's start is used.
 */
public final class BinlogTimeLocator {
    private final Upstream upstream;
    private final StreamSettings settings;

    public BinlogTimeLocator(Upstream upstream, StreamSettings settings) {
        this.upstream = upstream;
        this.settings = settings;
    }

    public Location locate(Instant startTime) {
        List<String> files;
        BinlogPosition end;
        try {
            files = upstream.binaryLogs();
            end = upstream.masterStatus().orElseThrow(() -> SyncErrors.NO_START_POSITION.error(settings.address(),
                    "binary logging is off"));
        } catch (SQLException e) {
            throw SyncErrors.NO_START_POSITION.wrap(e, settings.address(), e.getMessage());
        }
        long t = startTime.getEpochSecond();
        for (int i = files.size() - 1; i >= 0; i--) {
            Location found = scan(files.get(i), t, end, i == 0);
            if (found != null) {
                return found;
            }
        }
        return Location.of(files.get(0), BinlogPosition.FIRST_EVENT_POS);
    }

    /**
     * Scans {@code file} from its start. Returns the boundary before the first transaction stamped at or after
     * {@code t}; the start of the next file when every transaction of this one is earlier; or null when the file's
     * first transaction is already at or after {@code t} and an older file exists (the point may lie there).
     */
    private Location scan(String file, long t, BinlogPosition end, boolean oldest) {
        StreamSettings probe = new StreamSettings(settings.host(), settings.port(), settings.user(), settings.password(),
                settings.serverId(), settings.flavor(), false, settings.heartbeatInterval(), settings.connectTimeout(),
                settings.initialBackoff(), settings.initialBackoff(), settings.tls());
        Location boundary = Location.of(file, BinlogPosition.FIRST_EVENT_POS);
        boolean first = true;
        try (BinlogStream s = new BinlogStream(probe, BinlogDeserializers::create, x -> file)) {
            s.start(boundary);
            while (true) {
                StreamEvent ev = s.poll(5, TimeUnit.SECONDS);
                if (ev == null) {
                    return boundary; // the live end of the binlog: start there
                }
                if (!ev.location().position().file().equals(file)) {
                    return Location.of(ev.location().position().file(), BinlogPosition.FIRST_EVENT_POS);
                }
                EventType type = ev.event().getHeader().getEventType();
                boolean opens = type == EventType.GTID || type == EventType.MARIADB_GTID
                        || type == EventType.QUERY || type == EventType.TABLE_MAP;
                if (opens) {
                    if (ev.event().getHeader().getTimestamp() / 1000 >= t) {
                        return first && !oldest ? null : boundary;
                    }
                    first = false;
                }
                if (ev.transactionEnd() && type != EventType.ROTATE) {
                    boundary = ev.location();
                    if (boundary.position().compareTo(end) >= 0) {
                        return boundary;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SyncErrors.NO_START_POSITION.wrap(e, settings.address(), "interrupted");
        }
    }
}
