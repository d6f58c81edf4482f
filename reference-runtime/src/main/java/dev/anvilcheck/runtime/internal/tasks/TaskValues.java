package dev.anvilcheck.runtime.internal.tasks;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.ValuePath;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Walks over values in canonical form (copies made by {@link Crossing}, so free of cycles) for what
 * background tasks need: Media in a task's return value or state (TASK-07, TASK-21, Q-12) and task
 * handles that reach client code (TASK-17). Walks use an explicit stack, so depth costs no
 * recursion.
 */
final class TaskValues {
    private static final String STATE_PREFIX = "Illegal value in a anvil.server.task_state. ";
    private static final ValuePath STATE = ValuePath.root().key("task_state");

    private TaskValues() {}

    /** Whether a canonical value holds in-memory Media anywhere. */
    static boolean containsMedia(Object value) {
        if (value instanceof Media) {
            return true;
        }
        if (!(value instanceof List<?>) && !(value instanceof Map<?, ?>)) {
            return false;
        }
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(value);
        while (!stack.isEmpty()) {
            Object next = stack.pop();
            Iterable<?> items = next instanceof List<?> list ? list : ((Map<?, ?>) next).values();
            for (Object item : items) {
                if (item instanceof Media) {
                    return true;
                }
                if (item instanceof List<?> || item instanceof Map<?, ?>) {
                    stack.push(item);
                }
            }
        }
        return false;
    }

    /**
     * A copy of a task's state as a reader receives it (TASK-07).
     *
     * @param entries the state's entries
     * @param zone the zone of the task's function, which stamps naive date-times it stored
     * @return the copy
     * @throws SerializationError if the state holds Media or a value that cannot cross
     */
    static Map<String, Object> copyState(Map<String, Object> entries, ZoneId zone) {
        Object copy;
        try {
            copy = Crossing.copy(entries, zone, STATE);
        } catch (SerializationError e) {
            throw new SerializationError(STATE_PREFIX + e.getMessage());
        }
        if (containsMedia(copy)) {
            throw new SerializationError(STATE_PREFIX + "Cannot use BlobMedia objects in task state.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) copy;
        return state;
    }

    /**
     * The state to keep when a task ends: a copy, or {@code null} when it holds something that
     * cannot be kept, which is silently dropped.
     */
    static Map<String, Object> keptState(LiveTaskState state, ZoneId zone) {
        try {
            return copyState(state.snapshot(), zone);
        } catch (SerializationError e) {
            return null;
        }
    }

    /**
     * Replaces, in place, every task handle of {@code manager} inside a crossed value by its
     * client view (TASK-17); crossed lists and maps are fresh mutable copies.
     */
    static Object toClient(Object value, TaskManager manager) {
        if (value instanceof TaskHandle handle) {
            return handle.clientView(manager);
        }
        if (!(value instanceof List<?>) && !(value instanceof Map<?, ?>)) {
            return value;
        }
        Deque<Object> stack = new ArrayDeque<>();
        stack.push(value);
        while (!stack.isEmpty()) {
            Object next = stack.pop();
            if (next instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> items = (List<Object>) list;
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (item instanceof TaskHandle handle) {
                        Object view = handle.clientView(manager);
                        if (view != item) {
                            items.set(i, view);
                        }
                    } else if (item instanceof List<?> || item instanceof Map<?, ?>) {
                        stack.push(item);
                    }
                }
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> entries = (Map<String, Object>) next;
                for (Map.Entry<String, Object> entry : entries.entrySet()) {
                    Object item = entry.getValue();
                    if (item instanceof TaskHandle handle) {
                        Object view = handle.clientView(manager);
                        if (view != item) {
                            entry.setValue(view);
                        }
                    } else if (item instanceof List<?> || item instanceof Map<?, ?>) {
                        stack.push(item);
                    }
                }
            }
        }
        return value;
    }
}
