package io.dm4j.worker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dm4j.common.config.SourceConfig;
import io.dm4j.common.config.WorkerConfig;
import io.dm4j.proto.message.ProcessError;
import io.dm4j.proto.message.ProcessResult;
import io.dm4j.worker.relay.RelayLayout;
import io.dm4j.worker.relay.RelayStatus;
import io.dm4j.worker.relay.RelayUnit;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker's side of the relay: starts it for a source with {@code enable-relay: true}, renders its status. */
final class WorkerRelay {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerRelay() {
    }

    /** A running relay unit for {@code source} under this worker's relay directory, or null when relay is off. */
    static RelayUnit startIfEnabled(WorkerConfig cfg, SourceConfig source) {
        if (!source.enableRelay()) {
            return null;
        }
        RelayLayout layout = new RelayLayout(Path.of(cfg.relayDirFor(source)));
        RelayUnit relay = new RelayUnit(source, layout, Optional::empty);
        LOG.info("source {} has enable-relay: true; relay log in {}", source.sourceId(), layout.root());
        relay.start();
        return relay;
    }

    /** query-status {@code relayStatus} in DM's shape; null when relay is off. */
    static JsonNode statusJson(RelayUnit relay) {
        if (relay == null) {
            return null;
        }
        RelayStatus s = relay.status();
        ObjectNode n = JSON.createObjectNode();
        n.put("masterBinlog", s.masterBinlog());
        n.put("masterBinlogGtid", s.masterBinlogGtid());
        n.put("relaySubDir", s.relaySubDir());
        n.put("relayBinlog", s.relayBinlog());
        n.put("relayBinlogGtid", s.relayBinlogGtid());
        n.put("relayCatchUpMaster", s.relayCatchUpMaster());
        n.put("stage", s.stage());
        ProcessResult result = new ProcessResult(false, relay.error().map(ProcessError::of).stream().toList(), null);
        n.set("result", JSON.valueToTree(result));
        return n;
    }
}
