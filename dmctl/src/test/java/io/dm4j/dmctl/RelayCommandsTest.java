package io.dm4j.dmctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.message.MasterMethods;
import io.dm4j.proto.message.OperateRelayRequest;
import io.dm4j.proto.message.OperateTaskResponse;
import io.dm4j.proto.message.PurgeRelayRequest;
import io.dm4j.proto.message.SourceResult;
import io.dm4j.proto.message.SourcesResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** start-relay, stop-relay, pause-relay, resume-relay and purge-relay against a stand-in master: arguments and requests. */
class RelayCommandsTest {
    StandInMaster master;

    @BeforeEach
    void startMaster() {
        master = new StandInMaster()
                .on(MasterMethods.OPERATE_RELAY, r -> new OperateTaskResponse(r.op(), true, "", List.of(SourceResult.ok(r.sources().get(0), "w1"))))
                .on(MasterMethods.PURGE_RELAY, r -> new SourcesResponse(false, "", List.of(SourceResult.failed(r.source(), "w1", "needed by subtask t1"))))
                .start();
    }

    @AfterEach
    void stopMaster() {
        master.close();
    }

    @Test
    void stageCommandsSendDmsRelayOpWithSourcesAndWorkers() {
        assertEquals(0, master.run("start-relay", "-s", "s1"));
        OperateRelayRequest r = (OperateRelayRequest) master.lastRequest();
        assertEquals("StartRelay", r.op());
        assertEquals(List.of("s1"), r.sources());
        assertEquals(List.of(), r.workers());
        assertTrue(master.text().contains("\"op\": \"StartRelay\""), master.text());

        assertEquals(0, master.run("stop-relay", "-s", "s1", "w1", "w2"));
        r = (OperateRelayRequest) master.lastRequest();
        assertEquals("StopRelay", r.op());
        assertEquals(List.of("w1", "w2"), r.workers());

        assertEquals(0, master.run("pause-relay", "-s", "s1", "-s", "s2"));
        r = (OperateRelayRequest) master.lastRequest();
        assertEquals("PauseRelay", r.op());
        assertEquals(List.of("s1", "s2"), r.sources());

        assertEquals(0, master.run("resume-relay", "--source", "s2"));
        assertEquals("ResumeRelay", ((OperateRelayRequest) master.lastRequest()).op());
    }

    @Test
    void stageCommandsNeedASourceAndOneSourceWithWorkerNames() {
        assertEquals(1, master.run("start-relay"));
        assertNull(master.lastRequest());
        assertTrue(master.text().contains("must specify at least one source"), master.text());
        assertTrue(master.text().contains("48003"), master.text());

        assertEquals(1, master.run("start-relay", "-s", "s1", "-s", "s2", "w1"));
        assertNull(master.lastRequest());
        assertTrue(master.text().contains("exactly one source"), master.text());

        // pause-relay and resume-relay take no worker names
        assertEquals(2, master.run("pause-relay", "-s", "s1", "w1"));
        assertNull(master.lastRequest());
    }

    @Test
    void purgeRelaySendsFileAndSubDirAndPrintsTheWorkersAnswer() {
        assertEquals(1, master.run("purge-relay", "-s", "s1", "--filename", "mysql-bin.000006", "--sub-dir", "uuid-1.000002"));
        PurgeRelayRequest r = (PurgeRelayRequest) master.lastRequest();
        assertEquals(new PurgeRelayRequest("s1", "mysql-bin.000006", "uuid-1.000002"), r);
        assertTrue(master.text().contains("needed by subtask t1"), master.text());

        assertEquals(1, master.run("purge-relay", "-s", "s1", "-f", "mysql-bin.000002"));
        assertEquals(new PurgeRelayRequest("s1", "mysql-bin.000002", ""), master.lastRequest());
    }

    @Test
    void purgeRelayChecksItsArguments() {
        assertEquals(1, master.run("purge-relay", "--filename", "mysql-bin.000006"));
        assertTrue(master.text().contains("exactly one source"), master.text());
        assertEquals(1, master.run("purge-relay", "-s", "s1"));
        assertTrue(master.text().contains("--filename"), master.text());
        assertEquals(1, master.run("purge-relay", "-s", "s1", "-f", "../x/mysql-bin.000001"));
        assertTrue(master.text().contains("not paths"), master.text());
        assertNull(master.lastRequest());
    }
}
