package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised when cookies are used in a session that a web browser did not start. Crosses the wire as {@code anvil.server.CookieError} and is re-created as this class on receipt
 * (SESS-17).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class CookieError extends AnvilWrappedError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.CookieError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public CookieError(String message) {
        super(WIRE_TYPE, message, java.util.List.of());
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public CookieError(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }

    @Override
    public String wireType() {
        return WIRE_TYPE;
    }
}
