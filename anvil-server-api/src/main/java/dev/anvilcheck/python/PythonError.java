package dev.anvilcheck.python;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * Marks a Java exception that stands for one of Python's built-in error types, so that it crosses
 * the wire under the Python name (spec §4, "Python built-in errors in clauses"; ERR-01).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public interface PythonError {
    /**
     * The Python type name this exception crosses as, e.g. {@code TypeError}.
     *
     * @return the Python type name
     */
    String pythonType();
}
