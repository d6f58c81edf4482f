package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised when the caller is not allowed to do what it asked: a scoped name called from client code, or a {@code requireUser} predicate that refused the user. Crosses the wire as {@code anvil.server.PermissionDenied} and is re-created as this class on receipt
 * (CALL-11, AUTH-02).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class PermissionDenied extends AnvilError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.PermissionDenied";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public PermissionDenied(String message) {
        super(WIRE_TYPE, message);
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public PermissionDenied(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }
}
