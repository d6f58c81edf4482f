package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;

/** Breaks TASK-11: {@code get_error()} of a task that completed is not {@code None}. */
@Breaks(value = "TASK-11", bug = "completed tasks report an error")
public final class CompletedTasksReportAnError extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public RuntimeException getError() {
                RuntimeException real = super.getError();
                return real == null && COMPLETED.equals(getTerminationStatus()) ? new IllegalStateException("completed") : real;
            }
        };
    }
}
