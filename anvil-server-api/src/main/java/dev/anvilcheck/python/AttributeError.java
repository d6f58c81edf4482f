package dev.anvilcheck.python;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The Java counterpart of a Python AttributeError: an object lacks the attribute or method an
 * operation needs (for instance, {@code Capability.sendUpdate} merging a dict into a queued update
 * that is not a dict, CAP-17). It crosses the wire with the Python type name
 * {@code AttributeError} (ERR-01).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class AttributeError extends RuntimeException implements PythonError {
    /**
     * Creates the error with a message.
     *
     * @param message what went wrong, as Python words it, e.g. {@code 'str' object has no attribute 'update'}
     */
    public AttributeError(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "AttributeError";
    }
}
