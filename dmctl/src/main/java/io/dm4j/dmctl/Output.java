package io.dm4j.dmctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.dm4j.common.errors.DmException;
import io.dm4j.proto.ProtoJson;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints answers as DM's dmctl does: pretty JSON, four-space indent, {@code "key": value}. */
final class Output {
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indent = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("").withObjectEmptySeparator(""));
        pp.indentArraysWith(indent);
        pp.indentObjectsWith(indent);
        WRITER = ProtoJson.mapper().writer(pp);
    }

    private Output() {
    }

    static String json(Object answer) {
        try {
            return WRITER.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + answer.getClass().getSimpleName(), e);
        }
    }

    static void print(PrintStream out, Object answer) {
        out.println(json(answer));
    }

    /** The answer to print when a call failed: DM's {@code result: false} with the error in DM's format. */
    static Map<String, Object> failure(DmException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", false);
        m.put("msg", e.getMessage());
        return m;
    }
}
