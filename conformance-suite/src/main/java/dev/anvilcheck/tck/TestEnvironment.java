package dev.anvilcheck.tck;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Everything one conformance test needs besides its assertions (CONVENTIONS 6): the runtime under test,
 * the clause, the one configurable timeout every wait goes through, threads to run calls on, and
 * a collector of errors raised on other threads, re-raised at the end of the test.
 *
 * <p>The suite never sleeps: it waits for latches counted down by probe functions
 * ({@link #await(CountDownLatch, String)}), for calls started on other threads
 * ({@link #startCall(Caller, String, Object...)}), for background tasks to end
 * ({@link #awaitTask(Task, CallerKind, String)}), and advances the runtime's clock
 * instead of waiting for time to pass. A wait that times out fails the test with the clause, what
 * was awaited and how long. To check that something does <em>not</em> happen, the suite waits the
 * shorter "no signal" timeout ({@link #expectNoSignal(CountDownLatch, String)}).
 *
 * <p>Timeouts come from the configuration parameters (or system properties)
 * {@value #TIMEOUT_PROPERTY} (default {@value #DEFAULT_TIMEOUT_MILLIS} ms) and
 * {@value #NO_SIGNAL_TIMEOUT_PROPERTY} (default {@value #DEFAULT_NO_SIGNAL_TIMEOUT_MILLIS} ms).
 * The {@link ConformanceExtension} creates one environment per test and closes it afterwards;
 * the class itself does not depend on JUnit.
 *
 * @since 0.1
 */
public final class TestEnvironment implements AutoCloseable {
    /** The property holding the timeout of every wait, in milliseconds. */
    public static final String TIMEOUT_PROPERTY = "anvilcheck.timeoutMillis";
    /** The property holding how long to wait for something that must not happen, in milliseconds. */
    public static final String NO_SIGNAL_TIMEOUT_PROPERTY = "anvilcheck.noSignalTimeoutMillis";
    /** The default timeout of every wait. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;
    /** The default time to wait for something that must not happen. */
    public static final long DEFAULT_NO_SIGNAL_TIMEOUT_MILLIS = 250;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final RuntimeProvider provider;
    private final RuntimeUnderTest runtime;
    private final String clause;
    private final Duration timeout;
    private final Duration noSignalTimeout;
    private final BiConsumer<String, String> notes;
    private final Queue<Throwable> asyncErrors = new ConcurrentLinkedQueue<>();
    private final List<CountDownLatch> latches = new CopyOnWriteArrayList<>();
    private final List<Future<?>> started = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private volatile Thread testThread;
    /** The environment of the conformance test running on each test thread. */
    private static final ThreadLocal<TestEnvironment> RUNNING = new ThreadLocal<>();

    /**
     * Creates the environment of one test.
     *
     * @param provider the provider of the runtime under test
     * @param runtime the runtime started for this test
     * @param clause the clause the test verifies, e.g. {@code CALL-05}
     * @param timeout how long every wait may take
     * @param noSignalTimeout how long to wait for something that must not happen
     * @param notes where implementation-defined observations are reported (key, value)
     */
    public TestEnvironment(RuntimeProvider provider, RuntimeUnderTest runtime, String clause, Duration timeout,
            Duration noSignalTimeout, BiConsumer<String, String> notes) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.clause = Objects.requireNonNull(clause, "clause");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.noSignalTimeout = Objects.requireNonNull(noSignalTimeout, "noSignalTimeout");
        this.notes = notes == null ? (k, v) -> { } : notes;
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "anvilcheck-tck-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(factory);
        this.testThread = Thread.currentThread();
    }

    /**
     * The runtime started for this test.
     *
     * @return the runtime
     */
    public RuntimeUnderTest runtime() {
        return runtime;
    }

    /**
     * The provider of the runtime under test.
     *
     * @return the provider
     */
    public RuntimeProvider provider() {
        return provider;
    }

    /**
     * The clause this test verifies.
     *
     * @return the clause ID
     */
    public String clause() {
        return clause;
    }

    /**
     * How long every wait may take.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * How long the suite waits to be sure that something does not happen.
     *
     * @return the no-signal timeout
     */
    public Duration noSignalTimeout() {
        return noSignalTimeout;
    }

    /**
     * Whether the runtime declares a feature.
     *
     * @param feature the feature
     * @return true if declared
     */
    public boolean supports(Feature feature) {
        Set<Feature> features = provider.features();
        return features != null && features.contains(feature);
    }

    /**
     * Records an implementation-defined choice the runtime showed, for the report (spec section 4:
     * "the report records which one a runtime showed").
     *
     * @param key what was decided, e.g. {@code Q-01}
     * @param value what the runtime showed
     */
    public void note(String key, String value) {
        notes.accept(key, value);
    }

    /**
     * Makes the current thread the test's own thread: waits that time out there throw, waits
     * that time out on other threads are also collected, and {@link Expect}'s checks made on it
     * without a clause check this test's clause. The extension calls this, and
     * {@link #unbindTestThread()} when the test method returns.
     */
    public void bindTestThread() {
        testThread = Thread.currentThread();
        RUNNING.set(this);
    }

    /** Ends what {@link #bindTestThread()} began, on the same thread. */
    public void unbindTestThread() {
        RUNNING.remove();
    }

    /**
     * The clause of the conformance test running on this thread, which {@link Expect}'s checks
     * made without a clause check (CONVENTIONS 1: a test's identity is its clause).
     *
     * @return the clause, e.g. {@code CALL-05}
     * @throws IllegalStateException off a conformance test's own thread: a check made on another
     *     thread (in a function the runtime runs) names its clause
     */
    static String clauseOfThisThread() {
        TestEnvironment env = RUNNING.get();
        if (env == null) {
            throw new IllegalStateException("This check names no clause and runs outside a conformance test's own"
                    + " thread (" + Thread.currentThread().getName() + "), so no clause is known: pass the clause,"
                    + " e.g. Expect.that(\"CALL-05\", ...)");
        }
        return env.clause;
    }

    /**
     * A latch that is released when the test ends, so that a probe function blocked on it never
     * outlives its test.
     *
     * @param count the count
     * @return the latch
     */
    public CountDownLatch latch(int count) {
        CountDownLatch latch = new CountDownLatch(count);
        latches.add(latch);
        return latch;
    }

    /**
     * Waits, at most {@link #timeout()}, for {@code latch} to reach zero. May be called from probe
     * functions: a timeout there is also collected and re-raised at the end of the test.
     *
     * @param latch the latch
     * @param what what is awaited, e.g. {@code "the first call to enter the function"}
     * @throws ClauseViolation on timeout, or if the thread was interrupted
     */
    public void await(CountDownLatch latch, String what) {
        long start = System.nanoTime();
        boolean reached;
        try {
            reached = latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(new FailureMessage(clause, what, "interrupted while waiting", null, null, since(start))
                    .toFailure(e));
        }
        if (!reached) {
            throw fail(new FailureMessage(clause, what + " within " + timeout.toMillis() + " ms",
                    "it did not happen", null, null, since(start)).toFailure());
        }
    }

    /**
     * Waits, at most {@link #timeout()}, until a background task has a termination status
     * (TASK-08), through the runtime's {@link dev.anvilcheck.spi.TaskControl}: a runtime that runs
     * tasks only when told ({@link Feature#DETERMINISTIC_TASKS}) runs the pending ones meanwhile.
     *
     * @param task the task
     * @param launcher the kind of caller that launched it, for messages, or {@code null}
     * @param taskName the task's name, for messages
     * @return the task, for further checks
     * @throws ClauseViolation if it did not end in time
     */
    public Task awaitTask(Task task, CallerKind launcher, String taskName) {
        Objects.requireNonNull(task, "task");
        long start = System.nanoTime();
        boolean ended = runtime.tasks().awaitTermination(task, timeout);
        if (!ended) {
            throw fail(new FailureMessage(clause, "the background task to end within " + timeout.toMillis() + " ms",
                    "it was still running", launcher, taskName, since(start)).toFailure());
        }
        return task;
    }

    /**
     * Blocks a probe function until {@code latch} is released, at most {@link #timeout()}; never
     * fails. For probe functions that a runtime may interrupt, e.g. when it enforces a call
     * timeout (ERR-06): an interruption ends the wait, keeping the thread's interrupt flag.
     *
     * @param latch the latch
     * @return true if released, false if interrupted or timed out
     */
    public boolean block(CountDownLatch latch) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits {@link #noSignalTimeout()} and fails if {@code latch} reaches zero meanwhile: checks
     * that something does not happen.
     *
     * @param latch the latch that would signal it
     * @param what what must not happen, e.g. {@code "the second call to start"}
     * @throws ClauseViolation if it happened
     */
    public void expectNoSignal(CountDownLatch latch, String what) {
        long start = System.nanoTime();
        boolean reached;
        try {
            reached = latch.await(noSignalTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(new FailureMessage(clause, "no " + what, "interrupted while waiting", null, null,
                    since(start)).toFailure(e));
        }
        if (reached) {
            throw fail(new FailureMessage(clause, "no " + what + " within " + noSignalTimeout.toMillis() + " ms",
                    what + " happened", null, null, since(start)).toFailure());
        }
    }

    /**
     * Runs {@code caller.call(function, args)} on another thread.
     *
     * @param caller the caller
     * @param function the function
     * @param args the arguments, optionally followed by a {@link dev.anvilcheck.server.Kwargs}
     * @return the pending call
     */
    public Pending<Object> startCall(Caller caller, String function, Object... args) {
        Arguments arguments = Arguments.fromVarargs(args);
        return start(caller.kind(), function, () -> caller.call(function, arguments));
    }

    /**
     * Runs an action on another thread, e.g. a call that must overlap another.
     *
     * @param caller the kind of caller the action calls through, for messages, or {@code null}
     * @param function the function it calls, for messages, or {@code null}
     * @param action the action
     * @param <T> what it returns
     * @return the pending action
     */
    public <T> Pending<T> start(CallerKind caller, String function, Callable<T> action) {
        Future<T> future = executor.submit(action);
        started.add(future);
        return new Pending<>(this, caller, function, future);
    }

    /**
     * Collects an error raised on another thread, to be re-raised at the end of the test.
     *
     * @param error the error
     */
    public void asyncError(Throwable error) {
        asyncErrors.add(Objects.requireNonNull(error, "error"));
    }

    /**
     * The errors collected so far.
     *
     * @return a snapshot of the errors
     */
    public List<Throwable> asyncErrors() {
        return new ArrayList<>(asyncErrors);
    }

    /**
     * Re-raises the first error collected from other threads, with the others suppressed.
     *
     * @throws AssertionError if any error was collected
     */
    public void verifyNoAsyncErrors() {
        List<Throwable> errors = asyncErrors();
        if (errors.isEmpty()) {
            return;
        }
        Throwable first = errors.get(0);
        AssertionError failure = first instanceof AssertionError a && errors.size() == 1 ? a
                : new AssertionError("[" + clause + "] " + errors.size() + " error(s) were raised on other threads;"
                        + " the first: " + first, first);
        for (Throwable other : errors.subList(1, errors.size())) {
            failure.addSuppressed(other);
        }
        throw failure;
    }

    /**
     * Releases every latch made by {@link #latch(int)} and stops the threads started for this test.
     */
    @Override
    public void close() {
        for (CountDownLatch latch : latches) {
            while (latch.getCount() > 0) {
                latch.countDown();
            }
        }
        for (Future<?> future : started) {
            future.cancel(true);
        }
        executor.shutdownNow();
    }

    ClauseViolation fail(ClauseViolation failure) {
        if (Thread.currentThread() != testThread) {
            asyncErrors.add(failure);
        }
        return failure;
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
