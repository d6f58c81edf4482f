package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Map;
import org.apiguardian.api.API;

/**
 * One of the two encrypted cookie jars of the browser that started the current session
 * ({@code anvil.server.cookies.local} and {@code .shared}, SESS-16, SESS-17). Keys are strings;
 * values are anything a server function may return, except Media (SER rules, MEDIA-05). Each entry
 * expires after its own number of days, 30 unless {@link #set(double, Map)} says otherwise.
 * Cookies live in the browser, so they outlive the session (a browser's new session after
 * {@code reset_session()} sees them), and a write takes effect at once: it is not undone when the
 * server function that made it raises afterwards. Every method raises {@link CookieError}
 * ("This connection is not from a web browser - cannot access cookies.") in a session that no
 * browser started: an HTTP request without a browser session, an uplink, a background task, an
 * incoming email (SESS-17). Runtimes implement this interface; server code reaches it through
 * {@link AnvilServer#cookies()}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface CookieJar {
    /** The lifetime of a cookie stored without an explicit one, in days (SESS-16). */
    double DEFAULT_TIMEOUT_DAYS = 30;

    /**
     * The value stored under {@code key} ({@code jar[key]}, SESS-16).
     *
     * @param key the key
     * @return a copy of the value, possibly {@code null} if {@code null} was stored
     * @throws dev.anvilcheck.python.KeyError if no unexpired cookie has that key
     * @throws CookieError outside a browser session (SESS-17)
     */
    Object get(String key);

    /**
     * The value stored under {@code key}, or {@code defaultValue} when there is none
     * ({@code jar.get(key, default)}, SESS-16).
     *
     * @param key the key
     * @param defaultValue what to return when absent or expired
     * @return a copy of the value, or {@code defaultValue}
     * @throws CookieError outside a browser session (SESS-17)
     */
    Object get(String key, Object defaultValue);

    /**
     * Stores {@code value} under {@code key} for 30 days ({@code jar[key] = value}, SESS-16).
     *
     * @param key the key
     * @param value the value; a copy is stored
     * @throws dev.anvilcheck.python.TypeError if {@code key} is {@code null}
     * @throws SerializationError if the value cannot cross the wire or holds Media (SESS-17)
     * @throws CookieError outside a browser session (SESS-17)
     */
    void put(String key, Object value);

    /**
     * Stores every entry of {@code values} for 30 days ({@code jar.set(**values)}, SESS-16).
     *
     * @param values the keys and values; copies are stored
     * @throws SerializationError if a value cannot cross the wire or holds Media (SESS-17)
     * @throws CookieError outside a browser session (SESS-17)
     */
    default void set(Map<String, ?> values) {
        set(DEFAULT_TIMEOUT_DAYS, values);
    }

    /**
     * Stores every entry of {@code values}, each expiring {@code timeoutDays} days from now by the
     * runtime's clock ({@code jar.set(timeout_days, **values)}, SESS-16). Nothing is stored if
     * any value is refused.
     *
     * @param timeoutDays the lifetime in days; fractions allowed, zero or less expires at once
     * @param values the keys and values; copies are stored
     * @throws dev.anvilcheck.python.TypeError if {@code values} is {@code null} or has a
     *     {@code null} key
     * @throws SerializationError if a value cannot cross the wire or holds Media (SESS-17)
     * @throws CookieError outside a browser session (SESS-17)
     */
    void set(double timeoutDays, Map<String, ?> values);

    /**
     * Deletes {@code key} ({@code del jar[key]}, SESS-16); as on the platform, deleting a key that
     * is not there is no error.
     *
     * @param key the key
     * @throws CookieError outside a browser session (SESS-17)
     */
    void remove(String key);

    /**
     * Deletes every cookie of this jar ({@code jar.clear()}, SESS-16).
     *
     * @throws CookieError outside a browser session (SESS-17)
     */
    void clear();
}
