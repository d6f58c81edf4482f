package dev.anvilcheck.tck.broken;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.server.host.CallScope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks SESS-17: sessions no browser began (HTTP without a browser session, uplinks, tasks, email)
 * get working cookie jars, kept in memory, instead of CookieError.
 */
@Breaks(value = "SESS-17", bug = "cookies work in HTTP and other non-browser sessions")
public final class CookiesOutsideBrowserSessions extends DelegatingProvider {
    private final Map<String, Cookies> bySession = new ConcurrentHashMap<>();

    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Cookies cookies() {
                String client = context().client() == null ? "" : context().client().type();
                if (client.equals("browser")) {
                    return super.cookies();
                }
                return bySession.computeIfAbsent(session().sessionId(), id -> {
                    CookieJar local = new MemoryJar();
                    CookieJar shared = new MemoryJar();
                    return new Cookies() {
                        @Override
                        public CookieJar local() {
                            return local;
                        }

                        @Override
                        public CookieJar shared() {
                            return shared;
                        }
                    };
                });
            }
        };
    }

    private static final class MemoryJar implements CookieJar {
        private final Map<String, Object> values = new ConcurrentHashMap<>();

        @Override
        public Object get(String key) {
            if (!values.containsKey(key)) {
                throw new KeyError(key);
            }
            return values.get(key);
        }

        @Override
        public Object get(String key, Object defaultValue) {
            return values.getOrDefault(key, defaultValue);
        }

        @Override
        public void put(String key, Object value) {
            values.put(key, value);
        }

        @Override
        public void set(double timeoutDays, Map<String, ?> entries) {
            values.putAll(entries);
        }

        @Override
        public void remove(String key) {
            values.remove(key);
        }

        @Override
        public void clear() {
            values.clear();
        }
    }
}
