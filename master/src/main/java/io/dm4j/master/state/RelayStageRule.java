package io.dm4j.master.state;

import io.dm4j.proto.message.Stage;
import java.util.Map;
import java.util.Set;

/** How {@link Command.SetRelayStage} changes the relay stages: Stopped removes the entry, anything else sets it. */
final class RelayStageRule {
    private RelayStageRule() {
    }

    static void apply(Map<String, RelayEntry> relays, Set<String> sources, Command.SetRelayStage c) {
        if (c.stage() == Stage.STOPPED) {
            relays.remove(c.sourceId());
        } else if (sources.contains(c.sourceId())) {
            relays.put(c.sourceId(), new RelayEntry(c.sourceId(), c.stage()));
        }
    }
}
