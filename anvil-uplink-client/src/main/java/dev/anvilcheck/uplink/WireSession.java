package dev.anvilcheck.uplink;

import dev.anvilcheck.server.Session;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code anvil.server.session} of one incoming call: the contents the server sent in
 * {@code sessionData}, changed by the function and sent back with its reply (Uplink protocol §4.7;
 * SESS-01..08).
 */
final class WireSession implements Session {
    private final Map<String, Object> values;
    private final String sessionId;

    WireSession(Map<String, Object> received, String sessionId) {
        this.values = received == null ? new LinkedHashMap<>() : new LinkedHashMap<>(received);
        this.sessionId = sessionId;
    }

    @Override
    public synchronized Object get(String key) {
        return values.get(key);
    }

    @Override
    public synchronized Object get(String key, Object defaultValue) {
        return values.containsKey(key) ? values.get(key) : defaultValue;
    }

    @Override
    public synchronized void put(String key, Object value) {
        values.put(key, value);
    }

    @Override
    public synchronized void remove(String key) {
        if (!values.containsKey(key)) {
            throw new dev.anvilcheck.python.KeyError(key);
        }
        values.remove(key);
    }

    @Override
    public synchronized boolean containsKey(String key) {
        return values.containsKey(key);
    }

    @Override
    public synchronized Set<String> keys() {
        return Set.copyOf(values.keySet());
    }

    @Override
    public String sessionId() {
        return sessionId;
    }

    @Override
    public synchronized Iterator<String> iterator() {
        return List.copyOf(values.keySet()).iterator();
    }

    /** Replaces the contents, e.g. with those of the session an endpoint moved to (HTTP-27). */
    synchronized void replace(Map<?, ?> contents) {
        values.clear();
        contents.forEach((k, v) -> values.put(String.valueOf(k), v));
    }

    /** The contents to send back in the reply's {@code sessionData}. */
    synchronized Map<String, Object> contents() {
        return new LinkedHashMap<>(values);
    }
}
