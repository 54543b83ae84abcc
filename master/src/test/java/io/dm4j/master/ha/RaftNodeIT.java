package io.dm4j.master.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.common.config.MasterConfig;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.HaErrors;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.StateStore;
import io.dm4j.proto.tls.TlsConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three Raft members in one JVM on loopback: replication, leader loss, catching up from the log and from a snapshot. */
class RaftNodeIT {
    static final RaftNode.Settings FAST = new RaftNode.Settings(Duration.ofMillis(500), Duration.ofMillis(1000), 1000, Duration.ofSeconds(10));

    @TempDir
    Path dir;

    final Map<String, String> peers = new LinkedHashMap<>();
    final Map<String, RaftNode> nodes = new LinkedHashMap<>();

    @AfterEach
    void stop() {
        nodes.values().forEach(RaftNode::close);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void startCluster(RaftNode.Settings settings) throws IOException {
        for (String n : List.of("m1", "m2", "m3")) {
            peers.put(n, "127.0.0.1:" + freePort());
        }
        for (String n : peers.keySet()) {
            start(n, settings);
        }
    }

    RaftNode start(String name, RaftNode.Settings settings) {
        RaftNode node = RaftNode.start(name, peers.get(name), peers, dir.resolve(name), settings);
        nodes.put(name, node);
        return node;
    }

    static void await(String what, Duration limit, BooleanSupplier c) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    RaftNode awaitLeader(Duration limit) {
        return awaitLeader(nodes.values(), limit);
    }

    /** The first of {@code members} that is the active leader, once one is. */
    static RaftNode awaitLeader(java.util.Collection<RaftNode> members, Duration limit) {
        RaftNode[] out = new RaftNode[1];
        await("a leader", limit, () -> {
            for (RaftNode n : members) {
                if (n.activeTerm() >= 0) {
                    out[0] = n;
                    return true;
                }
            }
            return false;
        });
        return out[0];
    }

    static Command source(int i) {
        return new Command.AddSource("s" + i, "source-id: s" + i + "\n");
    }

    void awaitSameState(RaftNode leader) {
        await("every member at the leader's state", Duration.ofSeconds(20),
                () -> nodes.values().stream().allMatch(n -> n.state().equals(leader.state())));
    }

    @Test
    void commandsReplicateAndANewLeaderTakesOverWhenTheLeaderStops() throws Exception {
        startCluster(FAST);
        RaftNode leader = awaitLeader(Duration.ofSeconds(20));
        ClusterState after = leader.apply(List.of(source(1), source(2)));
        assertEquals(2, after.index());
        awaitSameState(leader);
        RaftNode follower = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
        DmException e = assertThrows(DmException.class, () -> follower.apply(source(3)));
        assertEquals(HaErrors.NO_LEADER, e.code(), "a follower does not accept commands: " + e.getMessage());
        assertEquals(2, follower.state().index(), "the refused command changed nothing");

        String old = leader.name();
        long stoppedAt = System.nanoTime();
        leader.close();
        nodes.remove(old);
        RaftNode next = awaitLeader(Duration.ofSeconds(10));
        double seconds = (System.nanoTime() - stoppedAt) / 1e9;
        System.out.printf("new leader %s after %.2f s%n", next.name(), seconds);
        assertNotEquals(old, next.name());
        assertTrue(seconds < 5, "a new leader after " + seconds + " s");
        next.apply(source(3));

        RaftNode back = start(old, FAST); // the stopped master comes back and catches up from the log
        awaitSameState(next);
        assertEquals(3, back.state().sources().size());
        assertFalse(back.activeTerm() >= 0 && next.activeTerm() >= 0, "two active leaders");
    }

    @Test
    void aMasterBehindTheSnapshotCatchesUpFromIt() throws Exception {
        RaftNode.Settings snapshotOften = new RaftNode.Settings(FAST.electionMin(), FAST.electionMax(), 5, FAST.commitTimeout());
        startCluster(snapshotOften);
        RaftNode leader = awaitLeader(Duration.ofSeconds(20));
        RaftNode down = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
        String downName = down.name();
        down.close();
        nodes.remove(downName);
        String padding = "# " + "x".repeat(8000) + "\n"; // big entries, so that log segments fill and can be dropped
        for (int i = 0; i < 40; i++) {
            leader.apply(new Command.AddSource("s" + i, "source-id: s" + i + "\n" + padding));
        }
        await("snapshots on the leader", Duration.ofSeconds(20), () -> snapshots(dir.resolve(leader.name())) > 0);
        await("the leader's log cut after a snapshot", Duration.ofSeconds(20), () -> leader.logStartIndex() > 5);
        RaftNode back = start(downName, snapshotOften); // behind the leader's log: it must install the snapshot
        awaitSameState(leader);
        assertEquals(40, back.state().sources().size());
        assertEquals(leader.state().index(), back.state().index());
    }

    static long snapshots(Path dataDir) {
        try (Stream<Path> s = Files.walk(dataDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("snapshot.") && !p.toString().endsWith(".md5")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void aSingleMasterDataDirOfAnEarlierReleaseIsMigratedOnce() throws Exception {
        Path dataDir = dir.resolve("old");
        try (StateStore old = StateStore.open(dataDir, 1000)) {
            old.apply(List.of(source(1), new Command.RegisterWorker("w1", "127.0.0.1:1", 10), new Command.Bind("s1", "w1")));
        }
        ClusterState before;
        try (StateStore old = StateStore.open(dataDir, 1000)) {
            before = old.state();
        }
        int port = freePort();
        MasterConfig cfg = MasterConfig.parse("", "(test)", Map.of("name", "m1", "data-dir", dataDir.toString(),
                "peer-urls", "http://127.0.0.1:" + port, "master-addr", "127.0.0.1:" + freePort()));
        RaftNode node = RaftBootstrap.start(cfg, FAST, TlsConfig.NONE);
        nodes.put("m1", node);
        assertEquals(before, node.state());
        assertTrue(Files.exists(dataDir.resolve("wal.log.migrated")));
        assertFalse(Files.exists(dataDir.resolve("wal.log")));
        node.apply(source(2));
        node.close();
        nodes.remove("m1");
        RaftNode again = RaftBootstrap.start(cfg, FAST, TlsConfig.NONE); // from the Raft log now, not migrated twice
        nodes.put("m1", again);
        await("the state replayed", Duration.ofSeconds(20), () -> again.state().index() == before.index() + 1);
        assertEquals(List.of("s1", "s2"), new ArrayList<>(again.state().sources().keySet()));
    }

    @Test
    void anOldDataDirCannotStartAClusterOfSeveral() throws Exception {
        Path dataDir = dir.resolve("old3");
        try (StateStore old = StateStore.open(dataDir, 1000)) {
            old.apply(source(1));
        }
        String mine = "http://127.0.0.1:" + freePort();
        MasterConfig cfg = MasterConfig.parse("", "(test)", Map.of("name", "m1", "data-dir", dataDir.toString(),
                "master-addr", "127.0.0.1:" + freePort(), "peer-urls", mine, "initial-cluster",
                "m1=" + mine + ",m2=http://127.0.0.1:" + freePort()));
        DmException e = assertThrows(DmException.class, () -> RaftBootstrap.start(cfg, FAST, TlsConfig.NONE));
        assertEquals(HaErrors.LEGACY_STATE, e.code(), e.getMessage());
        assertTrue(Files.exists(dataDir.resolve("wal.log")), "the old state is left as it was");
    }

    @Test
    void openApiTasksAndTemplatesSurviveALeaderChange() throws Exception {
        startCluster(FAST);
        RaftNode leader = awaitLeader(Duration.ofSeconds(20));
        for (String n : nodes.keySet()) {
            leader.submit(new RaftEntry.MasterAddress(n, "client-of-" + n + ":8261"), Duration.ofSeconds(10));
        }
        new ReplicatedTexts(leader, io.dm4j.master.openapi.StoredTexts.TEMPLATES).put("tpl", "{\"name\":\"tpl\"}");
        new ReplicatedTexts(leader, io.dm4j.master.openapi.StoredTexts.TASKS).put("task1", "name: task1\n");
        RaftNode follower = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
        await("the texts on a follower", Duration.ofSeconds(20), () -> follower.replicated().equals(leader.replicated()));
        assertEquals(java.util.Optional.of("client-of-" + leader.name() + ":8261"), follower.leaderAddress(),
                "a follower knows where to send requests");

        String old = leader.name();
        leader.close();
        nodes.remove(old);
        RaftNode next = awaitLeader(Duration.ofSeconds(10));
        ReplicatedTexts templates = new ReplicatedTexts(next, io.dm4j.master.openapi.StoredTexts.TEMPLATES);
        ReplicatedTexts tasks = new ReplicatedTexts(next, io.dm4j.master.openapi.StoredTexts.TASKS);
        assertEquals(java.util.Optional.of("{\"name\":\"tpl\"}"), templates.get("tpl"));
        assertEquals(List.of("task1"), tasks.names());
        assertTrue(tasks.delete("task1"));
        assertFalse(tasks.delete("task1"));
        assertEquals(List.of(), tasks.names());
    }

    @Test
    void anEarlierReleasesOpenApiDirectoryIsMovedIntoTheReplicatedStateOnce() throws Exception {
        Path dataDir = dir.resolve("oldapi");
        Files.createDirectories(dataDir.resolve("openapi/tasks"));
        Files.createDirectories(dataDir.resolve("openapi/templates"));
        Files.writeString(dataDir.resolve("openapi/tasks/t1.yaml"), "name: t1\n");
        Files.writeString(dataDir.resolve("openapi/templates/tpl.json"), "{}");
        Files.writeString(dataDir.resolve("openapi/tasks/t1.yaml.tmp"), "half written");
        MasterConfig cfg = MasterConfig.parse("", "(test)", Map.of("name", "m1", "data-dir", dataDir.toString(),
                "peer-urls", "http://127.0.0.1:" + freePort(), "master-addr", "127.0.0.1:" + freePort()));
        RaftNode node = RaftBootstrap.start(cfg, FAST, TlsConfig.NONE);
        nodes.put("m1", node);
        await("the old directory moved", Duration.ofSeconds(30), () -> Files.exists(dataDir.resolve("openapi.migrated")));
        assertEquals(Map.of("t1", "name: t1\n"), node.replicated().openapi("tasks"));
        assertEquals(Map.of("tpl", "{}"), node.replicated().openapi("templates"));
        assertFalse(Files.exists(dataDir.resolve("openapi")));
    }
}
