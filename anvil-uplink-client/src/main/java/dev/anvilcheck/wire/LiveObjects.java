package dev.anvilcheck.wire;

import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.server.RuntimeUnavailableError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import java.util.List;
import java.util.Map;

/**
 * How values that travel by reference as LiveObjects cross the wire (Uplink protocol §4.6): a
 * background {@link Task} handle goes out as a LiveObject of backend
 * {@code anvil.private.BackgroundTask}, as the official server sends it (TASK-17), and a received
 * LiveObject descriptor becomes the value it stands for. A runtime supplies its own, which signs
 * the descriptors it issues and resolves the ones that come back to its own tasks; {@link #TASKS}
 * describes tasks by id without a MAC and resolves descriptors of that backend to handles that
 * know only their id.
 *
 * @since 0.1
 */
public interface LiveObjects {
    /** The backend name of a background task handle, as the official server names it. */
    String TASK_BACKEND = "anvil.private.BackgroundTask";

    /** The methods a task handle offers, as the official server lists them. */
    List<String> TASK_METHODS = List.of("get_id", "get_termination_status", "get_error", "get_state",
            "get_return_value", "get_task_name", "get_start_time", "is_completed", "is_running", "kill");

    /**
     * Describes tasks by id ({@code id} is the JSON string of the task id, as the official server
     * writes it, with no MAC and no permissions) and resolves received task descriptors to handles
     * whose {@link Task#getId()} answers and whose other methods raise, since they would need a
     * call back to the runtime that owns the task.
     */
    LiveObjects TASKS = new LiveObjects() {
        @Override
        public Map<String, Object> describe(Task task) {
            return WireTask.describe(task.getId(), null);
        }

        @Override
        public Object resolve(Map<String, Object> descriptor) {
            return WireTask.resolve(descriptor);
        }
    };

    /**
     * The LiveObject descriptor a task handle crosses as: {@code backend}, {@code id},
     * {@code permissions}, {@code mac}, {@code methods} and optionally {@code itemCache} (without
     * {@code type} and {@code path}, which the codec adds).
     *
     * @param task the handle
     * @return its descriptor
     */
    Map<String, Object> describe(Task task);

    /**
     * The value a received LiveObject descriptor stands for: a crossable value such as a
     * {@link Task}. The descriptor has its {@code methods} filled in even where the sender pruned
     * them (Uplink protocol §4.6).
     *
     * @param descriptor the descriptor, without {@code type} and {@code path}
     * @return the value
     * @throws SerializationError if the descriptor stands for nothing this side can hold
     */
    Object resolve(Map<String, Object> descriptor);

    /**
     * The {@code LazyMedia} descriptor a {@link LazyMedia} crosses as: by default its id as
     * {@code id} and {@code key}, with manager {@code anvilcheck}; the receiver fetches the bytes
     * from the sender when it first reads them (MEDIA-04; Uplink protocol §4.2).
     *
     * @param media the reference
     * @return its descriptor, without {@code type} and {@code path}
     */
    default Map<String, Object> describe(LazyMedia media) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("manager", "anvilcheck");
        d.put("key", media.id());
        d.put("id", media.id());
        return d;
    }

    /**
     * The {@link LazyMedia} a received descriptor stands for (MEDIA-04). By default a reference
     * with the descriptor's {@code id} whose reads raise {@code RuntimeUnavailableError}, since
     * fetching needs a call back over the connection it came from.
     *
     * @param descriptor the descriptor, without {@code type} and {@code path}
     * @return the reference
     */
    default LazyMedia lazyMedia(Map<String, Object> descriptor) {
        String id = String.valueOf(descriptor.get("id"));
        return new LazyMedia(id, () -> {
            throw new RuntimeUnavailableError("LazyMedia " + id + " cannot be fetched: it arrived over a connection"
                    + " that does not fetch Media");
        });
    }
}
