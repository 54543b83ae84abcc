package io.dm4j.worker.sync.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.shyiko.mysql.binlog.network.ServerException;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorCode;
import io.dm4j.common.errors.StreamErrors;
import io.dm4j.common.position.Flavor;
import io.dm4j.common.position.GtidSet;
import io.dm4j.common.position.Location;
import java.io.EOFException;
import java.net.SocketException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The server messages below are the texts MySQL 5.7/8.0 and MariaDB 10.x send for these conditions. */
class StreamFailuresTest {
    private static final StreamSettings MYSQL = new StreamSettings("db", 3306, "dm", "secret", 4242, Flavor.MYSQL, true,
            null, null, null, null);
    private static final Location AT = Location.of("mysql-bin.000007", 1234)
            .withGtid(GtidSet.parse(Flavor.MYSQL, "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42"));

    private static DmException classify(Exception e) {
        return StreamFailures.classify(e, MYSQL, AT, () -> "mysql-bin.000005");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1236|Could not find first log file name in binary log index file|BINLOG_PURGED",
        "1236|The slave is connecting using CHANGE MASTER TO MASTER_AUTO_POSITION = 1, but the master has purged binary logs containing GTIDs that the slave requires.|BINLOG_PURGED",
        "1236|Cannot replicate because the master purged required binary logs. Replicate the missing transactions from elsewhere, or provision a new slave from backup.|BINLOG_PURGED",
        "1236|Error: connecting slave requested to start from GTID 0-1-99999999, which is not in the master's binlog|BINLOG_PURGED",
        "1236|Could not find GTID state requested by slave in any binlog files. Probably the slave state is too old and required binlog files have been purged.|BINLOG_PURGED",
        "1236|A slave with the same server_uuid/server_id as this slave has connected to the master; the first event 'mysql-bin.000007' at 1234|SERVER_ID_CONFLICT",
        "1236|A slave with the same server_uuid/server_id is already connected; the first event 'up-bin.000001' at 31068|SERVER_ID_CONFLICT",
        "1236|log event entry exceeded max_allowed_packet; Increase max_allowed_packet on master; the first event 'mysql-bin.000007' at 1234|PACKET_TOO_LARGE",
        "1045|Access denied for user 'dm'@'10.0.0.1' (using password: YES)|ACCESS_DENIED",
        "1236|Client requested master to start replication from position > file size|READ_POSITION",
    })
    void serverErrorsAreClassified(int code, String message, String expected) throws Exception {
        DmException e = classify(new ServerException(message, code, "HY000"));
        ErrorCode want = (ErrorCode) StreamErrors.class.getField(expected).get(null);
        assertEquals(want, e.code(), e.getMessage());
        assertFalse(StreamFailures.isFatal(e) == e.retryable());
        assertTrue(StreamFailures.isFatal(e), "server refusals are not retried: " + e.getMessage());
        assertFalse(e.getMessage().contains("secret"), "never the password");
    }

    @Test
    void purgedErrorNamesWhatIsMissingWhatIsLeftAndTheWaysOut() {
        DmException e = classify(new ServerException("Could not find first log file name in binary log index file",
                1236, "HY000"));
        String m = e.getMessage();
        assertTrue(m.contains("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-42"), m);
        assertTrue(m.contains("mysql-bin.000005"), m);
        assertTrue(m.contains("--remove-meta") && m.contains("meta"), m);
    }

    @Test
    void networkFailuresAreRetried() {
        for (Exception ex : new Exception[] {new EOFException(), new SocketException("Connection reset")}) {
            DmException e = classify(ex);
            assertEquals(StreamErrors.CONNECT, e.code());
            assertFalse(StreamFailures.isFatal(e));
        }
    }
}
