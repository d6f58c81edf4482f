package dev.anvilcheck.junit;

import static dev.anvilcheck.junit.internal.messages.ShouldHaveMessage.shouldHaveMessage;

import dev.anvilcheck.junit.internal.messages.CallDescription;
import java.util.Objects;

/**
 * Assertions on the error a call raised, made by {@link CallAssert#raised(Class)}.
 *
 * @param <E> the error type
 * @since 0.1
 */
public final class RaisedAssert<E extends Throwable> {
    private final CallDescription call;
    private final E error;

    RaisedAssert(CallDescription call, E error) {
        this.call = call;
        this.error = error;
    }

    /**
     * Asserts the error's message exactly.
     *
     * @param expected the message
     * @return this
     */
    public RaisedAssert<E> withMessage(String expected) {
        if (!Objects.equals(expected, error.getMessage())) {
            throw shouldHaveMessage(call, error, expected, false);
        }
        return this;
    }

    /**
     * Asserts that the error's message contains {@code part}.
     *
     * @param part the expected part
     * @return this
     */
    public RaisedAssert<E> withMessageContaining(String part) {
        Objects.requireNonNull(part, "part");
        if (error.getMessage() == null || !error.getMessage().contains(part)) {
            throw shouldHaveMessage(call, error, part, true);
        }
        return this;
    }

    /**
     * The error, to check it further.
     *
     * @return the error the caller received
     */
    public E error() {
        return error;
    }
}
