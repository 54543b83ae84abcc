package io.dm4j.worker.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dm4j.proto.ProtoJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableBoardTest {

    @Test
    void listsTablesInProgressFirstThenWaitingOnesAndCountsFinishedOnes() {
        TableBoard board = new TableBoard();
        TableBoard.Entry a = board.register("db.a", 100, 1000, 2);
        TableBoard.Entry b = board.register("db.b", 50, 500, 1);
        board.register("db.c", 10, 100, 1);
        b.addRows(20);
        b.addBytes(200);
        a.addRows(100);
        a.partDone();
        a.partDone();

        TableProgressList list = board.snapshot(10, true);

        assertEquals(3, list.totalTables());
        assertEquals(1, list.finishedTables());
        assertEquals(0, list.unlisted());
        assertEquals(List.of("db.b", "db.c"), list.tables().stream().map(TableProgress::table).toList());
        TableProgress first = list.tables().get(0);
        assertEquals(new TableProgress("db.b", 20, 50, 200, 500, 0, 1, "40.00 %", false), first);
        assertEquals("0.00 %", list.tables().get(1).progress());
        assertTrue(a.done());
    }

    @Test
    void aTableHeldOpenIsNotDoneBeforeItIsReleasedEvenWhenItsKnownPartsAreDone() {
        TableBoard board = new TableBoard();
        TableBoard.Entry t = board.register("db.t", 0, 0, 0);
        t.holdOpen(); // a load following a running dump: the table's files arrive one by one
        board.register("db.t", 10, 100, 1);
        t.partDone();
        assertFalse(t.done(), "the dump may still write files of the table");
        board.register("db.t", 10, 100, 1);
        t.release();
        assertFalse(t.done(), "one of its two files is still loading");
        t.partDone();
        assertTrue(t.done());
        assertEquals(1, board.snapshot(10, false).finishedTables());

        TableBoard.Entry empty = board.register("db.empty", 0, 0, 0);
        empty.holdOpen();
        empty.release();
        assertTrue(empty.done(), "a table the dump wrote no file for is done once released");
    }

    @Test
    void aTableIsDoneWithItsLastPartOnly() {
        TableBoard board = new TableBoard();
        TableBoard.Entry t = board.register("db.t", 0, 300, 3);
        t.addBytes(100);
        t.partDone();
        t.partDone();
        assertFalse(t.done());
        assertEquals("33.33 %", board.snapshot(5, false).tables().get(0).progress());
        t.addBytes(200);
        t.partDone();
        assertTrue(t.done());
        assertEquals(1, board.snapshot(5, false).finishedTables());
        assertTrue(board.snapshot(5, false).tables().isEmpty());
    }

    @Test
    void resetForgetsTheTablesOfAnEarlierRun() {
        TableBoard board = new TableBoard();
        board.register("db.a", 10, 100, 1).partDone();
        board.register("db.b", 10, 100, 1).addRows(3);
        board.reset();
        board.register("db.b", 10, 100, 1);

        TableProgressList list = board.snapshot(5, true);

        assertEquals(new TableProgressList(1, 0, 0, List.of(new TableProgress("db.b", 0, 10, 0, 100, 0, 1, "0.00 %", false))),
                list);
    }

    @Test
    void theListStaysBoundedForTasksWithManyTables() {
        TableBoard board = new TableBoard();
        for (int i = 0; i < 100_000; i++) {
            board.register("db.t" + i, 10, 100, 1);
        }
        for (int i = 0; i < 40_000; i++) {
            board.get("db.t" + i).partDone();
        }
        board.get("db.t99999").addRows(5); // in progress, far down the order: listed first

        TableProgressList list = board.snapshot(20, true);

        assertEquals(20, list.tables().size());
        assertEquals("db.t99999", list.tables().get(0).table());
        assertEquals("db.t40000", list.tables().get(1).table());
        assertEquals(100_000, list.totalTables());
        assertEquals(40_000, list.finishedTables());
        assertEquals(60_000 - 20, list.unlisted());
    }

    @Test
    void rendersUnderItsOwnKeysBesideDmsFields() {
        TableBoard board = new TableBoard();
        board.register("db.t", 10, 100, 2).addRows(5);
        String json = ProtoJson.mapper().valueToTree(board.snapshot(5, true)).toString();
        assertEquals("{\"totalTables\":1,\"finishedTables\":0,\"unlisted\":0,\"tables\":[{\"table\":\"db.t\","
                + "\"finishedRows\":5,\"totalRows\":10,\"finishedBytes\":0,\"totalBytes\":100,\"finishedParts\":0,"
                + "\"totalParts\":2,\"progress\":\"50.00 %\",\"done\":false}]}", json);
    }

    @Test
    void theTestHoldWaitsWhileItsFileExistsOnly() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("hold", "");
        int[] polls = {0};
        TestHold.await(f, () -> ++polls[0] >= 3); // stops when asked even though the file exists
        assertEquals(3, polls[0]);
        java.nio.file.Files.delete(f);
        TestHold.await(f, () -> {
            throw new AssertionError("no wait without the file");
        });
        TestHold.await(null, () -> {
            throw new AssertionError("no wait without the property");
        });
    }
}
