package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks ERR-06 as this project's runtime once did: at the deadline the body is interrupted, but
 * the caller gets {@code TimeoutError} only when the body returns, so server code that ignores
 * interruption keeps its caller waiting where the App Server kills the worker at the deadline.
 */
@Breaks(value = "ERR-06", bug = "a timed-out caller waits until server code that ignores interruption returns")
public final class TimeoutWaitsForTheBody extends DelegatingProvider {
    @Override
    protected RuntimeUnderTest startReference() {
        return referenceOnTheCallersThread();
    }
}
