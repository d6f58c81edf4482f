package dev.anvilcheck.runtime.internal.tasks;

import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What background tasks need of values: copies of a task's state as readers receive it, with
 * in-memory Media refused by the value model (TASK-07, MEDIA-05, Q-12), and task handles that
 * reach client code (TASK-17), found by a walk over crossed values with an explicit stack, so depth
 * costs no recursion.
 */
final class TaskValues {
    private TaskValues() {}

    /**
     * A copy of a task's state as a reader receives it (TASK-07).
     *
     * @param entries the state's entries
     * @param task the side of the task's function, whose zone stamps naive date-times it stored
     * @param reader the side that reads the state
     * @return the copy
     * @throws SerializationError if the state holds in-memory Media or a value that cannot cross
     */
    static Map<String, Object> copyState(Map<String, Object> entries, Side task, Side reader) {
        return Crossing.from(task).to(reader).taskState(entries);
    }

    /**
     * The state to keep when a task ends, as server code holds it: a copy, or {@code null} when it
     * holds something that cannot be kept, which is silently dropped.
     */
    static Map<String, Object> keptState(LiveTaskState state, Side task, Side server) {
        try {
            return copyState(state.snapshot(), task, server);
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
