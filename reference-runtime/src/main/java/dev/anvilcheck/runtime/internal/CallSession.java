package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Session;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One call's working copy of the session (SESS-02): changes stay here until the call returns
 * normally and the runtime commits them (SESS-07, SESS-08).
 */
final class CallSession implements Session {
    private final String id;
    private final LinkedHashMap<String, Object> values;

    CallSession(String id, Map<String, Object> copy) {
        this.id = id;
        this.values = copy instanceof LinkedHashMap<String, Object> m ? m : new LinkedHashMap<>(copy);
    }

    Map<String, Object> values() {
        return values;
    }

    private static String check(String key) {
        if (key == null) {
            throw new TypeError("anvil.server.session keys must be strings, not None");
        }
        return key;
    }

    @Override
    public Object get(String key) {
        return values.get(check(key));
    }

    @Override
    public Object get(String key, Object defaultValue) {
        return values.getOrDefault(check(key), defaultValue);
    }

    @Override
    public void put(String key, Object value) {
        values.put(check(key), value);
    }

    @Override
    public void remove(String key) {
        if (!values.containsKey(check(key))) {
            throw new KeyError("'" + key + "' is not in anvil.server.session");
        }
        values.remove(key);
    }

    @Override
    public boolean containsKey(String key) {
        return values.containsKey(check(key));
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(values.keySet()));
    }

    @Override
    public String sessionId() {
        return id;
    }

    @Override
    public Iterator<String> iterator() {
        return keys().iterator();
    }

    @Override
    @OutsideTheSpecification("diagnostic text")
    public String toString() {
        return "Session" + values;
    }
}
