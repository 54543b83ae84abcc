package io.dm4j.worker.sync.operator;

import io.dm4j.common.position.BinlogPosition;
import java.util.List;

/** Where a subtask's pending operators survive a worker restart. */
public interface OperatorStore extends AutoCloseable {
    List<BinlogOperator> load();

    /** Adds the operator, replacing one at the same position. */
    void put(BinlogOperator op);

    void remove(BinlogPosition position);

    /** Where the operators are kept, for messages. */
    String describe();

    @Override
    void close();
}
