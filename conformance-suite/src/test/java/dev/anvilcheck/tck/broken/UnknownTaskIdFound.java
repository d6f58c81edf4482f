package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;

/** Breaks TASK-19: looking up an unknown task id returns a handle instead of raising BackgroundTaskNotFound. */
@Breaks(value = "TASK-19", bug = "an unknown task id gives a handle instead of BackgroundTaskNotFound")
public final class UnknownTaskIdFound extends DelegatingProvider {
    @Override
    protected Task getBackgroundTask(Caller caller, String id) {
        try {
            return super.getBackgroundTask(caller, id);
        } catch (BackgroundTaskNotFound e) {
            return caller.listBackgroundTasks(false).get(0);
        }
    }
}
