package io.dm4j.it;

import static io.dm4j.it.Cluster.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dm4j.it.Cluster.Ctl;
import io.dm4j.testsupport.DatabasesExtension;
import io.dm4j.testsupport.TableChecksum;
import io.dm4j.testsupport.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay log's operations through real dm-master, dm-worker and dmctl: the relay stage commands as query-status
 * and operate-source show report them, purge-relay refusing to delete a file a subtask needs, and the automatic purge
 * by remain-space.
 *
 * <p>remain-space is in GB and the sandbox disk has many GB free, so the automatic purge test sets remain-space to the
 * temporary file system's free space (in GiB, rounded up) plus one: the worker then always counts as short of space
 * and purges every file it may, which shows that it keeps exactly the files a subtask needs.
 */
@ExtendWith(DatabasesExtension.class)
class RelayOpsIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    static String relayStage(Cluster c, String source) {
        Ctl q = c.dmctl("query-status", "-s", source);
        JsonNode relay = q.json().get("sources").get(0).get("sourceStatus").get("relayStatus");
        return relay == null || relay.isNull() ? "" : relay.get("stage").asText();
    }

    static String upstreamFile(TestDatabases dbs) throws Exception {
        return dbs.queryUp("SHOW MASTER STATUS").get(0).get(0);
    }

    /** The relay binlog files under a worker's relay directory, as {@code sub-dir/file}, in order. */
    static List<String> relayFiles(Path workerRelayDir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(workerRelayDir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(workerRelayDir)) {
            walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches(".+\\.\\d+"))
                    .map(p -> workerRelayDir.relativize(p).toString()).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> names(List<String> relayFiles) {
        return relayFiles.stream().map(f -> f.substring(f.indexOf('/') + 1)).toList();
    }

    @Test
    void relayStageCommandsShowInQueryStatusAndOperateSourceShow() throws Exception {
        try (Cluster c = new Cluster(Files.createTempDirectory("dm4j-relayops-it"))) {
            c.startMaster();
            Path relayRoot = c.dir.resolve("relay");
            c.startWorker("w1", 10, List.of("--relay-dir", relayRoot.toString()));
            Path src = c.writeFile("source.yaml", Samples.source("ro-stage", dbs().upstream())
                    + "relay-binlog-name: \"" + upstreamFile(dbs()) + "\"\n");
            assertEquals(0, c.dmctl("operate-source", "create", src.toString()).exit());
            awaitTrue("bound", WAIT, () -> "w1".equals(c.boundWorker("ro-stage")));
            assertEquals("", relayStage(c, "ro-stage"), "no relay before start-relay");

            Ctl start = c.dmctl("start-relay", "-s", "ro-stage");
            assertEquals(0, start.exit(), start.out());
            assertEquals("StartRelay", start.json().get("op").asText());
            awaitTrue("relay Running", WAIT, () -> "Running".equals(relayStage(c, "ro-stage")));
            Ctl show = c.dmctl("operate-source", "show", "-s", "ro-stage");
            assertTrue(show.out().contains("relay log Running"), show.out());
            dbs().execUp("FLUSH BINARY LOGS");
            String next = upstreamFile(dbs());
            awaitTrue("relay file " + next + " written", WAIT, () -> names(relayFiles(relayRoot.resolve("w1"))).contains(next));

            assertEquals(0, c.dmctl("pause-relay", "-s", "ro-stage").exit());
            awaitTrue("relay Paused", WAIT, () -> "Paused".equals(relayStage(c, "ro-stage")));
            Ctl again = c.dmctl("pause-relay", "-s", "ro-stage");
            assertEquals(1, again.exit(), again.out());
            assertTrue(again.out().contains("46011"), again.out());
            assertTrue(c.dmctl("operate-source", "show", "-s", "ro-stage").out().contains("relay log Paused"));

            assertEquals(0, c.dmctl("resume-relay", "-s", "ro-stage").exit());
            awaitTrue("relay Running again", WAIT, () -> "Running".equals(relayStage(c, "ro-stage")));

            Ctl wrongWorker = c.dmctl("start-relay", "-s", "ro-stage", "nobody");
            assertEquals(1, wrongWorker.exit(), wrongWorker.out());
            assertTrue(wrongWorker.out().contains("46021"), wrongWorker.out());

            assertEquals(0, c.dmctl("stop-relay", "-s", "ro-stage", "w1").exit());
            awaitTrue("relay gone", WAIT, () -> "".equals(relayStage(c, "ro-stage")));
            assertFalse(relayFiles(relayRoot.resolve("w1")).isEmpty(), "stop-relay keeps the files");
            assertEquals(0, c.dmctl("operate-source", "stop", "ro-stage").exit());
        }
    }

    @Test
    void purgeRelayRefusesANeededFileAndDeletesTheOthers() throws Exception {
        try (Cluster c = new Cluster(Files.createTempDirectory("dm4j-relaypurge-it"))) {
            Setup s = setUp(c, "rp", "");
            // the checkpoint is in s.needed; purging before a later file would delete it
            Ctl refused = c.dmctl("purge-relay", "-s", s.source, "--filename", s.last);
            assertEquals(1, refused.exit(), refused.out());
            assertTrue(refused.out().contains("30750"), refused.out());
            assertTrue(refused.out().contains(s.needed), refused.out());
            assertTrue(refused.out().contains("subtask " + s.task), refused.out());
            assertEquals(s.all, relayFiles(s.relayDir), "nothing deleted");

            Ctl ok = c.dmctl("purge-relay", "-s", s.source, "--filename", s.needed);
            assertEquals(0, ok.exit(), ok.out());
            assertEquals(s.from(s.needed), names(relayFiles(s.relayDir)));
            assertTrue(c.logOf(s.worker).contains("relay purge of source " + s.source + ": deleted"));

            Ctl badFile = c.dmctl("purge-relay", "-s", s.source, "--filename", "up-bin.999999");
            assertEquals(1, badFile.exit(), badFile.out());
            assertTrue(badFile.out().contains("30042"), badFile.out());
            s.finish(c);
        }
    }

    @Test
    void automaticPurgeKeepsWithinRemainSpaceButNeverDeletesANeededFile() throws Exception {
        try (Cluster c = new Cluster(Files.createTempDirectory("dm4j-relayauto-it"))) {
            long freeGib = Files.getFileStore(c.dir).getUsableSpace() / (1024L * 1024 * 1024);
            Setup s = setUp(c, "ra", "purge:\n  interval: 1\n  expires: 0\n  remain-space: " + (freeGib + 1) + "\n");
            awaitTrue("files before " + s.needed + " purged", WAIT, () -> names(relayFiles(s.relayDir)).equals(s.from(s.needed)));
            Cluster.sleep(2500); // a few more purge runs: the needed files stay
            assertEquals(s.from(s.needed), names(relayFiles(s.relayDir)));
            assertTrue(c.logOf(s.worker).contains("automatic purge"), "the worker logs what it deleted");
            s.finish(c);
        }
    }

    /** A source whose relay holds several upstream files, and a paused incremental task whose checkpoint is in one of them. */
    final class Setup {
        String source;
        String task;
        String table;
        Cluster.Proc worker;
        Path relayDir;
        List<String> upstreamFiles = new ArrayList<>();
        String needed;
        String last;
        List<String> all;

        List<String> from(String file) {
            return upstreamFiles.subList(upstreamFiles.indexOf(file), upstreamFiles.size());
        }

        void finish(Cluster c) throws Exception {
            assertEquals(0, c.dmctl("resume-task", task).exit());
            c.awaitSynced(task, WAIT);
            awaitTrue("all rows downstream", WAIT, () -> {
                try {
                    return dbs().queryDown("SELECT COUNT(*) FROM " + table).get(0).get(0)
                            .equals(dbs().queryUp("SELECT COUNT(*) FROM " + table).get(0).get(0));
                } catch (Exception e) {
                    return false;
                }
            });
            TableChecksum.assertSameContent(dbs(), table);
        }
    }

    Setup setUp(Cluster c, String prefix, String sourceExtra) throws Exception {
        TestDatabases dbs = dbs();
        Setup s = new Setup();
        s.source = prefix + "-src";
        s.task = prefix + "task";
        c.startMaster();
        Path relayRoot = c.dir.resolve("relay");
        s.worker = c.startWorker("w1", 10, List.of("--relay-dir", relayRoot.toString()));
        s.relayDir = relayRoot.resolve("w1");
        dbs.execUp("FLUSH BINARY LOGS");
        String first = upstreamFile(dbs);
        s.upstreamFiles.add(first);
        String db = dbs.freshSchema(prefix);
        s.table = db + ".t";
        dbs.execUp("CREATE TABLE " + s.table + " (id INT PRIMARY KEY, v VARCHAR(64))");
        int id = 0;
        for (int i = 0; i < 3; i++) {
            dbs.execUp("INSERT INTO " + s.table + " VALUES (" + (++id) + ", 'before flush " + i + "')", "FLUSH BINARY LOGS");
            s.upstreamFiles.add(upstreamFile(dbs));
        }
        dbs.execUp("INSERT INTO " + s.table + " VALUES (" + (++id) + ", 'in the checkpoint file')");
        s.needed = s.upstreamFiles.get(s.upstreamFiles.size() - 1);

        Path src = c.writeFile("source.yaml", Samples.source(s.source, dbs.upstream()) + "relay-binlog-name: \"" + first + "\"\n" + sourceExtra);
        assertEquals(0, c.dmctl("operate-source", "create", src.toString()).exit());
        String taskYaml = Samples.task(s.task, "incremental", s.source, db, dbs.downstream()).replace(
                "    block-allow-list: \"only\"\n", "    block-allow-list: \"only\"\n    meta:\n      binlog-name: \"" + first + "\"\n      binlog-pos: 4\n");
        Ctl start = c.dmctl("start-task", c.writeFile("task.yaml", taskYaml).toString());
        assertEquals(0, start.exit(), start.out());
        c.awaitSynced(s.task, WAIT);
        awaitTrue("rows downstream", WAIT, () -> {
            try {
                return dbs.queryDown("SELECT COUNT(*) FROM " + s.table).get(0).get(0).equals("4");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(0, c.dmctl("pause-task", s.task).exit());
        String cp = dbs.queryDown("SELECT binlog_name FROM dm_meta.`" + s.task + "_syncer_checkpoint` WHERE is_global = 1").get(0).get(0);
        assertEquals(s.needed, cp, "the paused task's checkpoint is in the last file written before the pause");
        // two more files the task has not read yet
        for (int i = 0; i < 2; i++) {
            dbs.execUp("FLUSH BINARY LOGS", "INSERT INTO " + s.table + " VALUES (" + (++id) + ", 'after the pause " + i + "')");
            s.upstreamFiles.add(upstreamFile(dbs));
        }
        s.last = s.upstreamFiles.get(s.upstreamFiles.size() - 1);
        Ctl relay = c.dmctl("start-relay", "-s", s.source);
        assertEquals(0, relay.exit(), relay.out());
        awaitTrue("relay holds " + s.last, WAIT, () -> names(relayFiles(s.relayDir)).contains(s.last));
        s.all = relayFiles(s.relayDir);
        return s;
    }

    private TestDatabases dbs;

    @org.junit.jupiter.api.BeforeEach
    void databases(TestDatabases dbs) {
        this.dbs = dbs;
    }

    TestDatabases dbs() {
        return dbs;
    }
}
