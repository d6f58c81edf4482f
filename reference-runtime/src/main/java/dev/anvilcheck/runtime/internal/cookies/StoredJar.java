package dev.anvilcheck.runtime.internal.cookies;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One jar's entries, each with its expiry (SESS-16). Values are kept as canonical copies and
 * handed out only as copies. Expired entries are dropped when the jar is next used, as the
 * platform drops them when it next decodes the cookie.
 */
final class StoredJar {
    /** A stored value and when it expires. */
    record Entry(Object value, Instant expiry) {}

    private final String name;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    StoredJar(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized Entry find(String key, Instant now) {
        purge(now);
        return entries.get(key);
    }

    /**
     * Stores {@code values} with one expiry, if {@code admit} accepts the entries the jar would
     * then hold; otherwise the jar keeps what it held and the refusal propagates.
     */
    synchronized void putAll(Map<String, Object> values, Instant expiry, Instant now,
            Consumer<Map<String, Entry>> admit) {
        purge(now);
        Map<String, Entry> next = new LinkedHashMap<>(entries);
        values.forEach((k, v) -> next.put(k, new Entry(v, expiry)));
        admit.accept(Collections.unmodifiableMap(next));
        // next holds every key of entries (purged just now), so putting it over them replaces them all
        entries.putAll(next);
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }

    synchronized void clear() {
        entries.clear();
    }

    private void purge(Instant now) {
        entries.values().removeIf(e -> !e.expiry().isAfter(now));
    }
}
