package dev.anvilcheck.junit;

import dev.anvilcheck.junit.internal.messages.CallDescription;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.RecordedCall;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.Caller;
import java.util.Objects;

/**
 * Assertions in AssertJ's style for calls and the call journal; their failure messages name the
 * function, the caller's kind and, where the runtime's rules explain the outcome, the clause of
 * the specification. They need no assertion library: failures are opentest4j
 * {@code AssertionFailedError}s, and {@link CallAssert#returnedValue()} hands a value on to
 * AssertJ or Hamcrest.
 *
 * <pre>{@code
 * assertThatCall(bob, "close_ticket", ticketId)
 *         .raised(PermissionDenied.class)
 *         .withMessageContaining("not your ticket");
 * assertThatFunction(journal, "send_digest")
 *         .wasCalledOnce()
 *         .by(CallerKind.BACKGROUND_TASK)
 *         .withArguments("ann@example.com", 2L);
 * }</pre>
 *
 * @since 0.1
 */
public final class AnvilAssertions {
    private AnvilAssertions() {}

    /**
     * Makes a call as {@code caller} and returns assertions on how it ended: returned or raised
     * (CALL-03, CALL-04, ERR-01..05).
     *
     * @param caller the caller, e.g. a {@code SimulatedBrowser}
     * @param function the function's registered name
     * @param args positional arguments, optionally followed by one {@code Kwargs}
     * @return the assertions
     */
    public static CallAssert assertThatCall(Caller caller, String function, Object... args) {
        Objects.requireNonNull(caller, "caller");
        Arguments arguments = Arguments.fromVarargs(args);
        CallDescription call = new CallDescription(function, caller.kind(), arguments);
        try {
            return new CallAssert(call, caller.call(function, arguments), null);
        } catch (RuntimeException raised) {
            return new CallAssert(call, null, raised);
        }
    }

    /**
     * Assertions on how a recorded call ended; its return value is compared as it crossed back.
     *
     * @param call a call from a {@link CallJournal}
     * @return the assertions
     */
    public static CallAssert assertThatCall(RecordedCall call) {
        Objects.requireNonNull(call, "call");
        return new CallAssert(new CallDescription(call.function(), call.caller(), call.arguments()),
                CallAssert.canonical(call.returnValue()), call.error());
    }

    /**
     * Assertions on the recorded calls of one function: how many, by which kind of caller, with
     * which arguments. The journal is read when each assertion runs.
     *
     * @param journal the runtime's journal
     * @param function the registered name, e.g. {@code send_invoice}; {@code task:<name>} for a
     *     background task's own function (CALL-12)
     * @return the assertions
     */
    public static FunctionCallsAssert assertThatFunction(CallJournal journal, String function) {
        return new FunctionCallsAssert(Objects.requireNonNull(journal, "journal"),
                Objects.requireNonNull(function, "function"));
    }
}
