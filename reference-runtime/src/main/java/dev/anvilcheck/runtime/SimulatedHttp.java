package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.spi.CallerKind;

/**
 * An HTTP endpoint request without a browser session: an untrusted {@code http} caller (HTTP-29,
 * CTX-06). Each call is a separate request in a brand-new session of type {@code http} (CTX-04);
 * a user set with {@link #user(Object)} is logged in on each of them, as with
 * {@code authenticate_users}. {@link #sessionData()} and {@link #sessionId()} describe the last
 * request's session.
 *
 * @since 0.1
 */
public final class SimulatedHttp extends SimulatedCaller<SimulatedHttp> {
    private volatile Object requestUser;

    SimulatedHttp(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.HTTP, "http", "127.0.0.1", null);
    }

    @Override
    SessionRecord sessionForCall() {
        SessionRecord fresh = newSession();
        fresh.user(requestUser);
        session = fresh;
        return fresh;
    }

    /**
     * Logs {@code user} in on every later request's session; {@code null} stops.
     *
     * @param user the user
     * @return this caller
     */
    @Override
    public SimulatedHttp user(Object user) {
        requestUser = user;
        return super.user(user);
    }

    /**
     * Not possible: every request starts a new session (CTX-04).
     *
     * @param key the key
     * @param value the value
     * @throws UnsupportedOperationException always
     */
    @Override
    public void putSession(String key, Object value) {
        throw new UnsupportedOperationException("An HTTP request without a browser session starts a new, empty"
                + " session every time (CTX-04), so there is no session to pre-fill; use a browser() caller for"
                + " session state");
    }
}
