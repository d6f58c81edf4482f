package dev.anvilcheck.python;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The Java counterpart of a Python ValueError: a value of the right type was out of range or malformed. It is a {@code IllegalArgumentException}, so Java code may catch it by either
 * name, and crosses the wire with the Python type name {@code ValueError} (ERR-01).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class ValueError extends IllegalArgumentException implements PythonError {
    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public ValueError(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "ValueError";
    }
}
