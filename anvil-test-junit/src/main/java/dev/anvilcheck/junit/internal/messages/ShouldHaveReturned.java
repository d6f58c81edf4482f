package dev.anvilcheck.junit.internal.messages;

import org.opentest4j.AssertionFailedError;

/** A call was expected to return, and raised. */
public final class ShouldHaveReturned {
    private ShouldHaveReturned() {}

    /**
     * The failure.
     *
     * @param call the call
     * @param raised what it raised
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveReturned(CallDescription call, Throwable raised) {
        return new AssertionFailedError("Expected " + call + " to return, but it raised "
                + Clauses.describe(raised), raised);
    }
}
