package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.Task;

/**
 * Breaks TASK-25: a handle of a task whose record was discarded reports it as completed, where the
 * platform sees a task it does not know ({@code "missing"}).
 */
@Breaks(value = "TASK-25", bug = "a discarded task's handle reports it completed")
public final class DiscardedTasksReportedCompleted extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public String getTerminationStatus() {
                String status = super.getTerminationStatus();
                if (Task.MISSING.equals(status)) {
                    try {
                        delegate().getTaskName();
                    } catch (BackgroundTaskNotFound discarded) {
                        return Task.COMPLETED;
                    }
                }
                return status;
            }
        };
    }
}
