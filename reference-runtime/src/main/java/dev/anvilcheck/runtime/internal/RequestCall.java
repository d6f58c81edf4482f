package dev.anvilcheck.runtime.internal;

/**
 * The call that serves an HTTP request, as the endpoint wrapper and the uplinks reach it: it can
 * move to the session of the browser whose request came from another site, when the endpoint keeps
 * sessions across sites (HTTP-27, the platform's {@code anvil.private.switch_session!}), and log a
 * user in on its session (HTTP-09).
 */
public interface RequestCall {
    /**
     * Moves this call to the browser's session, if the request came from another site with that
     * session's cookie; otherwise changes nothing. The call's view of the session starts afresh
     * from the session it moved to.
     */
    void switchSession();

    /**
     * Logs {@code user} in on this call's session (HTTP-09).
     *
     * @param user the user
     */
    void logIn(Object user);
}
