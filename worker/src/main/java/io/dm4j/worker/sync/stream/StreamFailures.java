package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.network.AuthenticationException;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.Location;
import java.util.Locale;
import java.util.function.Supplier;

/** Turns what the binlog connection reports into typed errors: fatal ones stop the stream, others are retried. */
final class StreamFailures {
    private static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;

    private StreamFailures() {
    }

    /**
     * @param oldestBinlog lazily asks the upstream for its oldest binlog (only needed for the purged case)
     */
    static DmException classify(Exception failure, StreamSettings settings, Location resumeFrom, Supplier<String> oldestBinlog) {
        String msg = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String lower = msg.toLowerCase(Locale.ROOT);
        if (failure instanceof AuthenticationException
                || (failure instanceof ServerException se && (se.getErrorCode() == 1045 || se.getErrorCode() == 1227))) {
            return StreamErrors.ACCESS_DENIED.wrap(failure, settings.user() + "@" + settings.address(), msg);
        }
        if (lower.contains("same server_uuid/server_id") || lower.contains("same server_id")) {
            return StreamErrors.SERVER_ID_CONFLICT.wrap(failure, settings.serverId(), msg);
        }
        if (lower.contains("max_allowed_packet")) {
            return StreamErrors.PACKET_TOO_LARGE.wrap(failure, msg);
        }
        boolean fatalRead = failure instanceof ServerException se && se.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG;
        if (fatalRead && (lower.contains("could not find first log file")
                || lower.contains("could not find next log") || lower.contains("purged")
                || lower.contains("could not find gtid state") || lower.contains("which is not in the master's binlog")
                || lower.contains("could not open log file") || lower.contains("file not found"))) {
            String wanted = settings.gtidMode() && resumeFrom.gtidSet() != null
                    ? "GTID set " + resumeFrom.gtidText() + " (at " + resumeFrom.position() + ")"
                    : resumeFrom.position().toString();
            return StreamErrors.BINLOG_PURGED.wrap(failure, wanted, msg, oldestBinlog.get());
        }
        if (fatalRead) {
            // Other 1236 errors (corrupt event, bad position) will not heal by retrying the same point.
            return StreamErrors.READ_POSITION.wrap(failure, resumeFrom, msg);
        }
        return StreamErrors.CONNECT.wrap(failure, settings.address(), msg);
    }

    /** Whether the stream should stop instead of reconnecting. */
    static boolean isFatal(DmException e) {
        return !e.retryable();
    }
}
