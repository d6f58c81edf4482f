package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;

/**
 * Breaks TASK-17: every Task a server function returns is the client's view, whoever called, so
 * server code holding one is refused {@code kill()} as browser code is.
 */
@Breaks(value = "TASK-17", bug = "a Task returned to server code cannot be killed there")
public final class ServerCodeGetsClientTaskHandles extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        Object result = super.call(caller, fnName, arguments);
        if (result instanceof Task task) {
            return new TaskWrapper(task) {
                @Override
                public void kill() {
                    throw new BackgroundTaskError("Can't manage background tasks from the client");
                }
            };
        }
        return result;
    }
}
