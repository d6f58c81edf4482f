package dev.anvilcheck.examples.tickets;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.host.WireError;

/** The notification service refused a message; crosses the wire as {@code tickets.NotificationFailed} (ERR-05). */
public final class NotificationFailed extends AnvilWrappedError {
    static {
        AnvilServer.registerExceptionType("tickets.NotificationFailed", NotificationFailed.class);
    }

    /**
     * The error.
     *
     * @param message what the service said
     */
    public NotificationFailed(String message) {
        super(message);
    }

    /**
     * The error as it arrives from the wire.
     *
     * @param received the error object
     */
    public NotificationFailed(WireError received) {
        super(received);
    }

    @Override
    public String wireType() {
        return "tickets.NotificationFailed";
    }
}
