package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Switches that make calls fail as the platform's do (Feature {@link Feature#FAULT_INJECTION}).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface Faults {
    /**
     * Takes the app offline for browsers (CALL-19, MISC-02), or back online.
     *
     * @param offline true to go offline
     */
    void appOffline(boolean offline);

    /**
     * Makes every call fail with {@link dev.anvilcheck.server.QuotaExceededError}, or stops.
     *
     * @param exceeded true to exhaust the quota
     */
    void quotaExceeded(boolean exceeded);

    /**
     * Locks the app for maintenance, or unlocks it: while it is locked every call, whoever makes
     * it, fails with {@link dev.anvilcheck.server.InternalError} "This app is currently down for
     * maintenance. Please try again in a few minutes." before anything else is checked (ERR-12).
     *
     * @param locked true to lock
     */
    void appLocked(boolean locked);

    /**
     * Makes the worker running each later call of the server function {@code function} die once
     * the body has run, as when it runs out of memory (ERR-07): the caller gets
     * {@link dev.anvilcheck.server.ExecutionTerminatedError}, and what the call did to its session
     * is lost. {@code false} restores the function.
     *
     * @param function the registered name
     * @param dies true to make its calls die
     */
    void workerDiesDuring(String function, boolean dies);
}
