package dev.anvilcheck.users;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised when a function registered with {@code requireUser} is called while nobody is logged
 * in; the function body does not run (AUTH-01, AUTH-02, Q-11). It is {@code anvil.users}'s error
 * type, so it crosses the wire as {@code anvil.users.AuthenticationFailed}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class AuthenticationFailed extends AnvilWrappedError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.users.AuthenticationFailed";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public AuthenticationFailed(String message) {
        super(message);
    }

    /**
     * Re-creates the error received from the wire.
     *
     * @param received the received error object
     */
    public AuthenticationFailed(WireError received) {
        super(received);
    }

    @Override
    public String wireType() {
        return WIRE_TYPE;
    }
}
