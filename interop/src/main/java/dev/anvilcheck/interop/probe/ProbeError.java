package dev.anvilcheck.interop.probe;

import dev.anvilcheck.server.AnvilWrappedError;

/**
 * An application error type registered as {@value #NAME} on every side, so that it crosses the
 * wire as itself (ERR-05), as the Python script's {@code ProbeError} registered with
 * {@code _register_exception_type}.
 *
 * @since 0.1
 */
public class ProbeError extends AnvilWrappedError {
    /** The registered wire type name. */
    public static final String NAME = "interop.ProbeError";

    /**
     * An error with a message.
     *
     * @param message the message
     */
    public ProbeError(String message) {
        super(message);
    }
}
