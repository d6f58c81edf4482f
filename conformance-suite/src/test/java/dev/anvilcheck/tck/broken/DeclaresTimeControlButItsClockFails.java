package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.TimeControl;

/**
 * Declares {@code Feature.TIME_CONTROL} but its {@code time()} throws: the suite must report the
 * false declaration on the clauses that need the feature (here SESS-10), naming feature and method,
 * and refuse to certify, instead of failing with a bare UnsupportedOperationException.
 */
@Breaks(value = "SESS-10", bug = "declares TIME_CONTROL, but time() throws")
public final class DeclaresTimeControlButItsClockFails extends DelegatingProvider {
    @Override
    protected TimeControl time(RuntimeUnderTest rt) {
        throw new UnsupportedOperationException("no clock control here");
    }
}
