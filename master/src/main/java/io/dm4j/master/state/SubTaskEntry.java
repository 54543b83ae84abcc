package io.dm4j.master.state;

import io.dm4j.proto.message.Stage;
import io.dm4j.proto.message.TaskCliArgs;

/** One source's part of a task: its desired stage and the command-line arguments not yet delivered to a worker. */
public record SubTaskEntry(String source, Stage stage, TaskCliArgs cliArgs) {
    public SubTaskEntry {
        cliArgs = cliArgs == null ? TaskCliArgs.NONE : cliArgs;
    }

    SubTaskEntry withStage(Stage s) {
        return new SubTaskEntry(source, s, cliArgs);
    }

    SubTaskEntry withoutCliArgs() {
        return new SubTaskEntry(source, stage, TaskCliArgs.NONE);
    }
}
