package dev.anvilcheck.runtime.internal.cookies;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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

    synchronized void putAll(Map<String, Object> values, Instant expiry, Instant now) {
        purge(now);
        values.forEach((k, v) -> entries.put(k, new Entry(v, expiry)));
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized Map<String, Entry> snapshot(Instant now) {
        purge(now);
        return new LinkedHashMap<>(entries);
    }

    private void purge(Instant now) {
        entries.values().removeIf(e -> !e.expiry().isAfter(now));
    }
}
