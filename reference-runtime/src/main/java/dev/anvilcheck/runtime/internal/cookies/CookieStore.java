package dev.anvilcheck.runtime.internal.cookies;

import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.value.Side;
import java.time.Clock;
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
     * The cookies as code on {@code writer}'s side uses them: values it stores are copied by the
     * rules of a call's arguments, naive date-times stamped with that side's zone (SER-09),
     * portable objects named by its classes (PORT-02), and in-memory Media refused (SESS-17,
     * MEDIA-05).
     *
     * @param writer the side of the code using the cookies
     * @return the cookies
     */
    public Cookies view(Side writer) {
        Objects.requireNonNull(writer, "writer");
        CookieJar localJar = new JarView(local, clock, writer);
        CookieJar sharedJar = new JarView(shared, clock, writer);
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
