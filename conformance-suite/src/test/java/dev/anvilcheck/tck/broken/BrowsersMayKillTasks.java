package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;

/**
 * Breaks TASK-17: {@code kill()} on a Task a browser holds does not raise BackgroundTaskError (the
 * request is dropped silently).
 */
@Breaks(value = "TASK-17", bug = "kill() from the browser does not raise BackgroundTaskError")
public final class BrowsersMayKillTasks extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        Object result = super.call(caller, fnName, arguments);
        if (result instanceof Task task) {
            return new TaskWrapper(task) {
                @Override
                public void kill() {
                    try {
                        super.kill();
                    } catch (BackgroundTaskError e) {
                        // the bug: the refusal is swallowed
                    }
                }
            };
        }
        return result;
    }
}
