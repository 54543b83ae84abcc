package io.dm4j.worker.sync.stream;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.TransactionPayloadEventData;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL 8.0.20+ TRANSACTION_PAYLOAD events ({@code binlog_transaction_compression=ON}): one event that holds a whole
 * transaction (BEGIN, table maps, rows, XID; the GTID event comes before it, outside). The sync unit handles the
 * inner events as if they had arrived one by one.
 */
public final class TransactionPayloads {
    private TransactionPayloads() {
    }

    /**
     * The inner events of {@code payload}, in order. They have no binlog position of their own, so each stands at
     * the payload's end; only the last may end the transaction, and only when the payload does.
     */
    public static List<StreamEvent> expand(StreamEvent payload) {
        List<Event> inner = ((TransactionPayloadEventData) payload.event().getData()).getUncompressedEvents();
        List<StreamEvent> out = new ArrayList<>(inner.size());
        for (int i = 0; i < inner.size(); i++) {
            out.add(new StreamEvent(inner.get(i), payload.location(),
                    payload.transactionEnd() && i == inner.size() - 1));
        }
        return out;
    }
}
