package dev.anvilcheck.runtime.internal;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code task_state} of a background task whose function may run elsewhere, on an uplink: while
 * it runs there, readers get the state from where it lives (the server's {@code GET_TASK_STATE},
 * Uplink protocol §3.9; TASK-05, TASK-07, TASK-13), and once its function ended, the state its reply
 * carried. The uplink connection attaches the source when it sends the launch and detaches it when
 * the reply arrived.
 */
public interface RemoteTaskState {
    /**
     * Reads the state from {@code source} from now on, or again from this object for {@code null}.
     * The source returns the current entries, {@code null} when the task no longer runs there (then
     * the state held here is read), or raises what reading the state raised, e.g.
     * {@code SerializationError} for in-memory Media (TASK-07).
     *
     * @param source where the running task's state lives, or {@code null}
     */
    void readFrom(Supplier<Map<String, Object>> source);

    /**
     * The state the task's reply carried, once its function ended: replaces the entries held here
     * in one step (a reader never sees them half replaced), then stops reading from the source.
     *
     * @param state the final entries
     */
    void finish(Map<String, Object> state);
}
