package io.dm4j.master.scheduler;

import io.dm4j.common.errors.MasterErrors;
import io.dm4j.common.errors.RelayStageErrors;
import io.dm4j.master.state.ClusterState;
import io.dm4j.master.state.Command;
import io.dm4j.master.state.RelayEntry;
import io.dm4j.proto.message.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The relay commands as state changes, and the relay stage a worker is asked for. Pure: checks a request against the
 * state and returns the commands to apply.
 *
 * <p>Semantics follow DM v5.4+: a source created with {@code enable-relay: true} starts with its relay Running;
 * {@code start-relay} / {@code stop-relay} then switch it on and off whatever the source file says (they are DM's
 * dynamic way of changing enable-relay; the latest of them wins). {@code pause-relay} needs it Running,
 * {@code resume-relay} needs it Paused. The relay runs on the worker bound to the source; after a failover the new
 * worker gets the same stage.
 */
public final class RelayStages {
    private RelayStages() {
    }

    /** DM's RelayOp names. */
    public static final String START = "StartRelay";
    public static final String STOP = "StopRelay";
    public static final String PAUSE = "PauseRelay";
    public static final String RESUME = "ResumeRelay";

    /** The relay stage the worker of the source should have: Running, Paused or Stopped (no relay log). */
    public static Stage desired(ClusterState state, String sourceId) {
        return Optional.ofNullable(state.relays().get(sourceId)).map(RelayEntry::stage).orElse(Stage.STOPPED);
    }

    /** The commands a source created with this enable-relay value starts with. */
    public static List<Command> onCreate(String sourceId, boolean enableRelay) {
        return enableRelay ? List.of(new Command.SetRelayStage(sourceId, Stage.RUNNING)) : List.of();
    }

    /**
     * The commands for one relay operation on some sources; throws when a source is unknown, a named worker does not
     * serve the source, or the relay is not in the stage the operation needs. Nothing is applied unless every source
     * fits.
     */
    public static List<Command> plan(ClusterState state, String op, List<String> sources, List<String> workers) {
        if (sources.isEmpty()) {
            throw MasterErrors.INVALID_OPERATION.error(label(op) + " needs at least one source: " + label(op) + " -s SOURCE");
        }
        if (!workers.isEmpty() && !(op.equals(START) || op.equals(STOP))) {
            throw MasterErrors.INVALID_OPERATION.error(label(op) + " takes no worker names, only -s SOURCE");
        }
        if (!workers.isEmpty() && sources.size() != 1) {
            throw MasterErrors.INVALID_OPERATION.error(label(op) + " with worker names takes exactly one source, not " + sources);
        }
        List<Command> out = new ArrayList<>();
        for (String src : sources) {
            if (!state.sources().containsKey(src)) {
                throw MasterErrors.SOURCE_NOT_FOUND.error(src, state.sources().keySet());
            }
            for (String w : workers) {
                String bound = state.workerOf(src).orElse("");
                if (!w.equals(bound)) {
                    throw RelayStageErrors.WORKER_BOUND_ELSEWHERE.error(w, src, bound.isEmpty() ? "the source is not bound"
                            : "it is served by " + bound + (state.sourceOf(w).map(x -> "; " + w + " serves " + x).orElse("")));
                }
            }
            Stage now = desired(state, src);
            Stage next = switch (op) {
                case START -> Stage.RUNNING;
                case STOP -> Stage.STOPPED;
                case PAUSE -> require(src, now, Stage.RUNNING, op, Stage.PAUSED);
                case RESUME -> require(src, now, Stage.PAUSED, op, Stage.RUNNING);
                default -> throw MasterErrors.INVALID_OPERATION.error("unknown relay operation `" + op
                        + "`; use StartRelay, StopRelay, PauseRelay or ResumeRelay");
            };
            // start-relay on a paused relay leaves it paused, as DM does (resume-relay resumes it)
            if (op.equals(START) && now == Stage.PAUSED) {
                next = Stage.PAUSED;
            }
            if (next != now) {
                out.add(new Command.SetRelayStage(src, next));
            }
        }
        return out;
    }

    private static Stage require(String src, Stage now, Stage needed, String op, Stage next) {
        if (now != needed) {
            throw RelayStageErrors.INVALID_STAGE_CHANGE.error(src, now == Stage.STOPPED ? "not started" : now.label(), label(op),
                    needed.label());
        }
        return next;
    }

    /** The dmctl command name of an operation ({@code PauseRelay} → {@code pause-relay}). */
    public static String label(String op) {
        return switch (op) {
            case START -> "start-relay";
            case STOP -> "stop-relay";
            case PAUSE -> "pause-relay";
            case RESUME -> "resume-relay";
            default -> op;
        };
    }
}
