package dev.anvilcheck.junit.internal.messages;

import org.opentest4j.AssertionFailedError;

/** A call was expected to raise an error of some type, and returned or raised another. */
public final class ShouldHaveRaised {
    private ShouldHaveRaised() {}

    /**
     * The call returned instead.
     *
     * @param call the call
     * @param expected the expected error type
     * @param returned what it returned
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveRaised(CallDescription call, Class<?> expected, Object returned) {
        return new AssertionFailedError("Expected " + call + " to raise " + expected.getName()
                + ", but it returned " + CallDescription.value(returned));
    }

    /**
     * The call raised another type.
     *
     * @param call the call
     * @param expected the expected error type
     * @param raised what it raised
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveRaised(CallDescription call, Class<?> expected, Throwable raised) {
        return new AssertionFailedError("Expected " + call + " to raise " + expected.getName()
                + ", but it raised " + raised.getClass().getName() + " (" + Clauses.describe(raised) + ")",
                expected.getName(), raised.getClass().getName(), raised);
    }
}
