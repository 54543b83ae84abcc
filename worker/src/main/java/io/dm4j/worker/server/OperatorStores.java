package io.dm4j.worker.server;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.worker.db.Downstream;
import io.dm4j.worker.db.DownstreamConfig;
import io.dm4j.worker.sync.operator.BinlogOperators;
import io.dm4j.worker.sync.operator.JdbcOperatorStore;
import java.time.ZoneOffset;

/** The pending binlog operators of a subtask, kept in its downstream's meta-schema. */
final class OperatorStores {
    private OperatorStores() {
    }

    static BinlogOperators forSubtask(SubTaskConfig sub) {
        JdbcOperatorStore store = new JdbcOperatorStore(
                () -> Downstream.open(DownstreamConfig.forTask(sub, ZoneOffset.UTC, 1), sub.name() + "-" + sub.sourceId() + "-operators"),
                sub.metaSchema(), sub.name(), sub.sourceId());
        return new BinlogOperators(sub.name(), sub.sourceId(), store);
    }
}
