package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;

/** Breaks TASK-14: {@code get_task_name()} keeps the internal {@code task:} prefix. */
@Breaks(value = "TASK-14", bug = "get_task_name() keeps the task: prefix")
public final class TaskNamesKeepTheirPrefix extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public String getTaskName() {
                return "task:" + delegate().getTaskName();
            }
        };
    }
}
