package io.dm4j.worker.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.SubTaskConfig;
import io.dm4j.common.config.TaskConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RelayPurgeErrors;
import io.dm4j.common.position.BinlogPosition;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each kind of subtask needs from the relay, given its stored checkpoint (or none). */
class CheckpointNeedsTest {

    static SubTaskConfig sub(String mode, String meta) {
        String yaml = "name: t1\ntask-mode: " + mode + "\ntarget-database:\n  host: 127.0.0.1\n  port: 3306\n  user: root\n  password: \"\"\n"
                + "mysql-instances:\n  - source-id: src\n" + meta + "    block-allow-list: bal\n"
                + "block-allow-list:\n  bal:\n    do-dbs: [db]\n";
        return TaskConfig.parse(yaml, "t1.yaml").subTask("src");
    }

    static final BinlogPosition CP = new BinlogPosition("up-bin.000004", 120);

    @Test
    void aStoredCheckpointIsWhatTheSubtaskNeeds() {
        assertEquals(Optional.of(new RelayNeed("subtask t1", "", CP)), CheckpointNeeds.of(sub("all", ""), Optional.of(CP)));
        assertEquals(Optional.of(new RelayNeed("subtask t1", "", CP)), CheckpointNeeds.of(sub("incremental",
                "    meta:\n      binlog-name: up-bin.000001\n      binlog-pos: 4\n"), Optional.of(CP)), "the checkpoint wins over meta");
    }

    @Test
    void anIncrementalSubtaskWithoutCheckpointNeedsItsMetaPosition() {
        assertEquals(Optional.of(new RelayNeed("subtask t1", "", new BinlogPosition("up-bin.000002", 4))), CheckpointNeeds.of(
                sub("incremental", "    meta:\n      binlog-name: up-bin.000002\n      binlog-pos: 4\n"), Optional.empty()));
    }

    @Test
    void aSubtaskStillCopyingHasNoKnownNeedAndBlocksPurging() {
        DmException e = assertThrows(DmException.class, () -> CheckpointNeeds.of(sub("all", ""), Optional.empty()));
        assertEquals(RelayPurgeErrors.NEED_UNKNOWN, e.code());
        assertTrue(e.getMessage().contains("subtask t1"), e.getMessage());
        assertTrue(e.getMessage().contains("full copy"), e.getMessage());
    }

    @Test
    void aFullOnlySubtaskReadsNoBinlog() {
        assertEquals(Optional.empty(), CheckpointNeeds.of(sub("full", ""), Optional.empty()));
    }

    @Test
    void theEarliestNeedIsTheSmallestPosition() {
        RelayNeed a = new RelayNeed("subtask a", "", new BinlogPosition("up-bin.000010", 4));
        RelayNeed b = new RelayNeed("subtask b", "", new BinlogPosition("up-bin.000009", 900));
        assertEquals(Optional.of(b), CheckpointNeeds.earliest(List.of(a, b)));
        assertEquals(Optional.empty(), CheckpointNeeds.earliest(List.of()));
    }
}
