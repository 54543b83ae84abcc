package io.dm4j.proto.tls;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up warning for a control port open beyond this host without TLS. */
class PlaintextExposureTest {
    @Test
    void warnsForAllInterfacesOrANetworkAddressWithoutTls() {
        String any = PlaintextExposure.warning("dm-master", new InetSocketAddress("0.0.0.0", 8261), TlsConfig.NONE);
        assertTrue(any != null && any.contains("dm-master") && any.contains("8261") && any.contains("without TLS")
                && any.contains("Firewall"), any);
        assertTrue(PlaintextExposure.warning("dm-worker", new InetSocketAddress("192.0.2.4", 8262), TlsConfig.NONE) != null);
    }

    @Test
    void silentOnLoopbackOrWithTls() {
        assertNull(PlaintextExposure.warning("dm-master", new InetSocketAddress("127.0.0.1", 8261), TlsConfig.NONE));
        TlsConfig tls = new TlsConfig(Path.of("ca.pem"), null, null, List.of());
        assertNull(PlaintextExposure.warning("dm-master", new InetSocketAddress("0.0.0.0", 8261), tls));
    }
}
