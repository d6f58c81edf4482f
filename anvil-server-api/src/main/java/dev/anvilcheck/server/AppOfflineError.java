package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised in the browser when the app server cannot be reached. Crosses the wire as {@code anvil.server.AppOfflineError} and is re-created as this class on receipt
 * (CALL-19, MISC-02).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class AppOfflineError extends AnvilError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.AppOfflineError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public AppOfflineError(String message) {
        super(WIRE_TYPE, message);
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public AppOfflineError(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }
}
