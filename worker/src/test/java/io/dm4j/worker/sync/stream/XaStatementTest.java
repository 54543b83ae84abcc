package io.dm4j.worker.sync.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class XaStatementTest {
    @Test
    void readsTheXaStatementsServersWriteIntoTheBinlog() {
        assertEquals(new XaStatement(XaStatement.Kind.START, "X'7831',X'',1", false),
                XaStatement.parse("XA START X'7831',X'',1"));
        assertEquals(new XaStatement(XaStatement.Kind.END, "X'7831',X'',1", false),
                XaStatement.parse("XA END X'7831',X'',1"));
        assertEquals(new XaStatement(XaStatement.Kind.COMMIT, "X'7831',X'',1", false),
                XaStatement.parse("  xa commit X'7831', X'', 1 "));
        assertEquals(new XaStatement(XaStatement.Kind.COMMIT, "X'7831',X'',1", true),
                XaStatement.parse("XA COMMIT X'7831',X'',1 ONE PHASE"));
        assertEquals(new XaStatement(XaStatement.Kind.ROLLBACK, "X'7832',X'',1", false),
                XaStatement.parse("XA ROLLBACK X'7832',X'',1"));
        assertEquals(XaStatement.Kind.START, XaStatement.parse("XA BEGIN X'01'").kind());
    }

    @Test
    void otherStatementsAreNotXa() {
        assertNull(XaStatement.parse("BEGIN"));
        assertNull(XaStatement.parse("XA RECOVER"));
        assertNull(XaStatement.parse("XACT"));
        assertNull(XaStatement.parse("CREATE TABLE xa (id INT)"));
        assertNull(XaStatement.parse(null));
    }
}
