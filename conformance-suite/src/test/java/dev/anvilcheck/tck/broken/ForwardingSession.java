package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Session;
import java.util.Iterator;
import java.util.Set;

/** A session that passes every operation to the real one; a broken runtime overrides one. */
class ForwardingSession implements Session {
    final Session real;

    ForwardingSession(Session real) {
        this.real = real;
    }

    @Override
    public Object get(String key) {
        return real.get(key);
    }

    @Override
    public Object get(String key, Object defaultValue) {
        return real.get(key, defaultValue);
    }

    @Override
    public void put(String key, Object value) {
        real.put(key, value);
    }

    @Override
    public void remove(String key) {
        real.remove(key);
    }

    @Override
    public boolean containsKey(String key) {
        return real.containsKey(key);
    }

    @Override
    public Set<String> keys() {
        return real.keys();
    }

    @Override
    public String sessionId() {
        return real.sessionId();
    }

    @Override
    public Iterator<String> iterator() {
        return real.iterator();
    }
}
