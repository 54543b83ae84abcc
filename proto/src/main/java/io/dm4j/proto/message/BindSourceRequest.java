package io.dm4j.proto.message;

import java.util.List;

/**
 * The master's whole wish for one worker: the bound source (with its source.yaml) and the subtasks with their desired
 * stages. Idempotent: the worker starts what is missing, removes what is no longer listed and acts on desired stages
 * that changed since the last request; an unchanged desired stage is left alone (so an auto-resume or an error
 * state is not overridden).
 *
 * @param revision   the master's state index; a worker ignores a request older than one it already applied
 * @param sourceId   "" = the worker is free (stop everything)
 * @param sourceYaml the source.yaml text
 * @param relayStage desired stage of the source's relay log: Running, Paused, or Stopped (no relay log)
 */
public record BindSourceRequest(long revision, String sourceId, String sourceYaml, List<SubTaskSpec> subtasks, Stage relayStage) {
    public BindSourceRequest {
        sourceId = sourceId == null ? "" : sourceId;
        sourceYaml = sourceYaml == null ? "" : sourceYaml;
        subtasks = subtasks == null ? List.of() : List.copyOf(subtasks);
        relayStage = relayStage == null || relayStage == Stage.INVALID ? Stage.STOPPED : relayStage;
    }

    /** A wish without relay log. */
    public BindSourceRequest(long revision, String sourceId, String sourceYaml, List<SubTaskSpec> subtasks) {
        this(revision, sourceId, sourceYaml, subtasks, Stage.STOPPED);
    }
}
