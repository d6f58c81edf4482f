package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import org.apiguardian.api.API;

/**
 * Raised by {@code Task.isCompleted()} when the task was killed. Crosses the wire as {@code anvil.server.BackgroundTaskKilled} and is re-created as this class on receipt
 * (TASK-10; Q-05: raised everywhere, not only in the browser).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class BackgroundTaskKilled extends AnvilError {
    /** The wire type name of this error. */
    public static final String WIRE_TYPE = "anvil.server.BackgroundTaskKilled";

    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public BackgroundTaskKilled(String message) {
        super(WIRE_TYPE, message);
    }

    /**
     * Re-creates this error from an error object received over the wire, keeping its message
     * and remote trace (ERR-02, ERR-11).
     *
     * @param received the received error object
     */
    public BackgroundTaskKilled(WireError received) {
        super(WIRE_TYPE, received.message(), received.trace());
    }
}
