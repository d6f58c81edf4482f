package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.Faults;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Switches that make an {@link AnvilRuntime} fail the way the platform fails, for tests of how
 * an app copes ({@link AnvilRuntime#faults()}): the app offline for browsers (CALL-19, MISC-02),
 * the quota exhausted, a function that takes too long (ERR-06), a session that expired (SESS-10,
 * SESS-11). An uplink disconnects with {@link SimulatedUplink#disconnect()} (UPL-09, ERR-08).
 * Switches that involve time drive the runtime's {@link FakeClock}, so nothing sleeps.
 *
 * @since 0.1
 */
public final class RuntimeFaults implements Faults {
    private final AnvilRuntime runtime;
    private final Dispatcher dispatcher;
    private final Map<String, Faulted> faulted = new ConcurrentHashMap<>();

    RuntimeFaults(AnvilRuntime runtime, Dispatcher dispatcher) {
        this.runtime = runtime;
        this.dispatcher = dispatcher;
    }

    /**
     * Takes the app offline for browsers, or back online: their calls raise
     * {@code AppOfflineError} and {@code isAppOnline()} is false (CALL-19, MISC-02).
     *
     * @param offline true to go offline
     */
    @Override
    public void appOffline(boolean offline) {
        dispatcher.appOffline(offline);
    }

    /**
     * Exhausts the quota, or restores it: every call raises {@code QuotaExceededError}.
     *
     * @param exceeded true to exhaust
     */
    @Override
    public void quotaExceeded(boolean exceeded) {
        dispatcher.quotaExceeded(exceeded);
    }

    /**
     * Locks the app for maintenance, or unlocks it: every call fails with {@code InternalError}
     * "This app is currently down for maintenance. Please try again in a few minutes." (ERR-12).
     *
     * @param locked true to lock
     */
    @Override
    public void appLocked(boolean locked) {
        dispatcher.appLocked(locked);
    }

    /**
     * Makes every later call of the server function {@code function} take {@code duration} of the
     * runtime's time before its body runs: the runtime's {@link FakeClock} advances by that much
     * on the calling thread, so every call in progress past its deadline times out (ERR-06) and
     * sessions age (SESS-10). {@link Duration#ZERO} restores the function.
     *
     * @param function the registered name, e.g. {@code fetch_rates} or {@code task:nightly}
     * @param duration how long each call takes, not negative
     * @throws IllegalArgumentException if no server function has that name
     * @throws IllegalStateException if the runtime's clock is not a {@link FakeClock}
     */
    @OutsideTheSpecification("the delay fault, Java API of the runtime's control (RuntimeControl), which no clause"
            + " states")
    public void delay(String function, Duration duration) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A call cannot take negative time: " + duration);
        }
        FakeClock clock = duration.isZero() ? null : runtime.fakeClock();
        fault(function, f -> f.delay = duration, clock);
    }

    /**
     * Makes the worker running each later call of the server function {@code function} die once the
     * body has run, as when it runs out of memory (ERR-07): the caller gets
     * {@code ExecutionTerminatedError} ("Server code execution process was killed. This is usually
     * caused by running out of memory. (id)", as the App Server's downlink reports it), and what
     * the call did to its session is lost, since its worker never answered. {@code false}
     * restores the function.
     *
     * @param function the registered name
     * @param dies true to make its calls die
     * @throws IllegalArgumentException if no server function has that name
     */
    @Override
    public void workerDiesDuring(String function, boolean dies) {
        Objects.requireNonNull(function, "function");
        fault(function, f -> f.dies = dies, null);
    }

    /** Changes the faults of {@code function}, wrapping its body once and restoring it when none is left. */
    private void fault(String function, java.util.function.Consumer<Faulted> change, FakeClock clock) {
        synchronized (faulted) {
            Faulted f = faulted.get(function);
            if (f == null) {
                Faulted fresh = new Faulted();
                change.accept(fresh);
                if (fresh.none()) {
                    return;
                }
                fresh.original = dispatcher.registry().replace(function, body -> fresh.wrap(body, clock));
                faulted.put(function, fresh);
                return;
            }
            change.accept(f);
            if (clock != null) {
                f.clock = clock;
            }
            if (f.none()) {
                faulted.remove(function);
                ServerFunction original = f.original;
                dispatcher.registry().replace(function, current -> original);
            }
        }
    }

    /** What is wrong with one function's calls, and its body before it went wrong. */
    private static final class Faulted {
        ServerFunction original;
        volatile FakeClock clock;
        volatile Duration delay = Duration.ZERO;
        volatile boolean dies;

        boolean none() {
            return delay.isZero() && !dies;
        }

        ServerFunction wrap(ServerFunction body, FakeClock at) {
            clock = at;
            return arguments -> {
                Duration d = delay;
                if (!d.isZero()) {
                    clock.advance(d);
                }
                Object returned = body.invoke(arguments);
                if (dies) {
                    throw new ExecutionTerminatedError("Server code execution process was killed. This is usually"
                            + " caused by running out of memory. (" + Long.toHexString(
                                    java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40)) + ")");
                }
                return returned;
            };
        }
    }

    /**
     * Makes every later call of {@code function} run past the runtime's call timeout, so that its
     * caller gets {@code TimeoutError} ("Server code took too long", ERR-06); the same as
     * {@link #delay(String, Duration)} by the timeout plus one millisecond. A function an uplink
     * provides never times out (ERR-06), so on one this only delays the calls.
     *
     * @param function the registered name
     * @throws IllegalStateException if the runtime has no call timeout, or no {@link FakeClock}
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public void timeOut(String function) {
        Duration limit = runtime.callTimeout();
        if (limit.isZero()) {
            throw new IllegalStateException("This runtime has no call timeout, so no call can time out; build it"
                    + " with AnvilRuntime.builder().callTimeout(Duration.ofSeconds(30))");
        }
        delay(function, limit.plusMillis(1));
    }

    /**
     * Makes the session of {@code caller} idle past the session timeout, without moving the
     * clock: a browser's next call raises {@code SessionExpiredError} until it
     * {@linkplain SimulatedBrowser#resetSession() resets its session} (SESS-10, SESS-11); other
     * callers silently get a new session.
     *
     * @param caller the caller whose session expires
     */
    @OutsideTheSpecification("the session-expiry fault of the runtime's control (RuntimeControl); the SPI expires"
            + " sessions by the clock")
    public void expireSession(SimulatedCaller<?> caller) {
        Objects.requireNonNull(caller, "caller");
        long now = dispatcher.config().clock().millis();
        caller.session.touch(now - dispatcher.config().sessionTimeout().toMillis() - 1);
    }
}
