package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * The body of a server function registered by name: it receives the arguments as they arrived
 * and returns a value that crosses back to the caller (CALL-03, CALL-04). Inside it, the
 * {@link AnvilServer} facade reaches the current call. Any exception it throws, checked or not,
 * crosses to the caller as ERR-01..05 say.
 *
 * @since 0.1
 */
@FunctionalInterface
@API(status = STABLE, since = "0.1")
public interface ServerFunction {
    /**
     * Runs the function.
     *
     * @param arguments the positional and keyword arguments
     * @return the return value; {@code null} for Python's {@code None}
     * @throws Exception whatever the function raises
     */
    Object invoke(Arguments arguments) throws Exception;
}
