package io.dm4j.worker.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dump writes text and binary values in one pass (quote while checking, take back and write hex when a byte
 * cannot be quoted). Every such value must come out exactly as the rule in {@link SqlLiterals} says, checked against
 * an independent oracle (the JDK's strict UTF-8 decoder) on many arrays built from the bytes that matter: quotes,
 * backslash, NUL, Ctrl-Z, valid and invalid multi-byte sequences (overlong, surrogate, truncated, out of range).
 */
class SinglePassLiteralTest {
    private static final byte[] ALPHABET = {'a', 'Z', ' ', '\'', '"', '\\', 0, 0x1a, '\n', (byte) 0xc3, (byte) 0xa9,
        (byte) 0xc0, (byte) 0x80, (byte) 0xed, (byte) 0xa0, (byte) 0xe4, (byte) 0xb8, (byte) 0xad, (byte) 0xf0,
        (byte) 0x9f, (byte) 0x98, (byte) 0xf4, (byte) 0x90, (byte) 0xf5, (byte) 0xff};

    @Test
    void everyValueGetsTheLiteralTheRuleSays() {
        Random r = new Random(20261203L);
        for (int n = 0; n < 50_000; n++) {
            byte[] v = new byte[r.nextInt(14)];
            for (int i = 0; i < v.length; i++) {
                v[i] = ALPHABET[r.nextInt(ALPHABET.length)];
            }
            assertEquals(expected(v, true, ""), SqlLiterals.literal(ValueKind.TEXT_UTF8, v), HexFormat.of().formatHex(v));
            assertEquals(expected(v, true, "_utf8mb4 "), SqlLiterals.literal(ValueKind.JSON, v));
            assertEquals(expected(v, false, ""), SqlLiterals.literal(ValueKind.TEXT_OTHER, v));
            assertEquals(expected(v, false, ""), SqlLiterals.literal(ValueKind.BINARY, v));
        }
    }

    @Test
    void aValueThatCannotBeQuotedLeavesNothingOfItsQuotedAttemptInTheRow() {
        ByteSink row = new ByteSink(16);
        row.put('(');
        SqlLiterals.append(row, ValueKind.TEXT_UTF8, "it's".getBytes(StandardCharsets.UTF_8));
        row.put(',');
        SqlLiterals.append(row, ValueKind.TEXT_UTF8, new byte[] {'o', '\'', 'k', '\\'});
        row.put(',');
        SqlLiterals.append(row, ValueKind.TEXT_UTF8, new byte[] {'x', (byte) 0xc3});
        row.put(')');
        assertEquals("('it''s',0x6f276b5c,0x78c3)", row.toString());
    }

    /** The rule, written independently: quoted (quotes doubled) when allowed, else hex ('' when empty). */
    private static String expected(byte[] v, boolean utf8Column, String introducer) {
        boolean quotable = true;
        for (byte b : v) {
            if (b == '\\' || b == 0 || b == 0x1a || (!utf8Column && b < 0)) {
                quotable = false;
            }
        }
        if (quotable && utf8Column) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(v));
            } catch (CharacterCodingException e) {
                quotable = false;
            }
        }
        if (quotable) {
            return "'" + new String(v, StandardCharsets.UTF_8).replace("'", "''") + "'";
        }
        return v.length == 0 ? introducer + "''" : introducer + "0x" + HexFormat.of().formatHex(v);
    }
}
