package io.dm4j.testsupport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Renders a value given as the hex of its bytes for a human: quoted text when it is printable UTF-8, else 0x-hex. */
final class ValueText {
    private static final int MAX_CHARS = 80;

    private ValueText() {
    }

    static String render(String hex) {
        if (hex == null) {
            return "NULL";
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        String text = printableUtf8(bytes);
        if (text != null) {
            String escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\t", "\\t");
            return escaped.length() > MAX_CHARS
                    ? "'" + escaped.substring(0, MAX_CHARS) + "…' (" + bytes.length + " bytes)"
                    : "'" + escaped + "'";
        }
        return hex.length() > MAX_CHARS
                ? "0x" + hex.substring(0, MAX_CHARS) + "… (" + bytes.length + " bytes)"
                : "0x" + hex;
    }

    private static String printableUtf8(byte[] bytes) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isISOControl(ch) && ch != '\n' && ch != '\t') {
                return null;
            }
        }
        return s;
    }
}
