package dev.anvilcheck.junit.internal.messages;

import org.opentest4j.AssertionFailedError;

/** A call returned, but not the expected value. */
public final class ShouldHaveReturnedValue {
    private ShouldHaveReturnedValue() {}

    /**
     * The failure, with expected and actual values for IDEs to compare.
     *
     * @param call the call
     * @param expected the expected value, as it crosses
     * @param actual the value returned
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveReturnedValue(CallDescription call, Object expected, Object actual) {
        return new AssertionFailedError("Expected " + call + " to return " + CallDescription.value(expected)
                + ", but it returned " + CallDescription.value(actual) + typeNote(expected, actual), expected, actual);
    }

    private static String typeNote(Object expected, Object actual) {
        if (expected != null && actual != null && !expected.getClass().equals(actual.getClass())
                && String.valueOf(expected).equals(String.valueOf(actual))) {
            return " (a " + expected.getClass().getName() + " against a " + actual.getClass().getName() + ")";
        }
        return "";
    }
}
