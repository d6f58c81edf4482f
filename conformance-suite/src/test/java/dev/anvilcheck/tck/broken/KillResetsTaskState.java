package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Task;
import java.util.Map;

/** Breaks TASK-13: a killed task's state is reset to empty instead of the state captured at the kill. */
@Breaks(value = "TASK-13", bug = "a killed task's state is reset to empty")
public final class KillResetsTaskState extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public Map<String, Object> getState() {
                Map<String, Object> state = delegate().getState();
                return Task.KILLED.equals(delegate().getTerminationStatus()) ? Map.of() : state;
            }
        };
    }
}
