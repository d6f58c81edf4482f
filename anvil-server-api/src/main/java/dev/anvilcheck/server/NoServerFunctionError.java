package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised when no server function is registered under the called name. Crosses the wire as {@code anvil.server.NoServerFunctionError} and is re-created as this class on receipt
 * (CALL-05, CALL-06, CALL-12).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class NoServerFunctionError extends AnvilWrappedError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.NoServerFunctionError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public NoServerFunctionError(String message) {
        super(WIRE_TYPE, message, java.util.List.of());
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public NoServerFunctionError(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }

    @Override
    public String wireType() {
        return WIRE_TYPE;
    }
}
