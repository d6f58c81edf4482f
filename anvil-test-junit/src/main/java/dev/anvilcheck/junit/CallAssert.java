package dev.anvilcheck.junit;

import static dev.anvilcheck.junit.internal.messages.ShouldHaveRaised.shouldHaveRaised;
import static dev.anvilcheck.junit.internal.messages.ShouldHaveReturned.shouldHaveReturned;
import static dev.anvilcheck.junit.internal.messages.ShouldHaveReturnedValue.shouldHaveReturnedValue;

import dev.anvilcheck.junit.internal.messages.CallDescription;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.ValuePath;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Assertions on how one call ended, made by
 * {@link AnvilAssertions#assertThatCall(dev.anvilcheck.spi.Caller, String, Object...)}.
 *
 * @since 0.1
 */
public final class CallAssert {
    private final CallDescription call;
    private final Object returned;
    private final Throwable raised;

    CallAssert(CallDescription call, Object returned, Throwable raised) {
        this.call = call;
        this.returned = returned;
        this.raised = raised;
    }

    /**
     * Asserts that the call returned normally.
     *
     * @return this
     */
    public CallAssert returned() {
        if (raised != null) {
            throw shouldHaveReturned(call, raised);
        }
        return this;
    }

    /**
     * Asserts that the call returned {@code expected}, compared as it would arrive: ints as
     * {@code Long}, arrays and tuples as lists, date-times as {@code OffsetDateTime} (CALL-04,
     * SER-01..09), so {@code returned(3)} passes for a function that returns {@code 3L}.
     *
     * @param expected the expected value
     * @return this
     */
    public CallAssert returned(Object expected) {
        returned();
        Object canonical = canonical(expected);
        if (!Objects.equals(canonical, returned)) {
            throw shouldHaveReturnedValue(call, canonical, returned);
        }
        return this;
    }

    /**
     * Asserts that the call returned, and gives the value, to check it further with any assertion
     * library.
     *
     * @return the value the caller received
     */
    public Object returnedValue() {
        returned();
        return returned;
    }

    /**
     * Asserts that the call raised an error of {@code type} (or a subtype), as the caller
     * receives it after crossing (ERR-01..05: unregistered types arrive as
     * {@code AnvilWrappedError}).
     *
     * @param type the expected error type
     * @param <E> the error type
     * @return assertions on the error
     */
    public <E extends Throwable> RaisedAssert<E> raised(Class<E> type) {
        Objects.requireNonNull(type, "type");
        if (raised == null) {
            throw shouldHaveRaised(call, type, returned);
        }
        if (!type.isInstance(raised)) {
            throw shouldHaveRaised(call, type, raised);
        }
        return new RaisedAssert<>(call, type.cast(raised));
    }

    static Object canonical(Object value) {
        try {
            return Crossing.from(ZoneOffset.UTC).copy(value, ValuePath.root());
        } catch (RuntimeException notAValue) {
            return value;
        }
    }
}
