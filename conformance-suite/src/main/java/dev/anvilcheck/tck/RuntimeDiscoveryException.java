package dev.anvilcheck.tck;

/**
 * Raised when the runtime under certification cannot be chosen unambiguously: no
 * {@link dev.anvilcheck.spi.RuntimeProvider} was found, several were found and none was chosen, or
 * the chosen name matches none (CONVENTIONS 3). Its message names what was found and how to fix it, so
 * that a run never passes against the wrong runtime or against nothing.
 *
 * @since 0.1
 */
public final class RuntimeDiscoveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was found, and how to fix it
     */
    public RuntimeDiscoveryException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was found, and how to fix it
     * @param cause the underlying failure
     */
    public RuntimeDiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
