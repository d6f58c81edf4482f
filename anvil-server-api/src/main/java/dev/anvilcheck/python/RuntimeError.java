package dev.anvilcheck.python;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The Java counterpart of a Python RuntimeError: something was used where or when it cannot be. It is a {@code IllegalStateException}, so Java code may catch it by either
 * name, and crosses the wire with the Python type name {@code RuntimeError} (ERR-01).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class RuntimeError extends IllegalStateException implements PythonError {
    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public RuntimeError(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "RuntimeError";
    }
}
