package dev.anvilcheck.junit.internal.messages;

import dev.anvilcheck.runtime.CallJournal;
import org.opentest4j.AssertionFailedError;

/** A function was called another number of times than expected. */
public final class ShouldHaveBeenCalled {
    private ShouldHaveBeenCalled() {}

    /**
     * The count differs.
     *
     * @param function the function
     * @param expected what was expected, e.g. {@code "once"} or {@code "at least once"}
     * @param actual how many calls were recorded
     * @param journal every recorded call, listed in the message
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveBeenCalled(String function, String expected, int actual,
            CallJournal journal) {
        return new AssertionFailedError("Expected '" + function + "' to be called " + expected + ", but it was called "
                + times(actual) + ". Calls recorded:\n" + journal, expected, times(actual));
    }

    static String times(int n) {
        return n == 0 ? "never" : n == 1 ? "once" : n + " times";
    }
}
