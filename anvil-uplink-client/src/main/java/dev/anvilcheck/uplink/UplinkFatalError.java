package dev.anvilcheck.uplink;

/**
 * The Anvil server refused this uplink with a fatal error, e.g. {@code Incorrect uplink key}, a
 * registration from a client-key uplink, or an outdated protocol version (Uplink protocol §2.4,
 * §3.10; UPL-03, UPL-06). Its message is {@code "Anvil fatal error: <server's message>"}, as the
 * official client words it; {@link #serverMessage()} is the server's own text.
 *
 * @since 0.1
 */
public final class UplinkFatalError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The server's message. */
    private final String serverMessage;

    /**
     * An error for the server's fatal message.
     *
     * @param serverMessage the text of the server's {@code {"error": ...}} message
     */
    public UplinkFatalError(String serverMessage) {
        super("Anvil fatal error: " + serverMessage);
        this.serverMessage = serverMessage;
    }

    /**
     * The server's message, e.g. {@code Incorrect uplink key}.
     *
     * @return the message
     */
    public String serverMessage() {
        return serverMessage;
    }
}
