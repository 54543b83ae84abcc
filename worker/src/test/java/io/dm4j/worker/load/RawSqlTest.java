package io.dm4j.worker.load;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** What {@link RawSql} refuses before it touches the connection (its sending is covered by {@code FileLoaderIT}). */
class RawSqlTest {

    @Test
    void textMustStartWithAWordAndASpace() throws Exception {
        Connection none = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        try (RawSql raw = new RawSql(none)) {
            for (String text : new String[] {"", "INSERT", "(1)", " INSERT INTO t VALUES (1)", "INSERT\nINTO t VALUES (1)"}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> raw.execute(text.getBytes(StandardCharsets.UTF_8)), text);
                assertTrue(e.getMessage().startsWith("SQL text must start with a word and a space"), e.getMessage());
            }
        }
    }
}
