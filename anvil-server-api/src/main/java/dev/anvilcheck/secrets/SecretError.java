package dev.anvilcheck.secrets;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised by {@link Secrets#getSecret(String)} when the app has no secret of that name, or when code
 * that may not read secrets (an uplink) asks for one. It is {@code anvil.secrets}'s error type,
 * so it crosses the wire as {@code anvil.secrets.SecretError}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class SecretError extends AnvilWrappedError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.secrets.SecretError";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public SecretError(String message) {
        super(message);
    }

    /**
     * Re-creates the error received from the wire.
     *
     * @param received the received error object
     */
    public SecretError(WireError received) {
        super(received);
    }

    @Override
    public String wireType() {
        return WIRE_TYPE;
    }
}
