package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised when the hosted plan's quota is exhausted; the reference runtime raises it for every call while the quota switch is on. Crosses the wire as {@code anvil.server.QuotaExceededError} and is re-created as this class on receipt
 * (ERR-04).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class QuotaExceededError extends AnvilError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.QuotaExceededError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public QuotaExceededError(String message) {
        super(WIRE_TYPE, message);
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public QuotaExceededError(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }
}
