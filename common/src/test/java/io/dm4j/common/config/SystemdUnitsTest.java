package io.dm4j.common.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped systemd units keep every file the daemons create away from other users. */
class SystemdUnitsTest {
    @Test
    void unitsSetAPrivateUmask() throws Exception {
        Path conf = io.dm4j.common.config.Files.repoRoot().resolve("conf/systemd");
        for (String unit : List.of("dm-master.service", "dm-worker.service")) {
            List<String> lines = java.nio.file.Files.readAllLines(conf.resolve(unit));
            int service = lines.indexOf("[Service]");
            assertTrue(service >= 0, unit);
            assertTrue(lines.stream().skip(service).takeWhile(l -> !l.startsWith("[") || l.equals("[Service]"))
                    .anyMatch(l -> l.strip().equals("UMask=0077")), unit + " must set UMask=0077 in [Service]");
        }
    }
}
