package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.server.host.CallScope;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks TASK-06: outside a background task, {@code task_state} is an ordinary empty dict instead of
 * the guard that raises.
 */
@Breaks(value = "TASK-06", bug = "task_state usable outside background tasks")
public final class TaskStateOutsideTasks extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public TaskState taskState() {
                return context().backgroundTaskId() != null ? super.taskState() : new PlainState();
            }
        };
    }

    private static final class PlainState extends ConcurrentHashMap<String, Object> implements TaskState {
        private static final long serialVersionUID = 1L;
    }
}
