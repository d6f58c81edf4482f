package dev.anvilcheck.server;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/** The {@code task_state} guard of code outside a background task: every access raises (TASK-06). */
final class OutsideTaskState extends AbstractMap<String, Object> implements TaskState {
    private final String message;

    OutsideTaskState(String message) {
        this.message = message;
    }

    private IllegalStateException refuse() {
        return new IllegalStateException(message);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        throw refuse();
    }

    @Override
    public Set<String> keySet() {
        throw refuse();
    }

    @Override
    public Collection<Object> values() {
        throw refuse();
    }

    @Override
    public int size() {
        throw refuse();
    }

    @Override
    public boolean isEmpty() {
        throw refuse();
    }

    @Override
    public boolean containsKey(Object key) {
        throw refuse();
    }

    @Override
    public boolean containsValue(Object value) {
        throw refuse();
    }

    @Override
    public Object get(Object key) {
        throw refuse();
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        throw refuse();
    }

    @Override
    public Object put(String key, Object value) {
        throw refuse();
    }

    @Override
    public void putAll(Map<? extends String, ?> values) {
        throw refuse();
    }

    @Override
    public Object remove(Object key) {
        throw refuse();
    }

    @Override
    public void clear() {
        throw refuse();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        throw refuse();
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        throw refuse();
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mapping) {
        throw refuse();
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        throw refuse();
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remapping) {
        throw refuse();
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remapping) {
        throw refuse();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "<anvil.server.task_state outside a background task>";
    }
}
