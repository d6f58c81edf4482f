package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised for a function that only a since-disconnected uplink provided. Crosses the wire as {@code anvil.server.UplinkDisconnectedError} and is re-created as this class on receipt
 * (ERR-08, UPL-09).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class UplinkDisconnectedError extends AnvilError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.UplinkDisconnectedError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public UplinkDisconnectedError(String message) {
        super(WIRE_TYPE, message);
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public UplinkDisconnectedError(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }
}
