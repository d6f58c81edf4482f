package dev.anvilcheck.python;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The Java counterpart of a Python KeyError: a key was missing (ERR-03 re-raises a wire KeyError as this class). It is a {@code NoSuchElementException}, so Java code may catch it by either
 * name, and crosses the wire with the Python type name {@code KeyError} (ERR-01). As in Python,
 * it is a {@link LookupError}.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class KeyError extends LookupError {
    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public KeyError(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "KeyError";
    }
}
