package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised when a value cannot cross a call boundary or be stored; the message names the failing path in the notation {@code msg['args'][0]['k']}. Crosses the wire as {@code anvil.server.SerializationError} and is re-created as this class on receipt
 * (SER-01..15, CALL-20, CALL-21, SESS-04, SESS-05).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class SerializationError extends AnvilError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.SerializationError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public SerializationError(String message) {
        super(WIRE_TYPE, message);
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public SerializationError(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }
}
