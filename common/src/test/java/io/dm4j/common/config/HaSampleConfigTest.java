package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** conf/dm-master-ha.toml, the sample of a three-master cluster, loads and describes one member of three. */
class HaSampleConfigTest {

    @Test
    void threeMasterSampleLoads() {
        MasterConfig m = MasterConfig.load(Files.conf("dm-master-ha.toml"), Map.of());
        assertEquals("master1", m.name());
        assertEquals(3, m.initialCluster().split(",").length);
        assertTrue(m.initialCluster().contains("master1=" + m.advertisePeerUrls()), m.initialCluster());
        assertEquals("10.0.0.1:8261", m.advertiseAddr());
    }
}
