package io.dm4j.master.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.TaskCliArgs;
import java.util.List;
import java.util.Map;

/**
 * A change of the cluster state. Commands are the only way the state changes; each is written to the log before it
 * takes effect and applied by {@link StateMachine} the same way on every replay. Their JSON form is the log format:
 * add fields compatibly, never rename a type.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Command.RegisterWorker.class, name = "RegisterWorker"),
        @JsonSubTypes.Type(value = Command.RemoveWorker.class, name = "RemoveWorker"),
        @JsonSubTypes.Type(value = Command.AddSource.class, name = "AddSource"),
        @JsonSubTypes.Type(value = Command.RemoveSource.class, name = "RemoveSource"),
        @JsonSubTypes.Type(value = Command.Bind.class, name = "Bind"),
        @JsonSubTypes.Type(value = Command.Unbind.class, name = "Unbind"),
        @JsonSubTypes.Type(value = Command.AddTask.class, name = "AddTask"),
        @JsonSubTypes.Type(value = Command.SetStage.class, name = "SetStage"),
        @JsonSubTypes.Type(value = Command.RemoveSubTasks.class, name = "RemoveSubTasks"),
        @JsonSubTypes.Type(value = Command.ClearCliArgs.class, name = "ClearCliArgs"),
        @JsonSubTypes.Type(value = Command.SetRelayStage.class, name = "SetRelayStage"),
})
public sealed interface Command {

    /** A worker registered (or came back with another address or TTL). */
    record RegisterWorker(String name, String address, long keepaliveTtlSeconds) implements Command {
    }

    /** offline-member --worker: forget a worker (and its last-bound marks). */
    record RemoveWorker(String name) implements Command {
    }

    record AddSource(String sourceId, String yaml) implements Command {
    }

    /** operate-source stop: forget the source and its binding. */
    record RemoveSource(String sourceId) implements Command {
    }

    /** Bind a source to a worker (replacing any previous binding of either). */
    record Bind(String sourceId, String worker) implements Command {
    }

    record Unbind(String sourceId) implements Command {
    }

    /** start-task: add a task, or add subtasks to a task that runs on other sources (start-task -s). */
    record AddTask(String name, String yaml, String origin, Map<String, TaskCliArgs> sources, Stage stage) implements Command {
    }

    /** pause-task / resume-task: the desired stage of some subtasks. */
    record SetStage(String task, List<String> sources, Stage stage) implements Command {
    }

    /** stop-task: remove subtasks; a task left without subtasks is removed. */
    record RemoveSubTasks(String task, List<String> sources) implements Command {
    }

    /** The command-line arguments of a subtask reached its worker once; they must not apply again. */
    record ClearCliArgs(String task, String source) implements Command {
    }

    /** start-relay / pause-relay / resume-relay (Running, Paused) and stop-relay (Stopped: no relay log). */
    record SetRelayStage(String sourceId, Stage stage) implements Command {
    }
}
