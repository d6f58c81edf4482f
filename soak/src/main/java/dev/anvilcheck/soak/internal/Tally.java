package dev.anvilcheck.soak.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters by name, added to from any thread: what the report lists per category (frames by kind,
 * HTTP requests by scenario, log records by class). Thread-safe.
 *
 * @since 0.1
 */
public final class Tally {
    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * Adds one to {@code name}.
     *
     * @param name the counter
     * @since 0.1
     */
    public void add(String name) {
        add(name, 1);
    }

    /**
     * Adds {@code n} to {@code name}.
     *
     * @param name the counter
     * @param n how much
     * @since 0.1
     */
    public void add(String name, long n) {
        counts.computeIfAbsent(name, k -> new LongAdder()).add(n);
    }

    /**
     * The count of {@code name}, 0 if it was never added to.
     *
     * @param name the counter
     * @return its count
     * @since 0.1
     */
    public long get(String name) {
        LongAdder a = counts.get(name);
        return a == null ? 0 : a.sum();
    }

    /**
     * The sum of every counter.
     *
     * @return the total
     * @since 0.1
     */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * Every counter, sorted by name.
     *
     * @return a copy
     * @since 0.1
     */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
