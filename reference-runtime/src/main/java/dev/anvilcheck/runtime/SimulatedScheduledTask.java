package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.spi.CallerKind;

/**
 * A background task launched by the scheduler: the caller frame is {@code scheduled_task}, which is untrusted (CTX-08, Q-02), in a task session of type {@code background_task}.
 *
 * @since 0.1
 */
public final class SimulatedScheduledTask extends SimulatedCaller<SimulatedScheduledTask> {
    SimulatedScheduledTask(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.SCHEDULED_TASK, "scheduled_task", null, dev.anvilcheck.runtime.internal.Ids.base32(25));
    }

    /**
     * The id of the simulated task (CTX-09).
     *
     * @return the task id
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the id of the task a caller stands for)")
    public String taskId() {
        return session.backgroundTaskId();
    }
}
