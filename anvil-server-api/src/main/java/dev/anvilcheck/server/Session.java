package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Set;
import org.apiguardian.api.API;

/**
 * Server-side storage private to one session (Python's {@code anvil.server.session}, SESS-01..08).
 * It behaves like Python's proxy: read, write and delete by key, iterate over the keys. Writes are
 * kept only when the server function returns normally, and only if the stored session did not
 * change meanwhile (SESS-07, SESS-08). Values must be able to cross a call boundary, in-memory
 * {@link dev.anvilcheck.media.Media} excepted; a value that cannot fails the whole call when it returns (SESS-04, SESS-05).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface Session extends Iterable<String> {
    /**
     * The value under {@code key} ({@code session[key]}), or {@code null} if absent.
     *
     * @param key the key
     * @return the value, or {@code null}
     */
    Object get(String key);

    /**
     * The value under {@code key}, or {@code defaultValue} if absent ({@code session.get(k, d)}).
     *
     * @param key the key
     * @param defaultValue what to return when the key is absent
     * @return the value, or {@code defaultValue}
     */
    Object get(String key, Object defaultValue);

    /**
     * Stores {@code value} under {@code key} ({@code session[key] = value}).
     *
     * @param key the key
     * @param value the value
     */
    void put(String key, Object value);

    /**
     * Deletes {@code key} ({@code del session[key]}).
     *
     * @param key the key
     * @throws dev.anvilcheck.python.KeyError if the key is absent, as Python's {@code del} does
     */
    void remove(String key);

    /**
     * Whether {@code key} is present ({@code key in session}).
     *
     * @param key the key
     * @return true if present
     */
    boolean containsKey(String key);

    /**
     * The keys, a snapshot in insertion order.
     *
     * @return the keys
     */
    Set<String> keys();

    /**
     * The session's id ({@code session.session_id}, SESS-03).
     *
     * @return the session id
     */
    String sessionId();
}
