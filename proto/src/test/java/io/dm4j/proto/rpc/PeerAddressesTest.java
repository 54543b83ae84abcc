package io.dm4j.proto.rpc;

import io.dm4j.common.errors.DmException;
import io.dm4j.common.errors.RpcErrors;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerAddressesTest {

    @Test
    void parsesDmStyleLists() {
        List<InetSocketAddress> list = PeerAddresses.parseList("master1:8261, 10.0.0.2:8261,[::1]:8262");

        assertEquals(3, list.size());
        assertEquals("master1", list.get(0).getHostString());
        assertEquals(8261, list.get(0).getPort());
        assertEquals("::1", list.get(2).getHostString());
        assertEquals("[::1]:8262", PeerAddresses.format(list.get(2)));
        assertTrue(list.get(0).isUnresolved());
    }

    @Test
    void listenAddressMayOmitTheHost() {
        InetSocketAddress a = PeerAddresses.parseListen(":8261");
        assertEquals("0.0.0.0", a.getHostString());
        assertEquals(8261, a.getPort());
    }

    @Test
    void badAddressesAreTypedErrors() {
        assertMessage("master1", "invalid address \"master1\": the port is missing");
        assertMessage(":8261", "invalid address \":8261\": the host is missing");
        assertMessage("h:http", "invalid address \"h:http\": port \"http\" is not a number");
        assertMessage("h:70000", "invalid address \"h:70000\": port 70000 is outside 1-65535");
        assertMessage("::1:8261", "invalid address \"::1:8261\": write an IPv6 address in brackets, e.g. [::1]:8261");
        assertMessage(" , ", "invalid address \" , \": no address given");
    }

    private static void assertMessage(String input, String message) {
        DmException e = assertThrows(DmException.class, () -> PeerAddresses.parseList(input));
        assertSame(RpcErrors.INVALID_ADDRESS, e.code());
        assertEquals(message, e.detail());
    }
}
