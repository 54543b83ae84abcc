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
import java.util.function.Supplier;
import io.dm4j.common.position.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker's side of the relay: starts it for a source with {@code enable-relay: true}, renders its status. */
final class WorkerRelay {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorkerRelay() {
    }

    /**
     * A relay unit (stage New, started by the caller once the subtasks are known) for {@code source} under this
     * worker's relay directory, or null when relay is off.
     */
    static RelayUnit createIfEnabled(WorkerConfig cfg, SourceConfig source, Supplier<Optional<Location>> stored) {
        if (!source.enableRelay()) {
            return null;
        }
        RelayLayout layout = new RelayLayout(Path.of(cfg.relayDirFor(source)));
        LOG.info("source {} has enable-relay: true; relay log in {}", source.sourceId(), layout.root());
        return new RelayUnit(source, layout, stored);
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
