package io.dm4j.common.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogRedactionTest {
    @AfterEach
    void reset() {
        LogRedaction.configure(false);
    }

    @Test
    void passwordsNeverReachALog() {
        for (String sql : new String[] {
                "CREATE USER 'app'@'%' IDENTIFIED BY 's3cret-pw'",
                "ALTER USER app IDENTIFIED WITH mysql_native_password BY \"s3cret-pw\"",
                "GRANT ALL ON *.* TO app IDENTIFIED BY PASSWORD 's3cret-pw'",
                "SET PASSWORD FOR 'app'@'%' = PASSWORD('s3cret-pw')",
                "set password = 's3cret-pw'",
                "CHANGE MASTER TO MASTER_HOST='h', MASTER_PASSWORD='s3cret-pw'"}) {
            String shown = LogRedaction.sql(sql);
            assertFalse(shown.contains("s3cret-pw"), shown);
        }
        assertEquals("CREATE USER 'app'@'%' IDENTIFIED BY '******'",
                LogRedaction.sql("CREATE USER 'app'@'%' IDENTIFIED BY 'it''s'"));
        assertEquals("ALTER TABLE t1 ADD c INT DEFAULT 42", LogRedaction.sql("ALTER TABLE t1 ADD c INT DEFAULT 42"),
                "without redact-info-log other literals stay");
    }

    @Test
    void redactInfoLogHidesEveryLiteral() {
        LogRedaction.configure(true);
        assertEquals("INSERT INTO `t1` VALUES (?,?,?),(?,x?,?)",
                LogRedaction.sql("INSERT INTO `t1` VALUES (1,'secret row',-2.5e3),(2,x'00ff',\"other\")"));
        assertEquals("ALTER TABLE t2 ADD c2 INT DEFAULT ?", LogRedaction.sql("ALTER TABLE t2 ADD c2 INT DEFAULT 7"));
        assertEquals("?", LogRedaction.value("row value"));
    }
}
