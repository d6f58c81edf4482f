package dev.anvilcheck.runtime.internal.tasks;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.RemoteTaskState;
import dev.anvilcheck.server.TaskState;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A running task's {@code task_state} (TASK-05): a dictionary in insertion order that the task's
 * function writes and other threads read through {@link dev.anvilcheck.server.Task#getState()};
 * every operation is synchronized, and {@link #snapshot()} copies it consistently.
 */
final class LiveTaskState implements TaskState, RemoteTaskState {
    private final Map<String, Object> map = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile Supplier<Map<String, Object>> source;

    private static String check(String key) {
        if (key == null) {
            throw new TypeError("anvil.server.task_state keys must be strings, not None");
        }
        return key;
    }

    /** @return a copy of the current entries, taken atomically */
    Map<String, Object> snapshot() {
        synchronized (map) {
            return new LinkedHashMap<>(map);
        }
    }

    @Override
    public void readFrom(Supplier<Map<String, Object>> source) {
        this.source = source;
    }

    @Override
    public void finish(Map<String, Object> state) {
        synchronized (map) {
            map.clear();
            state.forEach((k, v) -> map.put(check(k), v));
        }
        source = null;
    }

    /**
     * The state as a reader of the running task sees it (TASK-05): from where the function runs
     * when that is elsewhere ({@link RemoteTaskState}), else a copy of the entries held here.
     *
     * @return the entries
     */
    Map<String, Object> current() {
        Supplier<Map<String, Object>> remote = source;
        Map<String, Object> there = remote == null ? null : remote.get();
        return there != null ? there : snapshot();
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public boolean containsValue(Object value) {
        return map.containsValue(value);
    }

    @Override
    public Object get(Object key) {
        return map.get(key);
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        return map.getOrDefault(key, defaultValue);
    }

    @Override
    public Object put(String key, Object value) {
        return map.put(check(key), value);
    }

    @Override
    public Object remove(Object key) {
        return map.remove(key);
    }

    @Override
    public void putAll(Map<? extends String, ?> values) {
        for (String key : values.keySet()) {
            check(key);
        }
        map.putAll(values);
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public Set<String> keySet() {
        return map.keySet();
    }

    @Override
    public Collection<Object> values() {
        return map.values();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map.entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        map.forEach(action);
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        return map.putIfAbsent(check(key), value);
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mapping) {
        return map.computeIfAbsent(check(key), mapping);
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        return map.computeIfPresent(check(key), remapping);
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        return map.compute(check(key), remapping);
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remapping) {
        return map.merge(check(key), value, remapping);
    }

    @Override
    public boolean equals(Object other) {
        return other == this || map.equals(other);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    @OutsideTheSpecification("task_state's rendering in Java: no clause speaks of it")
    public String toString() {
        return map.toString();
    }
}
