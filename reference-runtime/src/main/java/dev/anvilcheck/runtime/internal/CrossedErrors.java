package dev.anvilcheck.runtime.internal;

/**
 * What server code threw, for the app log: on each thread, the last error a function raised, as
 * it crossed back to its caller, and the exception server code threw first (a function's own, or
 * one a nested call left uncaught). No clause speaks of it; the suite's mutation run does not
 * mutate calls to it ({@code avoidCallsTo} in conformance-suite's pit profile).
 */
@OutsideTheSpecification("what server code threw, for the app log's lines only")
final class CrossedErrors {
    /** An error as it crossed back from a function, and the exception server code threw first (ERR-01). */
    record Crossed(Throwable crossed, Throwable thrown) {}

    private final ThreadLocal<Crossed> last = new ThreadLocal<>();

    /**
     * Remembers that {@code failure}, thrown by a body, crossed to its caller as {@code crossed};
     * what server code threw is what {@code nested} (left by the body's own nested calls) says
     * when the body let that nested call's error through.
     *
     * @return {@code crossed}, for the caller to throw
     */
    RuntimeException remember(RuntimeException crossed, Throwable failure, Crossed nested) {
        Throwable thrown = nested != null && nested.crossed() == failure ? nested.thrown() : failure;
        last.set(new Crossed(crossed, thrown));
        return crossed;
    }

    /** Forgets what nested calls left on this thread: the body returned normally, so it caught them. */
    void forget() {
        last.remove();
    }

    /** @return what the body's nested calls left on this thread when the body failed, else {@code null} */
    Crossed leftBy(Throwable failure) {
        return failure == null ? null : last.get();
    }

    /** @return what this thread's nested calls left, now forgotten on it (a pooled thread starts clean) */
    Crossed take() {
        Crossed left = last.get();
        last.remove();
        return left;
    }

    /**
     * @param received the error a caller received, on the thread that ran the call
     * @return the exception server code threw, or {@code received}
     */
    Throwable thrownBy(Throwable received) {
        Crossed crossed = last.get();
        if (crossed == null) {
            return received;
        }
        last.remove();
        return crossed.crossed() == received ? crossed.thrown() : received;
    }
}
