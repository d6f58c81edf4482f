package dev.anvilcheck.uplink;

import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code anvil.server.task_state} of a background task this uplink runs (Uplink protocol §3.9;
 * TASK-05, TASK-06): written by the task's function, read by the server's {@code GET_TASK_STATE}
 * from another thread, so every access holds the map's lock.
 */
final class UplinkTaskState extends AbstractMap<String, Object> implements TaskState {
    private final Map<String, Object> values = new LinkedHashMap<>();

    @Override
    public synchronized Object put(String key, Object value) {
        return values.put(key, value);
    }

    @Override
    public synchronized Object get(Object key) {
        return values.get(key);
    }

    @Override
    public synchronized Object remove(Object key) {
        return values.remove(key);
    }

    /** Empties the state ({@code task_state.clear()}); the entry set is a copy, so it cannot. */
    @Override
    public synchronized void clear() {
        values.clear();
    }

    @Override
    public synchronized Set<Entry<String, Object>> entrySet() {
        return Map.copyOf(values).entrySet();
    }

    /** A copy of the state, to send in a reply. */
    synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(values);
    }

    /**
     * The reply to the server's {@code GET_TASK_STATE} {@code queryId} for {@code state} (Uplink
     * protocol §3.9): the state, or, as the official client answers, the error
     * {@code anvil.server.NotRunningTask} "No such task running" when this uplink runs no such task,
     * and {@code anvil.server.SerializationError} "Illegal value in a anvil.server.task_state. ..."
     * when the state holds in-memory Media or another value that cannot cross (TASK-07, MEDIA-05).
     */
    static Message reply(WireCodec codec, String queryId, UplinkTaskState state) {
        if (state == null) {
            return Message.Failure.of(queryId, new WireError("anvil.server.NotRunningTask", "No such task running",
                    List.of()));
        }
        Map<String, Object> entries = state.snapshot();
        try {
            String media = inMemoryMedia(entries);
            if (media != null) {
                throw new SerializationError("Cannot use " + media + " objects in task state.");
            }
            Message response = Message.Response.of(queryId, entries);
            codec.encode(response);
            return response;
        } catch (SerializationError e) {
            return Message.Failure.of(queryId, new WireError(SerializationError.WIRE_TYPE,
                    "Illegal value in a anvil.server.task_state. " + e.getMessage(), List.of()));
        }
    }

    /** The class name of the first in-memory Media inside {@code value}, or {@code null}. */
    private static String inMemoryMedia(Object value) {
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(value);
        while (!stack.isEmpty()) {
            Object next = stack.pop();
            if (next instanceof Media m && !(next instanceof LazyMedia)) {
                return m.getClass().getSimpleName();
            } else if (next instanceof Map<?, ?> map) {
                map.values().forEach(v -> {
                    if (v != null) {
                        stack.push(v);
                    }
                });
            } else if (next instanceof Collection<?> items) {
                items.forEach(v -> {
                    if (v != null) {
                        stack.push(v);
                    }
                });
            }
        }
        return null;
    }
}
