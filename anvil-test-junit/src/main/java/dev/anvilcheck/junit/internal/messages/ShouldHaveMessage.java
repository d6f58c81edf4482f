package dev.anvilcheck.junit.internal.messages;

import org.opentest4j.AssertionFailedError;

/** A call raised the expected type, with another message. */
public final class ShouldHaveMessage {
    private ShouldHaveMessage() {}

    /**
     * The message differs.
     *
     * @param call the call
     * @param raised what it raised
     * @param expected the expected message, or the expected part
     * @param containing whether {@code expected} is a part
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveMessage(CallDescription call, Throwable raised, String expected,
            boolean containing) {
        return new AssertionFailedError("Expected " + call + " to raise " + raised.getClass().getSimpleName()
                + " with a message " + (containing ? "containing " : "") + CallDescription.value(expected)
                + ", but its message was " + CallDescription.value(raised.getMessage()), expected,
                raised.getMessage(), raised);
    }
}
