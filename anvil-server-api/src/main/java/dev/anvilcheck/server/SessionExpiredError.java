package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised in the browser for every call once its session has expired, until it calls {@code resetSession()}. Crosses the wire as {@code anvil.server.SessionExpiredError} and is re-created as this class on receipt
 * (SESS-11).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class SessionExpiredError extends AnvilError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.SessionExpiredError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public SessionExpiredError(String message) {
        super(WIRE_TYPE, message);
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public SessionExpiredError(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }
}
