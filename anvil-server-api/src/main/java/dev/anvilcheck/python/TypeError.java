package dev.anvilcheck.python;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The Java counterpart of a Python TypeError: an operation was applied to a value of the wrong type. It is a {@code IllegalArgumentException}, so Java code may catch it by either
 * name, and crosses the wire with the Python type name {@code TypeError} (ERR-01).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class TypeError extends IllegalArgumentException implements PythonError {
    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public TypeError(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "TypeError";
    }
}
