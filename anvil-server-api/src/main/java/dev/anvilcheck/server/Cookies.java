package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The browser cookies of the current session ({@code anvil.server.cookies}, SESS-16, SESS-17):
 * two jars, {@link #local()} for this app only and {@link #shared()} for every app that shares
 * the browser's shared cookie (in a runtime that runs one app, simply a second jar). Runtimes
 * implement this interface; server code reaches it through {@link AnvilServer#cookies()}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface Cookies {
    /**
     * The app's own cookie jar ({@code anvil.server.cookies.local}).
     *
     * @return the local jar
     */
    CookieJar local();

    /**
     * The jar shared between apps ({@code anvil.server.cookies.shared}).
     *
     * @return the shared jar
     */
    CookieJar shared();
}
