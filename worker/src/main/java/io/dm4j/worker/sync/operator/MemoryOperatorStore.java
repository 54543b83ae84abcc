package io.dm4j.worker.sync.operator;

import io.dm4j.common.position.BinlogPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Operators kept in memory only: for a sync unit run outside a worker (standalone runs, tests). */
public final class MemoryOperatorStore implements OperatorStore {
    private final Map<BinlogPosition, BinlogOperator> ops = new TreeMap<>();

    @Override
    public synchronized List<BinlogOperator> load() {
        return new ArrayList<>(ops.values());
    }

    @Override
    public synchronized void put(BinlogOperator op) {
        ops.put(op.position(), op);
    }

    @Override
    public synchronized void remove(BinlogPosition position) {
        ops.remove(position);
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
