package dev.anvilcheck.junit;

import static dev.anvilcheck.junit.internal.messages.ShouldHaveBeenCalled.shouldHaveBeenCalled;
import static dev.anvilcheck.junit.internal.messages.ShouldHaveBeenCalledBy.shouldHaveBeenCalledBy;
import static dev.anvilcheck.junit.internal.messages.ShouldHaveBeenCalledWith.shouldHaveBeenCalledWith;

import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.RecordedCall;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.value.Crossing;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Assertions on the recorded calls of one function, made by
 * {@link AnvilAssertions#assertThatFunction(CallJournal, String)}. {@link #by(CallerKind)} and
 * {@link #withArguments(Object...)} check every recorded call of the function, so after
 * {@link #wasCalledOnce()} they check that one call.
 *
 * @since 0.1
 */
public final class FunctionCallsAssert {
    private final CallJournal journal;
    private final String function;

    FunctionCallsAssert(CallJournal journal, String function) {
        this.journal = journal;
        this.function = function;
    }

    /**
     * The recorded calls of the function, in the order they started.
     *
     * @return the calls
     */
    public List<RecordedCall> calls() {
        return journal.callsOf(function);
    }

    /**
     * Asserts that the function was called exactly once.
     *
     * @return this
     */
    public FunctionCallsAssert wasCalledOnce() {
        return wasCalled(1);
    }

    /**
     * Asserts that the function was called exactly {@code times} times.
     *
     * @param times the expected number of calls
     * @return this
     */
    public FunctionCallsAssert wasCalled(int times) {
        int actual = calls().size();
        if (actual != times) {
            throw shouldHaveBeenCalled(function, times == 1 ? "once" : times + " times", actual, journal);
        }
        return this;
    }

    /**
     * Asserts that the function was called at least once.
     *
     * @return this
     */
    public FunctionCallsAssert wasCalled() {
        int actual = calls().size();
        if (actual == 0) {
            throw shouldHaveBeenCalled(function, "at least once", actual, journal);
        }
        return this;
    }

    /**
     * Asserts that the function was never called.
     *
     * @return this
     */
    public FunctionCallsAssert wasNeverCalled() {
        int actual = calls().size();
        if (actual != 0) {
            throw shouldHaveBeenCalled(function, "never", actual, journal);
        }
        return this;
    }

    /**
     * Asserts that every recorded call of the function was made by {@code caller}
     * ({@link CallerKind#BACKGROUND_TASK} for server code running in a background task).
     *
     * @param caller the expected kind of caller
     * @return this
     */
    public FunctionCallsAssert by(CallerKind caller) {
        Objects.requireNonNull(caller, "caller");
        for (RecordedCall c : calls()) {
            if (c.caller() != caller) {
                throw shouldHaveBeenCalledBy(function, caller, c);
            }
        }
        return this;
    }

    /**
     * Asserts that every recorded call of the function received these arguments, compared as they
     * arrive (ints as {@code Long}, arrays as lists; a trailing {@code Kwargs} for keyword
     * arguments).
     *
     * @param args the expected arguments
     * @return this
     */
    public FunctionCallsAssert withArguments(Object... args) {
        Arguments expected = canonical(Arguments.fromVarargs(args));
        for (RecordedCall c : calls()) {
            if (!expected.equals(c.arguments())) {
                throw shouldHaveBeenCalledWith(function, expected, c);
            }
        }
        return this;
    }

    private static Arguments canonical(Arguments arguments) {
        try {
            return Crossing.from(ZoneOffset.UTC).arguments(arguments);
        } catch (RuntimeException notValues) {
            return arguments;
        }
    }
}
