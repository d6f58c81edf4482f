package dev.anvilcheck.uplink;

import dev.anvilcheck.server.TaskState;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
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

    @Override
    public synchronized Set<Entry<String, Object>> entrySet() {
        return Map.copyOf(values).entrySet();
    }

    /** A copy of the state, to send in a reply. */
    synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(values);
    }
}
