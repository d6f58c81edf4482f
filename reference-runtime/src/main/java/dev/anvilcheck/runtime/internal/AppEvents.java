package dev.anvilcheck.runtime.internal;

/**
 * Told of what the platform writes to an app's logs, for the runtime's app log: errors that end
 * calls, HTTP requests and background tasks, and uplinks connecting, being refused and
 * disconnecting. Texts are passed as they came, from outside or not; the implementation escapes
 * them. Implementations must be thread-safe and must not throw: they run on the thread where the
 * event happened, often while an error is on its way to a caller.
 */
public interface AppEvents {
    /** Records nothing. */
    AppEvents NONE = new AppEvents() { };

    /**
     * A call by name ended with an error that reaches a caller outside server code: raised by the
     * function, or by the runtime for the call (a refusal, argument binding, {@code requireUser},
     * the return value, a timeout).
     *
     * @param function the called name, from the caller
     * @param sessionId the caller's session
     * @param error what server code (or the runtime) threw, before it crossed
     */
    default void callFailed(String function, String sessionId, Throwable error) {
        // nothing is recorded
    }

    /**
     * An HTTP request got a 5xx response because serving it failed.
     *
     * @param method the request's method
     * @param path the request's path
     * @param sessionId the request's session, or {@code null}
     * @param status the response's status
     * @param problem what went wrong, or {@code null} to describe {@code error}
     * @param error what server code (or the runtime) threw, or {@code null}
     */
    default void endpointFailed(String method, String path, String sessionId, int status, String problem,
            Throwable error) {
        // nothing is recorded
    }

    /**
     * A request to {@code /_/api/...} matched no endpoint (the platform logs this 404; HTTP-18).
     *
     * @param method the request's method
     * @param path the request's path
     */
    default void endpointMissing(String method, String path) {
        // nothing is recorded
    }

    /**
     * Connections beyond the listener's cap were closed as they were accepted. Told once in a
     * while, with how many there were since the last time, never once per connection.
     *
     * @param remoteAddress the address of the latest one refused
     * @param limit the cap on open connections
     * @param count how many were refused since the last time
     */
    default void connectionsRefused(String remoteAddress, int limit, long count) {
        // nothing is recorded
    }

    /**
     * A background task failed (TASK-08), or an event of a task worth a warning happened.
     *
     * @param task the task's name
     * @param sessionId the task's session
     * @param failed true for a failure, false for a warning
     * @param problem what went wrong, or {@code null} to describe {@code error}
     * @param error what the task's function (or the runtime) threw, or {@code null}
     */
    default void task(String task, String sessionId, boolean failed, String problem, Throwable error) {
        // nothing is recorded
    }

    /**
     * An uplink gave the right key (UPL-04).
     *
     * @param remoteAddress the peer's address
     * @param server true for the server key, false for the client key
     * @param sessionId the connection's default session
     */
    default void uplinkConnected(String remoteAddress, boolean server, String sessionId) {
        // nothing is recorded
    }

    /**
     * An uplink was refused while connecting: a wrong key (UPL-03), an outdated protocol, a bad
     * WebSocket handshake.
     *
     * @param remoteAddress the peer's address
     * @param reason why
     */
    default void uplinkRefused(String remoteAddress, String reason) {
        // nothing is recorded
    }

    /**
     * An uplink's connection went wrong while it was connected: a message it sent could not be
     * read, a reply to it could not be sent, it was disconnected with a fatal error.
     *
     * @param remoteAddress the peer's address
     * @param sessionId the connection's default session, or {@code null}
     * @param problem what went wrong
     * @param error the exception, or {@code null}
     */
    default void uplinkFailed(String remoteAddress, String sessionId, String problem, Throwable error) {
        // nothing is recorded
    }

    /**
     * An uplink that had given its key (or never gave one) disconnected.
     *
     * @param remoteAddress the peer's address
     * @param sessionId the connection's default session, or {@code null} if it never gave a key
     * @param reason why, as its waiting calls are told
     */
    default void uplinkDisconnected(String remoteAddress, String sessionId, String reason) {
        // nothing is recorded
    }
}
