package io.dm4j.proto.wire;

import io.dm4j.common.errors.CommonErrors;
import io.dm4j.common.errors.ConfigErrors;
import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.ErrorClass;
import io.dm4j.common.errors.ErrorLevel;
import io.dm4j.common.errors.ErrorScope;
import io.dm4j.proto.ProtoJson;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class WireErrorsTest {

    private static DmException throughJson(DmException e) throws IOException {
        byte[] json = ProtoJson.mapper().writeValueAsBytes(WireErrors.toWire(e));
        return WireErrors.fromWire(ProtoJson.mapper().readValue(json, WireError.class));
    }

    @Test
    void knownCodeBecomesTheSameConstantWithAllFields() throws IOException {
        DmException sent = ConfigErrors.UNKNOWN_KEY.wrap(new IOException("line 3"), "task.yaml: unknown key `foo`")
                .withWorkaround("Remove `foo`.");

        DmException received = throughJson(sent);

        assertSame(ConfigErrors.UNKNOWN_KEY, received.code());
        assertEquals(sent.getMessage(), received.getMessage());
        assertEquals("line 3", received.rawCause());
        assertInstanceOf(RemoteCause.class, received.getCause());
    }

    @Test
    void sameNumberWithDifferentFieldsIsNotMistakenForTheLocalConstant() {
        WireError foreign = new WireError(20003, "ErrSomethingElse", "config", "upstream", "low", "m", "", "w", true);

        DmException e = WireErrors.fromWire(foreign);

        assertEquals("ErrSomethingElse", e.code().name());
        assertEquals(ErrorScope.UPSTREAM, e.code().scope());
        assertEquals(ErrorLevel.LOW, e.code().level());
        assertEquals("w", e.workaround());
        assertNull(e.getCause());
    }

    @Test
    void codeOutsideItsClassFallsBackToTheCatchAllKeepingTheText() {
        WireError odd = new WireError(99001, "ErrOdd", "sync-unit", "internal", "high", "odd message", "raw", "fix", false);

        DmException e = WireErrors.fromWire(odd);

        assertEquals(CommonErrors.UNKNOWN.code(), e.code().code());
        assertEquals(ErrorClass.NOT_SET, e.code().errorClass());
        assertEquals("odd message", e.detail());
        assertEquals("raw", e.rawCause());
        assertEquals("fix", e.workaround());
    }
}
