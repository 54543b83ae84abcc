package io.dm4j.proto.message;

/**
 * What the master wants of one subtask on a worker.
 *
 * @param taskYaml the whole task.yaml text (the worker resolves its source's part)
 * @param origin   the task file's name, for messages
 * @param stage    desired stage: {@code Running} or {@code Paused}
 */
public record SubTaskSpec(String name, String sourceId, String taskYaml, String origin, Stage stage, TaskCliArgs cliArgs) {
    public SubTaskSpec {
        cliArgs = cliArgs == null ? TaskCliArgs.NONE : cliArgs;
    }
}
