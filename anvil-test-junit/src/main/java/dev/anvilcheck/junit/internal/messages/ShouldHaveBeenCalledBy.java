package dev.anvilcheck.junit.internal.messages;

import dev.anvilcheck.runtime.RecordedCall;
import dev.anvilcheck.spi.CallerKind;
import org.opentest4j.AssertionFailedError;

/** A function was called by another kind of caller than expected. */
public final class ShouldHaveBeenCalledBy {
    private ShouldHaveBeenCalledBy() {}

    /**
     * The caller differs.
     *
     * @param function the function
     * @param expected the expected caller kind
     * @param offending a call by another kind
     * @return the error to throw
     */
    public static AssertionFailedError shouldHaveBeenCalledBy(String function, CallerKind expected,
            RecordedCall offending) {
        return new AssertionFailedError("Expected '" + function + "' to be called by " + expected + ", but call #"
                + offending.sequence() + " was by " + offending.caller() + contextNote(offending) + ":\n  "
                + offending + "\n  (CTX-03, CTX-05: a callee tells its caller by context.remoteCaller and"
                + " context.client)", expected, offending.caller());
    }

    private static String contextNote(RecordedCall call) {
        if (call.context() == null) {
            return "";
        }
        String frame = call.context().remoteCaller() == null ? "none" : call.context().remoteCaller().type();
        String client = call.context().client() == null ? "none" : call.context().client().type();
        return " (remote caller " + frame + ", client " + client + ")";
    }
}
