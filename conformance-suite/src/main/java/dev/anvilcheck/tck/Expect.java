package dev.anvilcheck.tck;

import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.tck.internal.Describe;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * The assertions of the conformance suite. Each fails with a {@link ClauseViolation} in the one
 * template of {@link FailureMessage} (CONVENTIONS 5), naming the clause, the caller and the
 * function involved. They check types, wire type names and the facts a clause states, never the
 * wording of a runtime's own messages unless the clause fixes it.
 *
 * <p>Inside a conformance test the clause is bound once, by the test's name: a check made on the
 * test's own thread without a clause checks the test's clause ({@link TestEnvironment} knows it).
 * The forms that take a clause first are for the few checks that belong to another clause than
 * the test's, and for checks made on other threads (in a function the runtime runs).
 *
 * <pre>{@code
 * NoServerFunctionError e = Expect.raises(browser, "missing", NoServerFunctionError.class,
 *         () -> browser.call("missing"));
 * }</pre>
 *
 * @since 0.1
 */
public final class Expect {
    private Expect() {}

    /**
     * Something a check runs: usually a call through a caller.
     *
     * @param <T> what it returns
     * @since 0.1
     */
    @FunctionalInterface
    public interface Action<T> {
        /**
         * Runs the action.
         *
         * @return the result
         * @throws Throwable whatever the runtime raised
         */
        T run() throws Throwable;
    }

    /**
     * Runs {@code action} and expects it to raise {@code type} (or a subclass).
     *
     * @param clause the clause, e.g. {@code CALL-05}
     * @param caller the caller that made the call
     * @param function the function called
     * @param type the expected exception type
     * @param action the call
     * @param <T> the expected type
     * @return the exception raised, for further checks
     * @throws ClauseViolation if the action returned, or raised something else
     */
    public static <T extends Throwable> T raises(
            String clause, Caller caller, String function, Class<T> type, Action<?> action) {
        return raises(clause, caller.kind(), function, type, action);
    }

    /**
     * Runs {@code action} and expects it to raise {@code type} (or a subclass).
     *
     * @param clause the clause
     * @param caller the kind of caller that made the call, or {@code null}
     * @param function the function called
     * @param type the expected exception type
     * @param action the call
     * @param <T> the expected type
     * @return the exception raised
     * @throws ClauseViolation if the action returned, or raised something else
     */
    public static <T extends Throwable> T raises(
            String clause, CallerKind caller, String function, Class<T> type, Action<?> action) {
        return type.cast(raisesAnyOf(clause, caller, function, List.of(type), action));
    }

    /**
     * Runs {@code action} and expects it to raise one of {@code types}, for clauses that allow
     * several outcomes.
     *
     * @param clause the clause
     * @param caller the kind of caller, or {@code null}
     * @param function the function called
     * @param types the accepted exception types
     * @param action the call
     * @return the exception raised
     * @throws ClauseViolation if the action returned, or raised something else
     */
    public static Throwable raisesAnyOf(String clause, CallerKind caller, String function,
            List<Class<? extends Throwable>> types, Action<?> action) {
        String expected = types.stream().map(Describe::typeName).collect(Collectors.joining(" or "));
        long start = System.nanoTime();
        Object result;
        try {
            result = action.run();
        } catch (Throwable t) {
            rethrowSuiteSignals(t);
            Duration waited = since(start);
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
            throw new FailureMessage(clause, expected, Describe.raised(t), caller, function, waited).toFailure(t);
        }
        throw new FailureMessage(clause, expected, Describe.returned(result), caller, function, since(start))
                .toFailure();
    }

    /**
     * Runs {@code action} and expects it to return normally.
     *
     * @param clause the clause
     * @param caller the caller
     * @param function the function called
     * @param action the call
     * @param <T> what it returns
     * @return the value returned
     * @throws ClauseViolation if it raised
     */
    public static <T> T returns(String clause, Caller caller, String function, Action<T> action) {
        return returns(clause, caller.kind(), function, action);
    }

    /**
     * Runs {@code action} and expects it to return normally.
     *
     * @param clause the clause
     * @param caller the kind of caller, or {@code null}
     * @param function the function called
     * @param action the call
     * @param <T> what it returns
     * @return the value returned
     * @throws ClauseViolation if it raised
     */
    public static <T> T returns(String clause, CallerKind caller, String function, Action<T> action) {
        long start = System.nanoTime();
        try {
            return action.run();
        } catch (Throwable t) {
            rethrowSuiteSignals(t);
            throw new FailureMessage(clause, "a normal return", Describe.raised(t), caller, function, since(start))
                    .toFailure(t);
        }
    }

    /**
     * Expects an observed fact to equal what the clause says ({@link Objects#equals}, so
     * {@code 1 (Integer)} differs from {@code 1 (Long)}).
     *
     * @param clause the clause
     * @param caller the caller
     * @param function the function involved
     * @param what what was observed, e.g. {@code context.remote_caller.type}
     * @param expected the value the clause gives
     * @param observed the value observed
     * @throws ClauseViolation if they differ
     */
    public static void equal(String clause, Caller caller, String function, String what, Object expected,
            Object observed) {
        equal(clause, caller.kind(), function, what, expected, observed);
    }

    /**
     * Expects an observed fact to equal what the clause says.
     *
     * @param clause the clause
     * @param caller the kind of caller, or {@code null}
     * @param function the function involved, or {@code null}
     * @param what what was observed
     * @param expected the value the clause gives
     * @param observed the value observed
     * @throws ClauseViolation if they differ
     */
    public static void equal(String clause, CallerKind caller, String function, String what, Object expected,
            Object observed) {
        if (!Objects.equals(expected, observed)) {
            throw new FailureMessage(clause, what + " = " + Describe.value(expected),
                    what + " = " + Describe.value(observed), caller, function, Duration.ZERO).toFailure();
        }
    }

    /**
     * Expects a fact to hold.
     *
     * @param clause the clause
     * @param caller the caller
     * @param function the function involved
     * @param holds whether the fact holds
     * @param expected what the clause says, in words
     * @param observed what was observed, in words
     * @throws ClauseViolation if it does not hold
     */
    public static void that(String clause, Caller caller, String function, boolean holds, String expected,
            String observed) {
        that(clause, caller.kind(), function, holds, expected, observed);
    }

    /**
     * Expects a fact to hold.
     *
     * @param clause the clause
     * @param caller the kind of caller, or {@code null}
     * @param function the function involved, or {@code null}
     * @param holds whether the fact holds
     * @param expected what the clause says, in words
     * @param observed what was observed, in words
     * @throws ClauseViolation if it does not hold
     */
    public static void that(String clause, CallerKind caller, String function, boolean holds, String expected,
            String observed) {
        if (!holds) {
            throw violation(clause, caller, function, expected, observed);
        }
    }

    /**
     * A violation to throw, for checks the other methods do not cover.
     *
     * @param clause the clause
     * @param caller the kind of caller, or {@code null}
     * @param function the function involved, or {@code null}
     * @param expected what the clause says
     * @param observed what was observed
     * @return the failure
     */
    public static ClauseViolation violation(String clause, CallerKind caller, String function, String expected,
            String observed) {
        return new FailureMessage(clause, expected, observed, caller, function, Duration.ZERO).toFailure();
    }

    /**
     * For an optional clause (a MAY or an implementation-defined choice): aborts the test, reported
     * as not applicable with the clause and what the runtime showed instead, unless the optional
     * behaviour was shown.
     *
     * @param clause the clause
     * @param shown whether the runtime showed the optional behaviour
     * @param observed what it showed instead
     * @throws TestAbortedException if not shown
     */
    public static void optional(String clause, boolean shown, String observed) {
        if (!shown) {
            Assumptions.abort("[" + clause + "] optional behaviour not shown by this runtime: " + observed);
        }
    }

    // ---------------------------------------------------------------- the test's own clause

    /**
     * {@link #raises(String, Caller, String, Class, Action)} for the running test's clause.
     *
     * @param caller the caller that made the call
     * @param function the function called
     * @param type the expected exception type
     * @param action the call
     * @param <T> the expected type
     * @return the exception raised
     * @throws ClauseViolation if the action returned, or raised something else
     */
    public static <T extends Throwable> T raises(Caller caller, String function, Class<T> type, Action<?> action) {
        return raises(TestEnvironment.clauseOfThisThread(), caller, function, type, action);
    }

    /**
     * {@link #raises(String, CallerKind, String, Class, Action)} for the running test's clause.
     *
     * @param caller the kind of caller, or {@code null}
     * @param function the function called
     * @param type the expected exception type
     * @param action the call
     * @param <T> the expected type
     * @return the exception raised
     * @throws ClauseViolation if the action returned, or raised something else
     */
    public static <T extends Throwable> T raises(CallerKind caller, String function, Class<T> type,
            Action<?> action) {
        return raises(TestEnvironment.clauseOfThisThread(), caller, function, type, action);
    }

    /**
     * {@link #raisesAnyOf(String, CallerKind, String, List, Action)} for the running test's clause.
     *
     * @param caller the kind of caller, or {@code null}
     * @param function the function called
     * @param types the accepted exception types
     * @param action the call
     * @return the exception raised
     * @throws ClauseViolation if the action returned, or raised something else
     */
    public static Throwable raisesAnyOf(CallerKind caller, String function, List<Class<? extends Throwable>> types,
            Action<?> action) {
        return raisesAnyOf(TestEnvironment.clauseOfThisThread(), caller, function, types, action);
    }

    /**
     * {@link #returns(String, Caller, String, Action)} for the running test's clause.
     *
     * @param caller the caller
     * @param function the function called
     * @param action the call
     * @param <T> what it returns
     * @return the value returned
     * @throws ClauseViolation if it raised
     */
    public static <T> T returns(Caller caller, String function, Action<T> action) {
        return returns(TestEnvironment.clauseOfThisThread(), caller, function, action);
    }

    /**
     * {@link #returns(String, CallerKind, String, Action)} for the running test's clause.
     *
     * @param caller the kind of caller, or {@code null}
     * @param function the function called
     * @param action the call
     * @param <T> what it returns
     * @return the value returned
     * @throws ClauseViolation if it raised
     */
    public static <T> T returns(CallerKind caller, String function, Action<T> action) {
        return returns(TestEnvironment.clauseOfThisThread(), caller, function, action);
    }

    /**
     * {@link #equal(String, Caller, String, String, Object, Object)} for the running test's clause.
     *
     * @param caller the caller
     * @param function the function involved
     * @param what what was observed
     * @param expected the value the clause gives
     * @param observed the value observed
     * @throws ClauseViolation if they differ
     */
    public static void equal(Caller caller, String function, String what, Object expected, Object observed) {
        equal(TestEnvironment.clauseOfThisThread(), caller, function, what, expected, observed);
    }

    /**
     * {@link #equal(String, CallerKind, String, String, Object, Object)} for the running test's
     * clause.
     *
     * @param caller the kind of caller, or {@code null}
     * @param function the function involved, or {@code null}
     * @param what what was observed
     * @param expected the value the clause gives
     * @param observed the value observed
     * @throws ClauseViolation if they differ
     */
    public static void equal(CallerKind caller, String function, String what, Object expected, Object observed) {
        equal(TestEnvironment.clauseOfThisThread(), caller, function, what, expected, observed);
    }

    /**
     * {@link #that(String, Caller, String, boolean, String, String)} for the running test's clause.
     *
     * @param caller the caller
     * @param function the function involved
     * @param holds whether the fact holds
     * @param expected what the clause says, in words
     * @param observed what was observed, in words
     * @throws ClauseViolation if it does not hold
     */
    public static void that(Caller caller, String function, boolean holds, String expected, String observed) {
        that(TestEnvironment.clauseOfThisThread(), caller, function, holds, expected, observed);
    }

    /**
     * {@link #that(String, CallerKind, String, boolean, String, String)} for the running test's
     * clause.
     *
     * @param caller the kind of caller, or {@code null}
     * @param function the function involved, or {@code null}
     * @param holds whether the fact holds
     * @param expected what the clause says, in words
     * @param observed what was observed, in words
     * @throws ClauseViolation if it does not hold
     */
    public static void that(CallerKind caller, String function, boolean holds, String expected, String observed) {
        that(TestEnvironment.clauseOfThisThread(), caller, function, holds, expected, observed);
    }

    /**
     * {@link #violation(String, CallerKind, String, String, String)} for the running test's clause.
     *
     * @param caller the kind of caller, or {@code null}
     * @param function the function involved, or {@code null}
     * @param expected what the clause says
     * @param observed what was observed
     * @return the failure
     */
    public static ClauseViolation violation(CallerKind caller, String function, String expected, String observed) {
        return violation(TestEnvironment.clauseOfThisThread(), caller, function, expected, observed);
    }

    /**
     * {@link #optional(String, boolean, String)} for the running test's clause.
     *
     * @param shown whether the runtime showed the optional behaviour
     * @param observed what it showed instead
     * @throws TestAbortedException if not shown
     */
    public static void optional(boolean shown, String observed) {
        optional(TestEnvironment.clauseOfThisThread(), shown, observed);
    }

    private static void rethrowSuiteSignals(Throwable t) {
        if (t instanceof ClauseViolation || t instanceof TestAbortedException || t instanceof OutOfMemoryError) {
            throw Expect.<RuntimeException>sneaky(t);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
