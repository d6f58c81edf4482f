package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.spi.CallerKind;

/**
 * Server code running inside a background task: a trusted {@code server_module} caller in the task's own session of type {@code background_task}, which starts empty and with nobody logged in (CTX-05, CTX-09, SESS-14, AUTH-05). Callees see the task's id in {@code context.backgroundTaskId}.
 * Functions it calls see exactly what functions called by a real task's code see (client type
 * {@code background_task} without IP, remote caller {@code server_module}, the task's id, no
 * {@code task_state}); it may launch tasks itself (TASK-02). It is a shortcut for tests of the
 * called functions: its id names no task record, so {@code getBackgroundTask(taskId())} raises
 * {@code BackgroundTaskNotFound}. For a real task, register one with
 * {@link AnvilRuntime#registerBackgroundTask} and launch it.
 *
 * @since 0.1
 */
public final class SimulatedBackgroundTask extends SimulatedCaller<SimulatedBackgroundTask> {
    SimulatedBackgroundTask(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.BACKGROUND_TASK, "server_module", null, dev.anvilcheck.runtime.internal.Ids.base32(25));
    }

    /**
     * The id of the simulated task, as callees see it in {@code context.backgroundTaskId} (CTX-09);
     * 25 lower-case base32 characters (TASK-14).
     *
     * @return the task id
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the id of the task a caller stands for)")
    public String taskId() {
        return session.backgroundTaskId();
    }
}
