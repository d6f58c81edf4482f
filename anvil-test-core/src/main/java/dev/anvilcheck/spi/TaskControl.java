package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.Task;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How the conformance suite waits for background tasks, runs them where the runtime lets it, and
 * injects their faults (Feature {@link Feature#BACKGROUND_TASKS}). The suite never sleeps: it
 * waits for a task to end with {@link #awaitTermination(Task, Duration)}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface TaskControl {
    /**
     * Waits until {@code task} has a termination status (TASK-08), at most {@code timeout}. A
     * runtime with {@link Feature#DETERMINISTIC_TASKS} first runs pending tasks, in launch order, on
     * the calling thread, until this one ended.
     *
     * @param task the task, as any caller or server code obtained it
     * @param timeout how long to wait at most
     * @return true if the task ended, false on timeout
     */
    boolean awaitTermination(Task task, Duration timeout);

    /**
     * How many finished task records the runtime keeps before it discards the oldest on the next
     * launch (TASK-25; the App Server keeps 1000); {@link Integer#MAX_VALUE} when it keeps all.
     *
     * @return the retention bound
     */
    int retention();

    /**
     * How many launched tasks wait to be run. Needs {@link Feature#DETERMINISTIC_TASKS}.
     *
     * @return the number of pending tasks
     * @throws UnsupportedOperationException without {@link Feature#DETERMINISTIC_TASKS}
     */
    default int pending() {
        throw new UnsupportedOperationException("this runtime runs background tasks on its own");
    }

    /**
     * Runs the pending tasks, in launch order and including tasks they launch, on the calling
     * thread, until none is left. Needs {@link Feature#DETERMINISTIC_TASKS}.
     *
     * @return how many tasks ran
     * @throws UnsupportedOperationException without {@link Feature#DETERMINISTIC_TASKS}
     */
    default int runPending() {
        throw new UnsupportedOperationException("this runtime runs background tasks on its own");
    }

    /**
     * Makes the worker running {@code task} die, as when it runs out of memory (TASK-23, ERR-07): a
     * running task ends as {@link Task#FAILED} with
     * {@link dev.anvilcheck.server.ExecutionTerminatedError}. Needs {@link Feature#FAULT_INJECTION}.
     *
     * @param task a running task
     * @throws UnsupportedOperationException without {@link Feature#FAULT_INJECTION}
     */
    default void workerDies(Task task) {
        throw new UnsupportedOperationException("this runtime does not let the suite kill task workers");
    }

    /**
     * Makes the runtime lose track of {@code task}, as when its executor no longer knows it
     * (TASK-23): a running task ends as {@link Task#MISSING}. Needs {@link Feature#FAULT_INJECTION}.
     *
     * @param task a running task
     * @throws UnsupportedOperationException without {@link Feature#FAULT_INJECTION}
     */
    default void executorForgets(Task task) {
        throw new UnsupportedOperationException("this runtime does not let the suite lose track of tasks");
    }
}
