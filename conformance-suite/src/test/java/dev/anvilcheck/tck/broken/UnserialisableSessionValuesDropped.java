package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.host.CallScope;
import java.util.List;
import java.util.Map;

/**
 * Breaks SESS-05: a value the session cannot hold is dropped silently instead of failing the call
 * with SerializationError.
 */
@Breaks(value = "SESS-05", bug = "unserialisable session values dropped silently")
public final class UnserialisableSessionValuesDropped extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Session session() {
                return new ForwardingSession(real.session()) {
                    @Override
                    public void put(String key, Object value) {
                        if (plain(value)) {
                            real.put(key, value);
                        }
                    }
                };
            }
        };
    }

    private static boolean plain(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().allMatch(UnserialisableSessionValuesDropped::plain);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().allMatch(UnserialisableSessionValuesDropped::plain);
        }
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
