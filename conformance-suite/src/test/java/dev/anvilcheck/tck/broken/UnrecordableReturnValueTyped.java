package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;

/**
 * Breaks TASK-21: the failure recorded for a task that returned Media is typed as
 * {@code SerializationError}, where the platform records an error without a type.
 */
@Breaks(value = "TASK-21", bug = "the failure of a task that returned Media is a SerializationError")
public final class UnrecordableReturnValueTyped extends DelegatingProvider {
    @Override
    protected Task task(Task task) {
        return new TaskWrapper(task) {
            @Override
            public boolean isCompleted() {
                try {
                    return super.isCompleted();
                } catch (AnvilWrappedError e) {
                    throw e.wireType() == null ? new SerializationError(e.getMessage()) : e;
                }
            }
        };
    }
}
