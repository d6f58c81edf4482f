package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;

/** Breaks TASK-12: {@code get_return_value()} of a completed task is None. */
@Breaks(value = "TASK-12", bug = "a completed task's return value is lost")
public final class TaskReturnValueLost extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public Object getReturnValue() {
                Object value = delegate().getReturnValue();
                return Task.COMPLETED.equals(delegate().getTerminationStatus()) ? null : value;
            }
        };
    }
}
