package dev.anvilcheck.runtime.internal.cookies;

import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.Cookies;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The cookies one simulated browser holds (SESS-16): a local and a shared jar whose entries expire
 * by the runtime's clock. The store belongs to the browser, not to a session, so every session the
 * browser adopts sees the same cookies, as the platform reloads them from the browser's request
 * (SESS-12). Thread-safe.
 */
public final class CookieStore {
    /** The platform's message for cookies used outside a browser session (SESS-17). */
    public static final String NOT_A_BROWSER = "This connection is not from a web browser - cannot access cookies.";

    private static final Cookies UNAVAILABLE = unavailableCookies();

    private final Clock clock;
    private final StoredJar local;
    private final StoredJar shared;

    /**
     * An empty store.
     *
     * @param clock the runtime's clock, which decides expiry
     */
    public CookieStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.local = new StoredJar("local");
        this.shared = new StoredJar("shared");
    }

    /**
     * The cookies as code in {@code writerZone} uses them: values it stores are copied by the
     * rules of a call's arguments, naive date-times stamped with that zone's offset (SER-09).
     *
     * @param writerZone the zone of the code using the cookies
     * @return the cookies
     */
    public Cookies view(ZoneId writerZone) {
        Objects.requireNonNull(writerZone, "writerZone");
        CookieJar localJar = new JarView(local, clock, writerZone);
        CookieJar sharedJar = new JarView(shared, clock, writerZone);
        return new Cookies() {
            @Override
            public CookieJar local() {
                return localJar;
            }

            @Override
            public CookieJar shared() {
                return sharedJar;
            }
        };
    }

    /**
     * The cookies of a session no browser started: every operation raises {@link CookieError}
     * (SESS-17).
     *
     * @return the cookies
     */
    public static Cookies unavailable() {
        return UNAVAILABLE;
    }

    private static Cookies unavailableCookies() {
        CookieJar jar = new CookieJar() {
            @Override
            public Object get(String key) {
                throw new CookieError(NOT_A_BROWSER);
            }

            @Override
            public Object get(String key, Object defaultValue) {
                throw new CookieError(NOT_A_BROWSER);
            }

            @Override
            public void put(String key, Object value) {
                throw new CookieError(NOT_A_BROWSER);
            }

            @Override
            public void set(double timeoutDays, Map<String, ?> values) {
                throw new CookieError(NOT_A_BROWSER);
            }

            @Override
            public void remove(String key) {
                throw new CookieError(NOT_A_BROWSER);
            }

            @Override
            public void clear() {
                throw new CookieError(NOT_A_BROWSER);
            }
        };
        return new Cookies() {
            @Override
            public CookieJar local() {
                return jar;
            }

            @Override
            public CookieJar shared() {
                return jar;
            }
        };
    }
}
