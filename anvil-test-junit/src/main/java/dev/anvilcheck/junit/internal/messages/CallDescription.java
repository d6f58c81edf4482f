package dev.anvilcheck.junit.internal.messages;

import dev.anvilcheck.runtime.RecordedCall;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.CallerKind;

/**
 * The call an assertion is about, as messages name it: {@code the call send_invoice(42) by BROWSER}.
 *
 * @param function the function's name
 * @param caller the caller's kind
 * @param arguments the arguments
 */
public record CallDescription(String function, CallerKind caller, Arguments arguments) {
    @Override
    public String toString() {
        return "the call " + function + RecordedCall.describe(arguments) + " by " + caller;
    }

    static String value(Object v) {
        return v instanceof String s ? '"' + s + '"' : String.valueOf(v);
    }
}
