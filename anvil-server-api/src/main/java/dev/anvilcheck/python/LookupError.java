package dev.anvilcheck.python;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The Java counterpart of a Python LookupError: a key or an entry that was looked up is missing,
 * e.g. {@code remove_event_handler} with a handler that was never added (MISC-05). As in Python
 * it is the base of {@link KeyError}. It is a {@code NoSuchElementException}, so Java code may
 * catch it by either name, and crosses the wire with the Python type name {@code LookupError}
 * (ERR-01).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class LookupError extends java.util.NoSuchElementException implements PythonError {
    /**
     * Creates the error with a message.
     *
     * @param message what went wrong
     */
    public LookupError(String message) {
        super(message);
    }

    @Override
    public String pythonType() {
        return "LookupError";
    }
}
