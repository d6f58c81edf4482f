package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;

/** Breaks TASK-08 and TASK-15: a killed task reports the status {@code completed}. */
@Breaks(value = "TASK-15", bug = "a killed task is reported completed")
public final class KilledTaskReportedCompleted extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public String getTerminationStatus() {
                String status = delegate().getTerminationStatus();
                return Task.KILLED.equals(status) ? Task.COMPLETED : status;
            }
        };
    }
}
