package io.dm4j.master.ha;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dm4j.common.files.PrivateFiles;
import io.dm4j.proto.ProtoJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft state machine of the masters: applies committed {@link RaftEntry}s to the {@link ReplicatedState} in log
 * order (Ratis calls it from one thread), and writes/loads snapshots as JSON files that Ratis also ships to a master
 * too far behind for the log. Ratis takes a snapshot every {@code snapshot-every} entries and drops the log before it.
 */
final class MasterStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MasterStateMachine.class);
    private static final ObjectMapper JSON = ProtoJson.mapper();

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Consumer<RaftPeerId> leaderChanged;
    private volatile ReplicatedState state = ReplicatedState.EMPTY;

    MasterStateMachine(Consumer<RaftPeerId> leaderChanged) {
        this.leaderChanged = leaderChanged;
    }

    ReplicatedState state() {
        return state;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            storage.init(raftStorage);
            load(storage.loadLatestSnapshot());
        });
    }

    /** Ratis pauses the machine before it installs a snapshot from the leader, then calls {@link #reinitialize()}. */
    @Override
    public synchronized void pause() {
        if (getLifeCycle().getCurrentState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public synchronized void reinitialize() throws IOException {
        // after a snapshot was installed from the leader
        if (getLifeCycle().getCurrentState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
        }
        load(storage.loadLatestSnapshot());
        if (getLifeCycle().getCurrentState() == LifeCycle.State.STARTING) {
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private void load(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        state = JSON.readValue(file, ReplicatedState.class);
        updateLastAppliedTermIndex(snapshot.getTermIndex());
        LOG.info("master state loaded from snapshot {} (Raft index {}): cluster index {}, {} sources, {} tasks", file.getName(),
                snapshot.getIndex(), state.cluster().index(), state.cluster().sources().size(), state.cluster().tasks().size());
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        try {
            RaftEntry e = JSON.readValue(entry.getStateMachineLogEntry().getLogData().toByteArray(), RaftEntry.class);
            state = state.apply(e);
        } catch (IOException | RuntimeException ex) {
            // every master reads the same bytes: failing here would stop them all, so log loudly and go on
            LOG.error("Raft entry {} cannot be applied and is skipped: {}", entry.getIndex(), ex.toString());
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        ReplicatedState s = state; // applied on this thread: consistent with `last`
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File tmp = new File(target.getPath() + ".tmp");
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s);
        try (var ch = PrivateFiles.open(tmp.toPath(), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            var buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        Files.move(tmp.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        var md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), last));
        LOG.info("master state snapshot at Raft index {} (cluster index {})", last.getIndex(), s.cluster().index());
        return last.getIndex();
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeader) {
        leaderChanged.accept(newLeader);
    }
}
