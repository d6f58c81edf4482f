package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.AnvilError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.AppOfflineError;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.BackgroundTaskKilled;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.InvalidResponseError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.QuotaExceededError;
import dev.anvilcheck.server.RuntimeUnavailableError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.ServiceNotAdded;
import dev.anvilcheck.server.SessionExpiredError;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.Pending;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.users.AuthenticationFailed;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.7, ERR: exceptions across the wire.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("ERR: exceptions across the wire")
public class ErrorVerification {
    /** Callers an error is checked through: browser, trusted server code and a server uplink. */
    private static final List<CallerKind> RECEIVERS = List.of(CallerKind.BROWSER, CallerKind.SERVER_MODULE,
            CallerKind.UPLINK, CallerKind.CLIENT_UPLINK);

    /** An application error registered under a name (ERR-05). */
    public static final class InvoiceError extends AnvilWrappedError {
        private static final long serialVersionUID = 1L;

        /** The registered wire type name. */
        public static final String WIRE_TYPE = "anvilcheck.tck.InvoiceError";

        /**
         * Creates the error.
         *
         * @param message the message
         */
        public InvoiceError(String message) {
            super(message);
        }
    }

    /** An application error deliberately never registered (ERR-05). */
    public static final class UnregisteredError extends AnvilWrappedError {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the error.
         *
         * @param message the message
         */
        public UnregisteredError(String message) {
            super(message);
        }
    }

    /** The {@code anvil.server} errors server and uplink code register (ERR-04), by constructor. */
    private static final List<Function<String, AnvilError>> SERVER_REGISTERED = List.of(SerializationError::new,
            InternalError::new, InvalidResponseError::new, RuntimeUnavailableError::new,
            UplinkDisconnectedError::new, ExecutionTerminatedError::new, TimeoutError::new, QuotaExceededError::new,
            NoServerFunctionError::new, CookieError::new, BackgroundTaskError::new, BackgroundTaskNotFound::new,
            PermissionDenied::new, ServiceNotAdded::new);

    /** The errors only the browser registers as well (ERR-04). */
    private static final List<Function<String, AnvilError>> BROWSER_ONLY = List.of(BackgroundTaskKilled::new,
            SessionExpiredError::new, AppOfflineError::new);

    /** Registers {@code raise}, which throws what the test put in {@code toThrow}. */
    private static AtomicReference<Throwable> registerRaise(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = new AtomicReference<>();
        rt.register("raise", a -> {
            Throwable error = toThrow.get();
            if (error instanceof Exception e) {
                throw e;
            }
            throw (Error) error;
        });
        return toThrow;
    }

    /** Registers {@code relay}, which calls {@code raise} from server code and keeps what it raised. */
    private static AtomicReference<Throwable> registerRelay(RuntimeUnderTest rt) {
        AtomicReference<Throwable> caught = new AtomicReference<>();
        rt.register("relay", a -> {
            caught.set(null);
            try {
                AnvilServer.call("raise");
            } catch (RuntimeException e) {
                caught.set(e);
            }
            return null;
        });
        return caught;
    }

    /** Has {@code raise} throw {@code error}, called by {@code kind}; returns what the caller received. */
    private static <T extends Throwable> T receive(RuntimeUnderTest rt, AtomicReference<Throwable> toThrow,
            AtomicReference<Throwable> relayed, String clause, CallerKind kind, Throwable error, Class<T> type) {
        toThrow.set(error);
        if (kind == CallerKind.SERVER_MODULE) {
            Caller browser = rt.browser();
            Expect.returns(clause, browser, "relay", () -> browser.call("relay"));
            return Expect.raises(clause, kind, "raise", type, () -> CallVerification.rethrowOrReturn(relayed.get()));
        }
        Caller caller = rt.caller(kind);
        return Expect.raises(clause, caller, "raise", type, () -> caller.call("raise"));
    }

    // ---------------------------------------------------------------- ERR-01 .. ERR-03

    @Test
    @DisplayName("[ERR-01] the caller receives the error under its wire type: anvil.server.<Name>, the"
            + " registered name, or the bare class name")
    void required_ERR_01_errorsCrossUnderTheirWireType(RuntimeUnderTest rt) {
        AnvilServer.registerExceptionType(InvoiceError.WIRE_TYPE, InvoiceError.class);
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        for (CallerKind kind : RECEIVERS) {
            AnvilError builtin = receive(rt, toThrow, relayed, "ERR-01", kind, new PermissionDenied("no"),
                    AnvilError.class);
            Expect.equal(kind, "raise", "wire type", "anvil.server.PermissionDenied", builtin.wireType());
            AnvilError registered = receive(rt, toThrow, relayed, "ERR-01", kind, new InvoiceError("unpaid"),
                    AnvilError.class);
            Expect.equal(kind, "raise", "wire type", InvoiceError.WIRE_TYPE, registered.wireType());
            AnvilError plain = receive(rt, toThrow, relayed, "ERR-01", kind, new IllegalStateException("state"),
                    AnvilError.class);
            Expect.equal(kind, "raise", "wire type", "IllegalStateException", plain.wireType());
            AnvilError python = receive(rt, toThrow, relayed, "ERR-01", kind, new ValueError("value"),
                    AnvilError.class);
            Expect.equal(kind, "raise", "wire type", "ValueError", python.wireType());
        }
    }

    @Test
    @DisplayName("[ERR-02] an unregistered error type arrives as AnvilWrappedError with the original type and"
            + " message")
    void required_ERR_02_unregisteredTypesArriveWrapped(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        List<Throwable> errors = List.of(new ValueError("bad value"), new TypeError("bad type"),
                new RuntimeError("bad state"), new IllegalArgumentException("plain java"),
                new UnsupportedOperationException("unsupported"));
        for (CallerKind kind : RECEIVERS) {
            for (Throwable error : errors) {
                AnvilWrappedError e = receive(rt, toThrow, relayed, "ERR-02", kind, error, AnvilWrappedError.class);
                String original = error instanceof dev.anvilcheck.python.PythonError p ? p.pythonType()
                        : error.getClass().getSimpleName();
                Expect.equal(kind, "raise", "class of the received error", "AnvilWrappedError",
                        e.getClass().getSimpleName());
                Expect.equal(kind, "raise", "error_obj['type']", original, e.errorObj().type());
                Expect.equal(kind, "raise", "message", error.getMessage(), e.getMessage());
            }
        }
    }

    @Test
    @DisplayName("[ERR-03] a KeyError arrives as a real KeyError")
    void required_ERR_03_keyErrorArrivesAsKeyError(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        for (CallerKind kind : RECEIVERS) {
            KeyError e = receive(rt, toThrow, relayed, "ERR-03", kind, new KeyError("'missing'"), KeyError.class);
            Expect.equal(kind, "raise", "message", "'missing'", e.getMessage());
            AnvilWrappedError other = receive(rt, toThrow, relayed, "ERR-03", kind,
                    new NoSuchElementException("not a KeyError"), AnvilWrappedError.class);
            Expect.equal(kind, "raise", "wire type of a NoSuchElementException", "NoSuchElementException",
                    other.wireType());
        }
    }

    // ---------------------------------------------------------------- ERR-04, ERR-05

    @Test
    @DisplayName("[ERR-04] the registered anvil.server errors arrive as themselves (new instances)")
    void required_ERR_04_registeredServerErrorsArriveAsThemselves(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        for (CallerKind kind : RECEIVERS) {
            for (Function<String, AnvilError> make : SERVER_REGISTERED) {
                checkArrivesAsItself(rt, toThrow, relayed, kind, make.apply("raised on purpose"));
            }
            checkArrivesAsItself(rt, toThrow, relayed, kind, new AuthenticationFailed("who are you?"));
        }
    }

    @Test
    @DisplayName("[ERR-04] a browser also receives BackgroundTaskKilled, SessionExpiredError and AppOfflineError"
            + " as themselves")
    void required_ERR_04_browserReceivesBrowserOnlyErrorsAsThemselves(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        for (Function<String, AnvilError> make : BROWSER_ONLY) {
            checkArrivesAsItself(rt, toThrow, null, CallerKind.BROWSER, make.apply("raised on purpose"));
        }
    }

    private static void checkArrivesAsItself(RuntimeUnderTest rt, AtomicReference<Throwable> toThrow,
            AtomicReference<Throwable> relayed, CallerKind kind, AnvilError error) {
        AnvilError received = receive(rt, toThrow, relayed, "ERR-04", kind, error, error.getClass());
        Expect.that("ERR-04", kind, "raise", received != error, "a new instance of " + Describe.typeName(error),
                "the very instance the function raised");
        Expect.equal("ERR-04", kind, "raise", "message of " + Describe.typeName(error), error.getMessage(),
                received.getMessage());
        Expect.equal("ERR-04", kind, "raise", "wire type", error.wireType(), received.wireType());
    }

    @Test
    @DisplayName("[ERR-04] server code receives BackgroundTaskKilled as itself or wrapped (Q-05)")
    void optional_ERR_04_serverCodeReceivesBackgroundTaskKilled(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        AnvilError e = receive(rt, toThrow, relayed, "ERR-04", CallerKind.SERVER_MODULE,
                new BackgroundTaskKilled("killed"), AnvilError.class);
        boolean itself = e instanceof BackgroundTaskKilled;
        Expect.that(CallerKind.SERVER_MODULE, "raise",
                itself || e instanceof AnvilWrappedError && "anvil.server.BackgroundTaskKilled".equals(e.wireType()),
                "BackgroundTaskKilled, or AnvilWrappedError of type anvil.server.BackgroundTaskKilled (Q-05)",
                Describe.raised(e));
        env.note("Q-05", itself ? "server code receives BackgroundTaskKilled" : "server code receives it wrapped");
    }

    @Test
    @DisplayName("[ERR-04] with the quota exhausted every call raises QuotaExceededError")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_ERR_04_quotaExceededArrivesAsQuotaExceededError(RuntimeUnderTest rt) {
        Probes.Recorder ping = Probes.recorder(rt, "ping", "pong");
        rt.faults().quotaExceeded(true);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "ping", QuotaExceededError.class, () -> caller.call("ping"));
        }
        Expect.equal((CallerKind) null, "ping", "times the function ran", 0, ping.count());
        rt.faults().quotaExceeded(false);
        Caller browser = rt.browser();
        Expect.equal(browser, "ping", "return value once the quota is back", "pong",
                Expect.returns(browser, "ping", () -> browser.call("ping")));
    }

    @Test
    @DisplayName("[ERR-05] a registered AnvilWrappedError subclass round-trips as itself; an unregistered one"
            + " arrives wrapped")
    void required_ERR_05_onlyRegisteredSubclassesRoundTrip(RuntimeUnderTest rt) {
        AnvilServer.registerExceptionType(InvoiceError.WIRE_TYPE, InvoiceError.class);
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        for (CallerKind kind : RECEIVERS) {
            InvoiceError registered = receive(rt, toThrow, relayed, "ERR-05", kind, new InvoiceError("unpaid"),
                    InvoiceError.class);
            Expect.equal(kind, "raise", "message", "unpaid", registered.getMessage());
            AnvilWrappedError unregistered = receive(rt, toThrow, relayed, "ERR-05", kind,
                    new UnregisteredError("unknown here"), AnvilWrappedError.class);
            Expect.that(kind, "raise", !(unregistered instanceof UnregisteredError),
                    "an AnvilWrappedError, not the unregistered class", Describe.raised(unregistered));
            Expect.equal(kind, "raise", "wire type", "UnregisteredError", unregistered.wireType());
            Expect.equal(kind, "raise", "message", "unknown here", unregistered.getMessage());
        }
    }

    // ---------------------------------------------------------------- ERR-06 .. ERR-08

    @Test
    @DisplayName("[ERR-06] a function that runs past the call time limit raises TimeoutError in the caller")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_ERR_06_overrunningCallRaisesTimeoutError(RuntimeUnderTest rt) {
        Duration limit = rt.callTimeout();
        rt.register("overrun", a -> {
            rt.time().advance(limit.plusSeconds(1));
            return "too late";
        });
        rt.register("in_time", a -> {
            rt.time().advance(limit.minusSeconds(1));
            return "in time";
        });
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.UPLINK, CallerKind.SERVER_MODULE)) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "overrun", TimeoutError.class, () -> caller.call("overrun"));
            Expect.equal(caller, "in_time", "return value within the limit of " + limit, "in time",
                    Expect.returns(caller, "in_time", () -> caller.call("in_time")));
        }
    }

    @Test
    @DisplayName("[ERR-06] a call blocked while the clock passes the limit raises TimeoutError in the caller")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_ERR_06_blockedCallTimesOutByTheClock(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        rt.register("blocked", a -> {
            entered.countDown();
            env.block(release);
            return "released";
        });
        Caller browser = rt.browser();
        Pending<Object> call = env.startCall(browser, "blocked");
        env.await(entered, "the function to start");
        rt.time().advance(rt.callTimeout().plusSeconds(1));
        Expect.raises(browser, "blocked", TimeoutError.class, call::await);
        release.countDown();
    }

    @Test
    @DisplayName("[ERR-06] a call still running when exactly the limit has passed raises TimeoutError; one released"
            + " a millisecond before returns")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_ERR_06_callRunningAtExactlyTheLimitTimesOut(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Duration limit = rt.callTimeout();
        List<CountDownLatch> entered = List.of(env.latch(1), env.latch(1));
        List<CountDownLatch> release = List.of(env.latch(1), env.latch(1));
        rt.register("blocked", a -> {
            int which = ((Number) a.get(0)).intValue();
            entered.get(which).countDown();
            env.block(release.get(which));
            return "released";
        });
        Caller browser = rt.browser();
        Pending<Object> shortOfIt = env.startCall(browser, "blocked", 0L);
        env.await(entered.get(0), "the first call to start");
        rt.time().advance(limit.minusMillis(1));
        release.get(0).countDown();
        Expect.equal(browser, "blocked", "return value of a call released " + limit.minusMillis(1) + " after it began",
                "released", Expect.returns(browser, "blocked", shortOfIt::await));
        Pending<Object> atIt = env.startCall(browser, "blocked", 1L);
        env.await(entered.get(1), "the second call to start");
        rt.time().advance(limit);
        Expect.raises(browser, "blocked", TimeoutError.class, atIt::await);
        release.get(1).countDown();
    }

    @Test
    @DisplayName("[ERR-06] a call whose code ignores interruption still raises TimeoutError at the deadline")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_ERR_06_timeoutDoesNotWaitForCodeThatIgnoresInterruption(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        rt.register("stubborn", a -> {
            entered.countDown();
            // the platform kills its worker at the deadline rather than waiting for it
            awaitIgnoringInterruption(release);
            return "released";
        });
        timeOutStubborn(env, rt.browser(), entered);
        release.countDown();
    }

    /**
     * Waits for {@code release} as code that swallows interruption does (a tight loop, a careless
     * catch): an interruption at the deadline does not end the wait.
     */
    private static void awaitIgnoringInterruption(CountDownLatch release) {
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException ignored) {
                // carries on waiting
            }
        }
    }

    /**
     * Calls {@code stubborn} from {@code browser}, waits for its body to start ({@code entered}),
     * moves the clock past the call timeout and expects the call to raise {@code TimeoutError}
     * (ERR-06) while the body still runs.
     */
    private static void timeOutStubborn(TestEnvironment env, Caller browser, CountDownLatch entered) {
        RuntimeUnderTest rt = env.runtime();
        Pending<Object> call = env.startCall(browser, "stubborn");
        env.await(entered, "the function to start");
        rt.time().advance(rt.callTimeout().plusSeconds(1));
        Expect.raises(browser, "stubborn", TimeoutError.class, call::await);
    }

    @Test
    @DisplayName("[ERR-06] nothing a body that ignored interruption does after its caller got TimeoutError takes"
            + " effect: the server functions it calls and the tasks it launches do not run")
    @RequiresFeature({Feature.TIME_CONTROL, Feature.BACKGROUND_TASKS})
    void optional_ERR_06_abandonedBodyStartsNothing(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        CountDownLatch bodyDone = env.latch(1);
        CountDownLatch spawned = env.latch(1);
        AtomicInteger called = new AtomicInteger();
        AtomicReference<Object> launched = new AtomicReference<>();
        rt.register("err06_after", a -> called.incrementAndGet());
        rt.registerBackgroundTask("err06_spawned", a -> {
            spawned.countDown();
            return null;
        });
        rt.register("stubborn", a -> {
            entered.countDown();
            // once released, code that swallowed its interruption goes on as if nothing happened
            awaitIgnoringInterruption(release);
            // what the code sees (an exception, or nothing as its worker is gone) is not the point
            TaskProbes.attempt(() -> AnvilServer.call("err06_after"));
            launched.set(TaskProbes.attempt(() -> AnvilServer.launchBackgroundTask("err06_spawned")));
            bodyDone.countDown();
            return "late";
        });
        Caller browser = rt.browser();
        timeOutStubborn(env, browser, entered);
        release.countDown();
        env.await(bodyDone, "the abandoned function to get past its calls");
        Expect.equal(browser, "err06_after", "times a server function called by code past its deadline ran", 0,
                called.get());
        if (launched.get() instanceof Task handle) {
            // the runtime handed the abandoned code a task: wait for that task rather than for a while
            env.awaitTask(handle, CallerKind.SERVER_MODULE, "err06_spawned");
            Expect.equal(CallerKind.SERVER_MODULE, "err06_spawned",
                    "runs of a task launched by code past its deadline", 0L, 1 - spawned.getCount());
        } else {
            env.expectNoSignal(spawned, "a task launched by code past its deadline to run");
        }
    }

    @Test
    @DisplayName("[ERR-06] a cookie that a body which ignored interruption sets after its caller got TimeoutError is"
            + " not set")
    @RequiresFeature({Feature.TIME_CONTROL, Feature.COOKIES})
    void optional_ERR_06_abandonedBodySetsNoCookie(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        CountDownLatch bodyDone = env.latch(1);
        rt.register("late_cookie_get", a -> AnvilServer.cookies().local().get("late", "<absent>"));
        rt.register("stubborn", a -> {
            entered.countDown();
            awaitIgnoringInterruption(release);
            TaskProbes.attempt(() -> {
                AnvilServer.cookies().local().put("late", "set past the deadline");
                return null;
            });
            bodyDone.countDown();
            return "late";
        });
        Caller browser = rt.browser();
        timeOutStubborn(env, browser, entered);
        release.countDown();
        env.await(bodyDone, "the abandoned function to get past its cookie");
        Expect.equal(browser, "late_cookie_get", "cookies.local['late'], set by code past its deadline", "<absent>",
                Expect.returns(browser, "late_cookie_get", () -> browser.call("late_cookie_get")));
    }

    @Test
    @DisplayName("[ERR-06] a function an uplink provides has no call timeout: it returns however long it takes")
    @RequiresFeature({Feature.TIME_CONTROL, Feature.UPLINK_FUNCTIONS})
    void optional_ERR_06_uplinkFunctionsHaveNoCallTimeout(RuntimeUnderTest rt) {
        UplinkCaller uplink = rt.uplink();
        uplink.register("slow_on_uplink", a -> {
            rt.time().advance(rt.callTimeout().plusSeconds(60));
            return "done";
        });
        Caller browser = rt.browser();
        Expect.equal(browser, "slow_on_uplink", "return value of an uplink function that ran past the call timeout",
                "done", Expect.returns(browser, "slow_on_uplink", () -> browser.call("slow_on_uplink")));
    }

    @Test
    @DisplayName("[ERR-06] the TimeoutError message is \"Server code took too long\"")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_ERR_06_timeoutMessage(RuntimeUnderTest rt) {
        rt.register("overrun", a -> {
            rt.time().advance(rt.callTimeout().plusSeconds(1));
            return null;
        });
        Caller browser = rt.browser();
        TimeoutError e = Expect.raises(browser, "overrun", TimeoutError.class,
                () -> browser.call("overrun"));
        Expect.equal(browser, "overrun", "message", "Server code took too long", e.getMessage());
    }

    @Test
    @DisplayName("[ERR-07] a call whose worker dies raises ExecutionTerminatedError, and what it did to its session is lost")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_ERR_07_callWhoseWorkerDiesRaisesExecutionTerminatedError(RuntimeUnderTest rt) {
        rt.register("remember", a -> {
            AnvilServer.session().put("remembered", a.get(0));
            return "remembered";
        });
        rt.register("recall", a -> AnvilServer.session().get("remembered", "nothing"));
        rt.faults().workerDiesDuring("remember", true);
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.SERVER_MODULE, CallerKind.UPLINK)) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "remember", ExecutionTerminatedError.class, () -> caller.call("remember", "lost"));
            Expect.equal(caller, "recall", "the session after the call whose worker died", "nothing",
                    Expect.returns(caller, "recall", () -> caller.call("recall")));
        }
        rt.faults().workerDiesDuring("remember", false);
        Caller browser = rt.browser();
        Expect.equal(browser, "remember", "return value once workers live again", "remembered",
                Expect.returns(browser, "remember", () -> browser.call("remember", "kept")));
        Expect.equal(browser, "recall", "the session after a call that returned", "kept",
                Expect.returns(browser, "recall", () -> browser.call("recall")));
    }

    @Test
    @DisplayName("[ERR-08] a name provided only by a disconnected uplink raises UplinkDisconnectedError")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_ERR_08_disconnectedUplinkRaisesUplinkDisconnectedError(RuntimeUnderTest rt) {
        UplinkCaller uplink = rt.uplink();
        uplink.register("only_on_uplink", a -> "from uplink");
        Caller browser = rt.browser();
        Expect.equal(browser, "only_on_uplink", "return value while connected", "from uplink",
                Expect.returns(browser, "only_on_uplink", () -> browser.call("only_on_uplink")));
        uplink.disconnect();
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.SERVER_MODULE, CallerKind.UPLINK)) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "only_on_uplink", UplinkDisconnectedError.class,
                    () -> caller.call("only_on_uplink"));
        }
    }

    // ---------------------------------------------------------------- ERR-09 .. ERR-12

    @Test
    @DisplayName("[ERR-09] a wrapped error exposes its message, error_obj and a repr naming the wire type")
    void required_ERR_09_wrappedErrorExposesErrorObj(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        for (CallerKind kind : RECEIVERS) {
            AnvilWrappedError e = receive(rt, toThrow, relayed, "ERR-09", kind, new ValueError("x"),
                    AnvilWrappedError.class);
            WireError obj = e.errorObj();
            Expect.that(kind, "raise", obj != null, "an error_obj", "null");
            Expect.equal(kind, "raise", "error_obj (type, message)", List.of("ValueError", "x"),
                    List.of(String.valueOf(obj.type()), obj.message()));
            Expect.that(kind, "raise", obj.trace() != null, "error_obj['trace'] to be a list", "null");
            Expect.equal(kind, "raise", "message", "x", e.getMessage());
            Expect.equal(kind, "raise", "repr", "AnvilWrappedError(ValueError('x'))", e.toString());
        }
    }

    @Test
    @DisplayName("[ERR-10] anvil.server.TimeoutError is not the platform's own timeout exception")
    void required_ERR_10_anvilErrorsAreDistinctFromBuiltins(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        for (CallerKind kind : RECEIVERS) {
            AnvilWrappedError e = receive(rt, toThrow, relayed, "ERR-10", kind,
                    new java.util.concurrent.TimeoutException("builtin timeout"), AnvilWrappedError.class);
            Expect.equal(kind, "raise", "wire type of java.util.concurrent.TimeoutException",
                    "TimeoutException", e.wireType());
        }
    }

    @Test
    @DisplayName("[ERR-11] errors arrive with the server-side trace of (file, line) entries")
    void required_ERR_11_errorsCarryServerTrace(RuntimeUnderTest rt) {
        AtomicReference<Throwable> toThrow = registerRaise(rt);
        AtomicReference<Throwable> relayed = registerRelay(rt);
        for (CallerKind kind : RECEIVERS) {
            for (Throwable error : List.of(new IllegalStateException("wrapped"), new PermissionDenied("builtin"))) {
                AnvilError e = receive(rt, toThrow, relayed, "ERR-11", kind, error, AnvilError.class);
                List<WireError.TraceEntry> trace = e.remoteTrace();
                Expect.that(kind, "raise", trace != null && !trace.isEmpty(),
                        "a non-empty server-side trace on " + Describe.typeName(e), "no trace");
                Expect.that(kind, "raise", trace.stream().allMatch(t -> !t.file().isEmpty()
                        && t.line() >= 0), "(file, line) entries with a file name", String.valueOf(trace));
            }
        }
    }

    @Test
    @DisplayName("[ERR-12] while the app is locked for maintenance every call, whoever makes it, raises InternalError"
            + " and runs nothing; unlocked, calls run again")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_ERR_12_lockedAppRefusesEveryCallWithInternalError(RuntimeUnderTest rt) {
        Probes.Recorder ping = Probes.recorder(rt, "ping", "pong");
        rt.faults().appLocked(true);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            InternalError e = Expect.raises(caller, "ping", InternalError.class, () -> caller.call("ping"));
            Expect.that(kind, "ping", String.valueOf(e.getMessage()).contains("down for maintenance"),
                    "the message saying the app is down for maintenance", String.valueOf(e.getMessage()));
        }
        Expect.equal((CallerKind) null, "ping", "times the function ran while locked", 0, ping.count());
        rt.faults().appLocked(false);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.equal(caller, "ping", "return value once the app is unlocked", "pong",
                    Expect.returns(caller, "ping", () -> caller.call("ping")));
        }
    }

    // ---------------------------------------------------------------- errors crossing a connected uplink

    @Test
    @DisplayName("[ERR-02] an error a function on a connected uplink raises reaches its caller with its type and"
            + " message; server code's reaches the uplink so")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_ERR_02_errorsCrossAConnectedUplinkBothWays(RuntimeUnderTest rt) {
        rt.register("err02_raise", a -> {
            throw new TypeError("bad in server code");
        });
        try (Uplink uplink = RealUplinks.connectServer("ERR-02", RealUplinks.server(rt).register("err02_on_uplink",
                a -> {
                    throw new ValueError("bad on the uplink");
                }))) {
            Caller browser = rt.browser();
            AnvilWrappedError e = Expect.raises(browser, "err02_on_uplink", AnvilWrappedError.class,
                    () -> browser.call("err02_on_uplink"));
            Expect.equal(browser, "err02_on_uplink", "[error_obj['type'], message]",
                    List.of("ValueError", "bad on the uplink"), java.util.Arrays.asList(typeOf(e), e.getMessage()));
            AnvilWrappedError back = Expect.raises(CallerKind.UPLINK, "err02_raise", AnvilWrappedError.class,
                    () -> uplink.call("err02_raise"));
            Expect.equal(CallerKind.UPLINK, "err02_raise", "[error_obj['type'], message]",
                    List.of("TypeError", "bad in server code"), java.util.Arrays.asList(typeOf(back), back.getMessage()));
        }
    }

    /** The wire type an error carries, {@code null} if it carries no error object. */
    private static String typeOf(AnvilError e) {
        return e.errorObj() == null ? null : e.errorObj().type();
    }

    @Test
    @DisplayName("[ERR-03] a KeyError crosses a connected uplink as a real KeyError, both ways")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_ERR_03_keyErrorsCrossAConnectedUplink(RuntimeUnderTest rt) {
        rt.register("err03_raise", a -> {
            throw new KeyError("'missing'");
        });
        AtomicReference<Throwable> caught = new AtomicReference<>();
        rt.register("err03_relay", a -> {
            try {
                return AnvilServer.call("err03_on_uplink");
            } catch (RuntimeException e) {
                caught.set(e);
                return null;
            }
        });
        try (Uplink uplink = RealUplinks.connectServer("ERR-03", RealUplinks.server(rt).register("err03_on_uplink",
                a -> {
                    throw new KeyError("'gone'");
                }))) {
            KeyError e = Expect.raises(CallerKind.UPLINK, "err03_raise", KeyError.class,
                    () -> uplink.call("err03_raise"));
            Expect.equal(CallerKind.UPLINK, "err03_raise", "message", "'missing'", e.getMessage());
            Caller browser = rt.browser();
            Expect.returns(browser, "err03_relay", () -> browser.call("err03_relay"));
            Expect.that(CallerKind.SERVER_MODULE, "err03_on_uplink", caught.get() instanceof KeyError,
                    "a KeyError from the uplink's function", Describe.raised(caught.get()));
        }
    }

    @Test
    @DisplayName("[ERR-04] a registered anvil.server error reaches a connected uplink as itself")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_ERR_04_registeredErrorsReachAConnectedUplink(RuntimeUnderTest rt) {
        try (Uplink uplink = RealUplinks.connectServer("ERR-04", RealUplinks.server(rt))) {
            Expect.raises(CallerKind.UPLINK, "err04_nobody_registered_this", NoServerFunctionError.class,
                    () -> uplink.call("err04_nobody_registered_this"));
        }
    }
}
