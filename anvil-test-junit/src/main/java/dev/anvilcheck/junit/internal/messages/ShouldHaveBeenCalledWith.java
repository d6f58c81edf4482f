package dev.anvilcheck.junit.internal.messages;

import dev.anvilcheck.runtime.RecordedCall;
import dev.anvilcheck.server.Arguments;
import org.opentest4j.AssertionFailedError;

/** A function was called with other arguments than expected. */
public final class ShouldHaveBeenCalledWith {
    private ShouldHaveBeenCalledWith() {}

    /**
     * The arguments differ.
     *
     * @param function the function
     * @param expected the expected arguments, as they cross
     * @param offending a call with other arguments
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveBeenCalledWith(String function, Arguments expected,
            RecordedCall offending) {
        return new AssertionFailedError("Expected '" + function + "' to be called with " + RecordedCall.describe(expected)
                + ", but call #" + offending.sequence() + " by " + offending.caller() + " had "
                + RecordedCall.describe(offending.arguments()) + ":\n  " + offending
                + "\n  (CALL-03: arguments arrive after a round trip: ints as Long, tuples and arrays as List)",
                RecordedCall.describe(expected), RecordedCall.describe(offending.arguments()));
    }
}
