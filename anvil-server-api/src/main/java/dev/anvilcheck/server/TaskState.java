package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * The progress data a background task publishes ({@code anvil.server.task_state}): a dictionary
 * with string keys, empty when the task starts, which the task's own function fills and anybody
 * holding the {@link Task} reads with {@link Task#getState()} while it runs and after it ended
 * (TASK-05, TASK-13). Values must be able to cross a call boundary; in-memory Media may be put
 * in, but makes {@link Task#getState()} of the running task raise {@link SerializationError}
 * (TASK-07, MEDIA-05) and is dropped with the rest of the state when the task ends.
 * {@code null} keys raise {@link dev.anvilcheck.python.TypeError}. Outside a background task's
 * function, {@link AnvilServer#taskState()} returns a guard on which every read and write raises
 * {@link IllegalStateException} with the platform's message (TASK-06); see
 * {@link #outsideTask(String)}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface TaskState extends Map<String, Object> {
    /** The message of the guard in server code (TASK-06). */
    String OUTSIDE_TASK_MESSAGE = "Cannot access anvil.server.task_state outside a background task";
    /** The message of the guard in uplink code (TASK-06). */
    String OUTSIDE_TASK_MESSAGE_UPLINK = "anvil.server.task_state is only accessible in background tasks";

    /**
     * The guard that code outside a background task sees as {@code task_state} (TASK-06): every
     * read or write raises {@link IllegalStateException}, with the uplink's message when
     * {@code environment} is {@code uplink} and the server's otherwise.
     *
     * @param environment the {@code context.type} of the code that reads it
     * @return the guard
     */
    static TaskState outsideTask(String environment) {
        return new OutsideTaskState("uplink".equals(environment) ? OUTSIDE_TASK_MESSAGE_UPLINK : OUTSIDE_TASK_MESSAGE);
    }
}
