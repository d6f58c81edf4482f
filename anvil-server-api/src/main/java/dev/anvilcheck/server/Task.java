package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.OffsetDateTime;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A handle on a background task (Python's {@code anvil.server} Task), returned by
 * {@link AnvilServer#launchBackgroundTask(String, Object...)}, {@link AnvilServer#getBackgroundTask(String)}
 * and {@link AnvilServer#listBackgroundTasks()}. Every method asks the runtime for the task's
 * current record, so one handle follows the task from start to end. A task is running until it
 * reaches exactly one terminal status, which then never changes (TASK-08): {@link #COMPLETED}
 * after its function returned, {@link #FAILED} after it raised (or its return value could not be
 * kept, TASK-21), {@link #KILLED} after {@link #kill()}, {@link #MISSING} when the runtime lost
 * track of it or its record was discarded (TASK-23, TASK-25). A handle is a live object: it
 * crosses call boundaries by reference, and a handle that reached client code may read the task
 * but not kill it (TASK-17). Two handles are equal when they name the same task of the same
 * runtime.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface Task {
    /** The termination status of a task whose function returned normally (TASK-08). */
    String COMPLETED = "completed";
    /** The termination status of a task that raised, or whose result could not be kept (TASK-08, TASK-21). */
    String FAILED = "failed";
    /** The termination status of a killed task (TASK-08, TASK-15). */
    String KILLED = "killed";
    /** The termination status of a task the runtime lost track of (TASK-08, TASK-23). */
    String MISSING = "missing";

    /**
     * The task's id ({@code get_id()}, TASK-14), the value that code running in the task sees as
     * {@code context.backgroundTaskId} (CTX-09). The reference runtime uses the App Server's shape:
     * 25 lower-case base32 characters.
     *
     * @return the id
     */
    String getId();

    /**
     * The task's name without the {@code task:} prefix ({@code get_task_name()}, TASK-14).
     *
     * @return the name
     * @throws BackgroundTaskNotFound if the task's record no longer exists (TASK-25)
     */
    String getTaskName();

    /**
     * When the task was launched, by the runtime's clock ({@code get_start_time()}, TASK-14).
     *
     * @return the start time
     * @throws BackgroundTaskNotFound if the task's record no longer exists (TASK-25)
     */
    OffsetDateTime getStartTime();

    /**
     * The task's {@code task_state} ({@code get_state()}, TASK-13): while it runs, a copy of the live
     * state; once it ended, a copy of the state captured at the end (for a killed task, at the kill).
     * {@code null} when no state was kept: its final state held Media or other values that could
     * not be kept, or the task is missing.
     *
     * @return a copy of the state, or {@code null}
     * @throws SerializationError if the task runs and its state holds in-memory Media or another
     *     value that cannot cross (TASK-07)
     */
    Map<String, Object> getState();

    /**
     * The termination status ({@code get_termination_status()}, TASK-08): {@code null} while the
     * task runs, then exactly one of {@link #COMPLETED}, {@link #FAILED}, {@link #KILLED},
     * {@link #MISSING}, for good.
     *
     * @return the status, or {@code null} while running
     */
    String getTerminationStatus();

    /**
     * The function's return value, a copy, once the task completed ({@code get_return_value()},
     * TASK-12); {@code null} while it runs, if it was killed, or if it is missing.
     *
     * @return the return value, or {@code null}
     * @throws RuntimeException the task's error, re-created as ERR-02 says, if the task failed
     */
    Object getReturnValue();

    /**
     * The error of a failed task ({@code get_error()}, TASK-11, Q-06). Like the platform, the
     * reference runtime <em>raises</em> the task's error, re-created as it would cross the wire
     * (ERR-01..05: registered types as themselves, others as {@link AnvilWrappedError}; Q-14);
     * it returns {@code null} for a task that has not failed (running, completed, killed). Other
     * runtimes may return the error instead of raising it, which the conformance suite accepts.
     *
     * @return {@code null} when the task has not failed
     * @throws RuntimeException the task's error, if it failed
     */
    RuntimeException getError();

    /**
     * Whether the task is still running ({@code is_running()}, TASK-09): true exactly while its
     * termination status is {@code null}.
     *
     * @return true while running
     */
    boolean isRunning();

    /**
     * Whether the task completed ({@code is_completed()}, TASK-10): false while it runs, true once
     * it completed.
     *
     * @return true once completed, false while running
     * @throws RuntimeException the task's error, if it failed
     * @throws BackgroundTaskKilled if it was killed (Q-05: on every side)
     * @throws InternalError if it is missing and no error was recorded
     */
    boolean isCompleted();

    /**
     * Kills the task, without waiting for it ({@code kill()}, TASK-15): its status becomes
     * {@link #KILLED} and its state is captured; the reference runtime interrupts the task's
     * thread, and nothing the task's code does afterwards (return value, errors, state, further
     * calls) is kept. A no-op for a task that already ended or is unknown (TASK-16), and for a
     * task whose function runs on an uplink, which keeps running (TASK-18).
     *
     * @throws BackgroundTaskError if called from client code, e.g. by a browser holding a task
     *     that a server function returned (TASK-17)
     */
    void kill();
}
