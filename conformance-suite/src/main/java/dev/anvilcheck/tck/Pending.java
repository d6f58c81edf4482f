package dev.anvilcheck.tck;

import dev.anvilcheck.spi.CallerKind;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A call (or other action) running on another thread, started by
 * {@link TestEnvironment#startCall}. {@link #await()} waits for it at most the environment's
 * timeout and returns its result or re-raises its exception, so it can be checked like a direct
 * call: {@code Expect.raises(clause, caller, fn, TimeoutError.class, pending::await)}.
 *
 * @param <T> what the action returns
 * @since 0.1
 */
public final class Pending<T> {
    private final TestEnvironment env;
    private final CallerKind caller;
    private final String function;
    private final Future<T> future;

    Pending(TestEnvironment env, CallerKind caller, String function, Future<T> future) {
        this.env = env;
        this.caller = caller;
        this.function = function;
        this.future = future;
    }

    /**
     * Whether the action has finished, normally or not.
     *
     * @return true when finished
     */
    public boolean isDone() {
        return future.isDone();
    }

    /**
     * Waits for the action, at most the environment's timeout, and returns its result or
     * re-raises what it raised.
     *
     * @return the result
     * @throws RuntimeException or {@link Error} what the action raised (checked exceptions are
     *     re-raised unchanged too)
     * @throws ClauseViolation if it did not finish in time
     */
    public T await() {
        long start = System.nanoTime();
        try {
            return future.get(env.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw Pending.<RuntimeException>sneaky(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw env.fail(new FailureMessage(env.clause(), "the call to finish within " + env.timeout().toMillis()
                    + " ms", "still running", caller, function, TestEnvironment.since(start)).toFailure());
        } catch (CancellationException e) {
            throw env.fail(new FailureMessage(env.clause(), "the call to finish", "cancelled by the suite", caller,
                    function, TestEnvironment.since(start)).toFailure(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw env.fail(new FailureMessage(env.clause(), "the call to finish", "interrupted while waiting", caller,
                    function, TestEnvironment.since(start)).toFailure(e));
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
