package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;

/** Breaks TASK-09: {@code is_running()} stays true after the task ended. */
@Breaks(value = "TASK-09", bug = "is_running() stays true after the task ended")
public final class TasksRunForever extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public boolean isRunning() {
                return true;
            }
        };
    }
}
