package dev.anvilcheck.tck.broken;

import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.host.CallScope;
import java.util.Iterator;
import java.util.Set;

/**
 * Breaks SESS-04: in-memory Media stored in the session is silently dropped, instead of failing the
 * call with SerializationError.
 */
@Breaks(value = "SESS-04", bug = "Media in the session silently dropped instead of failing the call")
public final class MediaDroppedFromSessionSilently extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Session session() {
                Session session = super.session();
                return new Session() {
                    @Override
                    public Object get(String key) {
                        return session.get(key);
                    }

                    @Override
                    public Object get(String key, Object defaultValue) {
                        return session.get(key, defaultValue);
                    }

                    @Override
                    public void put(String key, Object value) {
                        if (!(value instanceof Media)) {
                            session.put(key, value);
                        }
                    }

                    @Override
                    public void remove(String key) {
                        session.remove(key);
                    }

                    @Override
                    public boolean containsKey(String key) {
                        return session.containsKey(key);
                    }

                    @Override
                    public Set<String> keys() {
                        return session.keys();
                    }

                    @Override
                    public String sessionId() {
                        return session.sessionId();
                    }

                    @Override
                    public Iterator<String> iterator() {
                        return session.iterator();
                    }
                };
            }
        };
    }
}
