package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.AppOfflineError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.QuotaExceededError;
import dev.anvilcheck.server.SessionExpiredError;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.server.host.ServerEvents;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.InTransit;
import dev.anvilcheck.value.Side;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs every call the way Anvil's dispatcher and server runtime do, in this order: the caller
 * checks the name (CALL-02), the browser its connection (CALL-19), the caller serialises the
 * arguments (CALL-20); the server checks the quota, the session's expiry (SESS-10, SESS-11), the
 * capabilities sent (CAP-08, CAP-20, SESS-13), the stack depth (CALL-13) and scoped names from
 * untrusted callers (CALL-11), resolves the name (CALL-05, CALL-07), checks {@code requireUser}
 * (AUTH-01..04) and runs the body on the calling thread with its context bound (CTX-14), after the
 * callee has reconstructed the portable objects among the arguments by its own registry (PORT-04,
 * PORT-08). On a normal return the return value is serialised (CALL-21), the session committed
 * (SESS-04..08), capability updates sent back to the caller (CAP-18), and the caller reconstructs
 * the return value; an exception crosses back as ERR-01..05 say; a call past its deadline fails
 * with {@code TimeoutError} (ERR-06). A call to a {@code anvil.server_side/} name that nothing
 * registered finds the {@code @ServerMethod} of a portable class server code knows (PORT-10).
 */
public final class Dispatcher implements AutoCloseable {
    /** The deepest call stack allowed (CALL-13). */
    public static final int MAX_STACK = 10;

    private final RuntimeConfig config;
    private final FunctionRegistry registry = new FunctionRegistry();
    private final PortableClasses classes = PortableClasses.inheriting(PortableClasses.global());
    /** Server code's exception types (ERR-05), which every simulated caller's inherit. */
    private final ExceptionTypes errors = ExceptionTypes.inheriting(ExceptionTypes.global());
    private final Side serverSide;
    private final SessionDirectory sessions = new SessionDirectory();
    private final DeadlineWatch deadlines;
    private final long callTimeoutMillis;
    private final long sessionTimeoutMillis;
    private volatile boolean appOffline;
    private volatile boolean quotaExceeded;
    private volatile boolean appLocked;
    private volatile String listenerOrigin;
    private volatile TaskService tasks = TaskService.NONE;
    private volatile CallObserver observer = CallObserver.NONE;
    private final AppSecrets secrets = new AppSecrets();
    private final AppEvents events;
    /** The last error a function raised on each thread, as it crossed, and what server code threw first. */
    private final CrossedErrors lastCrossed = new CrossedErrors();
    private volatile boolean abandonAtDeadline;
    /** Workers of bodies run apart; started on first use. */
    private ExecutorService callWorkers;

    /**
     * @param config the runtime's settings
     * @param clockReportsAdvances true when the clock calls {@link #clockAdvanced(Instant)} itself
     * @param events told of what goes into the app log
     */
    public Dispatcher(RuntimeConfig config, boolean clockReportsAdvances, AppEvents events) {
        this.config = config;
        this.events = java.util.Objects.requireNonNull(events, "events");
        this.serverSide = new Side(config.zone(), classes, true);
        this.deadlines = watch(config, clockReportsAdvances);
        this.callTimeoutMillis = config.callTimeout().toMillis();
        this.sessionTimeoutMillis = config.sessionTimeout().toMillis();
    }

    @OutsideTheSpecification("whether a thread polls the clock for deadlines: only a real clock needs it, and the SPI's"
            + " clock is always a fake one that reports its advances")
    private static DeadlineWatch watch(RuntimeConfig config, boolean clockReportsAdvances) {
        return new DeadlineWatch(config.clock(), !clockReportsAdvances);
    }

    /** @return the runtime's settings */
    public RuntimeConfig config() {
        return config;
    }

    /** @return where names resolve */
    public FunctionRegistry registry() {
        return registry;
    }

    /** @return the exception types of server code, which every simulated caller knows too (ERR-05) */
    public ExceptionTypes exceptionTypes() {
        return errors;
    }

    /** The registry an error crossing back to {@code origin} is re-created by. */
    private ExceptionTypes receiverOf(Origin origin) {
        return origin.errorsOr(errors);
    }

    /** @return the portable classes of server code, which every simulated caller knows too (PORT-02) */
    public PortableClasses portableClasses() {
        return classes;
    }

    /**
     * The side of server code: the server's zone, its portable classes, trusted. Session data is
     * stored from this side (SESS-04), and background tasks' state and results are read on it.
     *
     * @return the side, one object for the runtime's life
     */
    public Side serverSide() {
        return serverSide;
    }

    /**
     * The side a registered function runs on: server code, or the uplink that provides it.
     *
     * @param registration the function
     * @return its side, trusted
     */
    public Side sideOf(Registration registration) {
        UplinkHandle provider = registration.provider();
        return provider == null ? serverSide : provider.side();
    }

    /** The side session data is stored from: the server's zone, the function's portable classes. */
    Side sessionSide(Registration registration) {
        UplinkHandle provider = registration.provider();
        return provider == null ? serverSide : new Side(config.zone(), provider.classes(), true);
    }

    /** @return the persisted sessions, which the event API reaches by id (MISC-05) */
    public SessionDirectory sessions() {
        return sessions;
    }

    /**
     * The app origin server code sees (MISC-01): the origin of the runtime's HTTP listener while
     * one is open, else the configured one.
     *
     * @return the origin
     */
    public String appOrigin() {
        String listening = listenerOrigin;
        return listening == null ? config.appOrigin() : listening;
    }

    /** @param origin the origin of the runtime's HTTP listener, or {@code null} when it closed */
    public void listenerOrigin(String origin) {
        this.listenerOrigin = origin;
    }

    /** @return the runtime's background tasks (TASK-01..25) */
    public TaskService tasks() {
        return tasks;
    }

    /** @param tasks the runtime's background tasks, installed once when the runtime starts */
    public void tasks(TaskService tasks) {
        this.tasks = java.util.Objects.requireNonNull(tasks, "tasks");
    }

    /** @param observer told of every call from now on, e.g. the runtime's call journal */
    public void observer(CallObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer");
    }

    /** @return where what the platform logs goes: the runtime's app log */
    public AppEvents events() {
        return events;
    }

    /**
     * What server code threw, for the app log: given the error a function's caller received, the
     * exception the function (or a function it called, without catching the error) threw before
     * the error crossed; any other error as it is. Call it on the thread that ran the call, once
     * the error reached the caller.
     *
     * @param received the error the caller received
     * @return the exception server code threw, or {@code received}
     */
    @OutsideTheSpecification("what server code threw, for the app log's lines only")
    public Throwable thrownBy(Throwable received) {
        return lastCrossed.thrownBy(received);
    }

    /** @return the app's secrets ({@code anvil.secrets}) */
    public AppSecrets secrets() {
        return secrets;
    }

    /** @param offline whether browsers cannot reach the server (CALL-19, MISC-02) */
    public void appOffline(boolean offline) {
        this.appOffline = offline;
    }

    /** @return whether browsers cannot reach the server */
    public boolean appOffline() {
        return appOffline;
    }

    /** @param locked whether every call fails as the platform fails calls of an app locked for maintenance (ERR-12) */
    public void appLocked(boolean locked) {
        this.appLocked = locked;
    }

    /** @param exceeded whether every call fails with {@code QuotaExceededError} */
    public void quotaExceeded(boolean exceeded) {
        this.quotaExceeded = exceeded;
    }

    /** @param now the fake clock's new time: calls past their deadline time out (ERR-06) */
    public void clockAdvanced(Instant now) {
        deadlines.expire(now);
    }

    /**
     * A fresh session.
     *
     * @param client how it began
     * @param backgroundTaskId its background task, or {@code null}
     * @return the session
     */
    public SessionRecord newSession(dev.anvilcheck.server.ClientInfo client, String backgroundTaskId) {
        return new SessionRecord(client, backgroundTaskId, config.clock().instant());
    }

    /**
     * Whether a session has been idle too long (SESS-10).
     *
     * @param session the session
     * @return true if it expired
     */
    public boolean expired(SessionRecord session) {
        return session.idleLongerThan(config.clock().millis(), config.sessionTimeout().toMillis());
    }

    /**
     * Runs one call.
     *
     * @param origin the calling side
     * @param fnName the called name
     * @param arguments the arguments as the caller wrote them
     * @return the return value, as the caller receives it
     */
    public Object call(Origin origin, String fnName, Arguments arguments) {
        try {
            return dispatch(origin, fnName, arguments);
        } catch (RuntimeException e) {
            throw refused(origin, fnName, arguments, e);
        }
    }

    /** Tells the call journal and the app log of a call that failed; returns {@code e} for its caller to rethrow. */
    @OutsideTheSpecification("the call journal's and the app log's hooks around dispatch(), which runs the call")
    private RuntimeException refused(Origin origin, String fnName, Arguments arguments, RuntimeException e) {
        CallObserver watching = observer;
        boolean topLevel = origin.below() == null;
        if (watching == CallObserver.NONE && !topLevel) {
            return e;
        }
        SessionRecord session = origin.session();
        if (watching != CallObserver.NONE) {
            watching.refused(fnName, origin.frame(), session.client(), session.backgroundTaskId(), arguments, e);
        }
        if (topLevel) {
            events.callFailed(String.valueOf(fnName), session.id(), thrownBy(e));
        }
        return e;
    }

    private Object dispatch(Origin origin, String fnName, Arguments arguments) {
        if (fnName == null) {
            throw new TypeError("anvil.server.call() needs a function name (str), not None");
        }
        if (appLocked) {
            // the App Server refuses before any other check (dispatcher/core.clj :: dispatch!, app-locked?)
            throw new dev.anvilcheck.server.InternalError(
                    "This app is currently down for maintenance. Please try again in a few minutes.");
        }
        if (origin.browser() && appOffline) {
            throw new AppOfflineError("Connection to server failed (the app is offline)");
        }
        boolean trusted = origin.frame().isTrusted();
        CapabilityGate.Inbound capabilities = new CapabilityGate.Inbound(trusted, origin.session());
        Object sent = Crossing.from(origin.side()).capabilities(capabilities).handOverArguments(arguments);
        if (quotaExceeded) {
            throw new QuotaExceededError("This app has exceeded its quota");
        }
        SessionRecord session = origin.session();
        long now = config.clock().millis();
        if (origin.below() == null) {
            if (origin.browser() && session.idleLongerThan(now, sessionTimeoutMillis)) {
                throw new SessionExpiredError("Session expired");
            }
            session.touch(now);
        }
        capabilities.check();
        FrameChain stack = FrameChain.push(origin.frame(), origin.below());
        if (stack.depth() > MAX_STACK) {
            throw new AnvilWrappedError(new WireError("anvil.server.StackOverflow",
                    "Too many nested anvil.server.call()s", List.of()));
        }
        if (!trusted && fnName.contains(":")) {
            throw new PermissionDenied("Cannot call scoped server function \"" + fnName + "\" from client code");
        }
        Registration registration = resolve(fnName);
        long deadline = deadline(registration, now);
        Object returned = run(new ActiveCall(this, registration, stack, session, deadline, !trusted, null, null),
                sent, capabilities, trusted ? TO_TRUSTED : TO_CLIENT, origin.side(), receiverOf(origin));
        Object received = InTransit.receive(returned, origin.side());
        return trusted ? received : tasks.toClient(received);
    }

    /** Resolves a name; a server method of a portable class is registered on first call (PORT-10). */
    private Registration resolve(String fnName) {
        try {
            return registry.resolve(fnName);
        } catch (NoServerFunctionError e) {
            Registration found = ServerMethods.find(fnName, classes);
            if (found == null) {
                throw e;
            }
            registry.register(found);
            return found;
        }
    }

    /**
     * Runs a background task's function on the calling thread (TASK-01, CTX-08, CTX-09, SESS-14):
     * in the task's session, above the launcher's frames, with the task's state bound for the
     * function itself (TASK-05) and the task's deadline, if any (TASK-22). The stack depth is
     * checked as a call's is (CALL-13); the arguments were sent when the task was launched and
     * are received on the task function's side now (PORT-04, PORT-08); the return value crosses
     * back as {@code crossing} says (TASK-12, TASK-21).
     *
     * @param origin the launcher's side, in the task's session
     * @param registration the task's function, resolved by the caller
     * @param sent the arguments, sent by the launcher
     * @param state the task's state
     * @param deadline when the task times out, or {@code null}
     * @param crossing how the return value crosses back
     * @param <R> what crosses back
     * @return the return value as it crossed back, after the task's session was committed
     */
    public <R> R runTask(Origin origin, Registration registration, InTransit<Arguments> sent,
            dev.anvilcheck.server.TaskState state, Instant deadline, ReturnCrossing<R> crossing) {
        FrameChain stack = FrameChain.push(origin.frame(), origin.below());
        if (stack.depth() > MAX_STACK) {
            throw new AnvilWrappedError(new WireError("anvil.server.StackOverflow",
                    "Too many nested anvil.server.call()s", List.of()));
        }
        ActiveCall call = new ActiveCall(this, registration, stack, origin.session(),
                deadline == null ? Long.MAX_VALUE : deadline.toEpochMilli(), false, null, null);
        call.taskState(state);
        return run(call, sent, new CapabilityGate.Inbound(true, origin.session()), crossing, origin.side(),
                receiverOf(origin));
    }

    /**
     * Runs a function that is not called by name but serves an HTTP request (HTTP-28, HTTP-29): the
     * same steps as {@link #call} from the quota on, with the request bound to the call
     * ({@code anvil.server.request}, HTTP-20) and the return value crossing back as {@code crossing}
     * says. Its session is committed on a normal return (SESS-07); its deadline is the call timeout
     * (ERR-06); an error crosses as ERR-01..05 say.
     *
     * @param origin the calling side, a top-level frame such as {@code http}
     * @param registration the function
     * @param arguments the keyword arguments as the request gives them
     * @param request the request, bound for the body's {@code request()}
     * @param alternate the browser's session a cross-site request may move to (HTTP-27; see
     *     {@link RequestCall#switchSession()}), or {@code null}
     * @param crossing how the return value crosses back
     * @param <R> what crosses back
     * @return the return value, as crossed
     */
    public <R> R serve(Origin origin, Registration registration, Arguments arguments,
            dev.anvilcheck.server.HttpRequest request, SessionRecord alternate, ReturnCrossing<R> crossing) {
        CapabilityGate.Inbound capabilities = new CapabilityGate.Inbound(origin.frame().isTrusted(), origin.session());
        Object sent = Crossing.from(origin.side()).capabilities(capabilities).handOverArguments(arguments);
        if (quotaExceeded) {
            throw new QuotaExceededError("This app has exceeded its quota");
        }
        SessionRecord session = origin.session();
        long now = config.clock().millis();
        session.touch(now);
        // no capabilities.check(): a request's keyword arguments are the strings of its path and query,
        // which carry no capability
        FrameChain stack = FrameChain.push(origin.frame(), origin.below());
        long deadline = deadline(registration, now);
        return run(new ActiveCall(this, registration, stack, session, deadline, !origin.frame().isTrusted(), request,
                alternate),
                sent, capabilities, crossing, origin.side(), receiverOf(origin));
    }

    /**
     * How a function's return value crosses back to its caller.
     *
     * @param <R> what crosses back
     */
    @FunctionalInterface
    public interface ReturnCrossing<R> {
        /**
         * Copies a return value as the callee's side serialises it (CALL-21).
         *
         * @param returned the value the body returned
         * @param sender the callee's side: its zone (SER-09) and portable classes (PORT-03)
         * @param capabilities how capabilities in it are issued (CAP-08)
         * @return what crosses back; the caller receives it after the session was committed
         */
        R cross(Object returned, Side sender, CapabilityTranslator capabilities);
    }

    /**
     * A return value on its way to a trusted caller, received on the caller's side once the
     * session was committed (PORT-04, PORT-08); see {@link Crossing#handOverReturnValue}.
     */
    private static final ReturnCrossing<Object> TO_TRUSTED =
            (returned, sender, capabilities) -> Crossing.from(sender).receiverTrusted(true).capabilities(capabilities)
                    .handOverReturnValue(returned);

    /** A return value on its way to client code, whose trust {@code serialize} hooks see (PORT-05). */
    private static final ReturnCrossing<Object> TO_CLIENT =
            (returned, sender, capabilities) -> Crossing.from(sender).receiverTrusted(false).capabilities(capabilities)
                    .handOverReturnValue(returned);

    private <R> R run(ActiveCall call, Object arguments, CapabilityGate.Inbound capabilities,
            ReturnCrossing<R> crossing, Side callerSide, ExceptionTypes receiver) {
        CallObserver.Observation seen = observe(call);
        R returned;
        try {
            returned = execute(call, arguments, capabilities, crossing, callerSide, receiver);
        } catch (RuntimeException | Error e) {
            seen.raised(e);
            throw e;
        }
        seen.returned();
        return returned;
    }

    /** What the call journal is told as {@code call} runs and ends; nothing without an observer. */
    @OutsideTheSpecification("the call journal's hook around execute(), which runs the call")
    private CallObserver.Observation observe(ActiveCall call) {
        CallObserver watching = observer;
        if (watching == CallObserver.NONE) {
            return CallObserver.Observation.NONE;
        }
        CallObserver.Observation seen = watching.started(call.registration().name(), call.context(), call.user());
        call.observe(seen);
        return seen;
    }

    private <R> R execute(ActiveCall call, Object arguments, CapabilityGate.Inbound capabilities,
            ReturnCrossing<R> crossing, Side callerSide, ExceptionTypes receiver) {
        if (abandonAtDeadline && call.deadline() != Long.MAX_VALUE && !call.runsTask()) {
            return executeApart(call, arguments, capabilities, crossing, callerSide, receiver);
        }
        Object result = null;
        Throwable failure = null;
        boolean timedOut;
        deadlines.started(call);
        try {
            result = call.invoke(arguments);
        } catch (Throwable t) {
            failure = t;
        } finally {
            timedOut = deadlines.finished(call);
        }
        // on lines of their own: calls to CrossedErrors (the app log's memory) are not mutated, the rest is
        CrossedErrors.Crossed nested = lastCrossed.leftBy(failure);
        return complete(call, result, failure, timedOut, nested, capabilities, crossing, callerSide, receiver);
    }

    /**
     * Ends a call whose body ended (on this thread or apart): its timeout, or its failure crossed
     * to the caller (remembering for the app log what was thrown, through {@code nested}: what
     * the body's own nested calls left), or its return value crossed back and its session and
     * capability updates committed.
     */
    private <R> R complete(ActiveCall call, Object result, Throwable failure, boolean timedOut,
            CrossedErrors.Crossed nested,
            CapabilityGate.Inbound capabilities, ReturnCrossing<R> crossing, Side callerSide, ExceptionTypes receiver) {
        if (timedOut) {
            throw new TimeoutError("Server code took too long");
        }
        if (failure != null) {
            RuntimeException crossed = cross(call, failure, receiver);
            throw lastCrossed.remember(crossed, failure, nested);
        }
        // a normal return: what a nested call threw was caught, so nothing is left for the app log to
        // find on this (pooled) thread
        lastCrossed.forget();
        Side calleeSide = sideOf(call.registration());
        R returned = crossing.cross(result, calleeSide, call);
        Map<List<Object>, Object> updates = capabilities.takeUpdates(calleeSide, callerSide);
        call.commitSession();
        capabilities.applyUpdates(updates, callerSide);
        return returned;
    }

    /** How a body run apart ended: its result or failure, whether it timed out, the errors its nested calls left. */
    private record BodyOutcome(Object result, Throwable failure, boolean timedOut, CrossedErrors.Crossed nested) {
        static final BodyOutcome TIMED_OUT = new BodyOutcome(null, null, true, null);
    }

    /**
     * Runs the body on a worker thread and waits for it or for its deadline, whichever comes
     * first (ERR-06): the App Server kills a worker at the deadline, so the caller gets
     * {@code TimeoutError} then even when server code ignores interruption; the body's thread is
     * interrupted and whatever it does later is discarded (its session is never committed).
     */
    private <R> R executeApart(ActiveCall call, Object arguments, CapabilityGate.Inbound capabilities,
            ReturnCrossing<R> crossing, Side callerSide, ExceptionTypes receiver) {
        CompletableFuture<BodyOutcome> done = new CompletableFuture<>();
        call.whenTimedOut(() -> done.complete(BodyOutcome.TIMED_OUT));
        callWorkers().execute(() -> {
            call.runOn(Thread.currentThread());
            deadlines.started(call);
            if (config.clock().millis() >= call.deadline()) {
                call.timeOut();
            }
            Object result = null;
            Throwable failure = null;
            try {
                if (!call.timedOut()) {
                    result = call.invoke(arguments);
                }
            } catch (Throwable t) {
                failure = t;
            }
            boolean timedOut = deadlines.finished(call);
            Thread.interrupted(); // nothing reaches the body after finish(): the pooled thread starts clean
            CrossedErrors.Crossed nested = lastCrossed.take();
            done.complete(new BodyOutcome(result, failure, timedOut, nested));
        });
        BodyOutcome outcome = awaitBody(call, done);
        return complete(call, outcome.result(), outcome.failure(), outcome.timedOut(), outcome.nested(), capabilities,
                crossing, callerSide, receiver);
    }

    /**
     * Waits for a body run apart. An interruption of the waiting thread (its own call timed out)
     * reaches the body, as it would if the body ran on this thread, and the wait goes on; the
     * thread's interrupt status is kept.
     */
    private static BodyOutcome awaitBody(ActiveCall call, CompletableFuture<BodyOutcome> done) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    call.interruptBody();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a body run apart ended without an outcome", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @OutsideTheSpecification("the call workers' thread pool, made once, of daemon threads: lifecycle, which no clause"
            + " states")
    private synchronized ExecutorService callWorkers() {
        if (callWorkers == null) {
            AtomicInteger count = new AtomicInteger();
            callWorkers = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "anvilcheck-call-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return callWorkers;
    }

    /**
     * Whether a call with a deadline runs its body on a worker thread, so that its caller gets
     * {@code TimeoutError} at the deadline even when server code ignores interruption, as the App
     * Server kills its worker (ERR-06). Off by default in memory: a thread hand-off per call costs
     * microseconds, where an in-memory call costs hundreds of nanoseconds, and only code that
     * ignores interruption, or relies on running on its caller's thread, tells the two apart.
     *
     * @param abandon whether to run bodies apart
     */
    public void abandonCallsAtDeadline(boolean abandon) {
        this.abandonAtDeadline = abandon;
    }

    /**
     * What {@code failure} becomes for the caller (ERR-01..05): named as the callee's environment
     * names it, re-created by the receiver's registry.
     */
    private static RuntimeException cross(ActiveCall call, Throwable failure, ExceptionTypes receiver) {
        if (failure instanceof OutOfMemoryError) {
            return new ExecutionTerminatedError("Server code was killed for running out of memory");
        }
        return WireError.of(failure, call.exceptionTypes()).toException(receiver);
    }

    /**
     * When a call of {@code registration} made at {@code now} times out (ERR-06): after the call
     * timeout for server code; never for a function an uplink provides, which the App Server does
     * not time out (its limit is the downlink worker's, {@code anvil_downlink_host/full_python/worker.py};
     * {@code executors/uplink.clj} has none).
     */
    private long deadline(Registration registration, long now) {
        return callTimeoutMillis == 0 || registration.provider() != null ? Long.MAX_VALUE : now + callTimeoutMillis;
    }

    /**
     * What each capability becomes as a call of {@code scope} sends it to an uplink (CAP-06): the
     * App Server re-serialises every capability with its full scope as the base and a MAC of it
     * ({@code dispatcher/serialisation/core.clj}), so an uplink client that ignores {@code narrow}
     * (the official Python one rebuilds a capability from {@code scope} and {@code mac} only) still
     * holds the narrowed capability, and can hand it back.
     *
     * @param scope the call that sends it, usually the one running the uplink's function
     * @return the translator for the codec
     */
    public static CapabilityTranslator leavingFor(CallScope scope) {
        return scope instanceof ActiveCall call ? call::issueToUplink : CapabilityTranslator.COPY;
    }

    /**
     * The server-event API of a session for code that runs outside any call of this runtime, such
     * as an uplink's top-level code in its connection's own session (MISC-05).
     *
     * @param session the session the code runs in
     * @param side the side of that code: its zone and portable classes
     * @return the events
     */
    public ServerEvents eventsOf(SessionRecord session, Side side) {
        return new SessionEvents(this, session, side);
    }

    /** Stops the deadline thread and the call workers, if any. */
    @Override
    @OutsideTheSpecification("the runtime's own lifecycle: no clause speaks of closing a runtime")
    public void close() {
        deadlines.close();
        synchronized (this) {
            if (callWorkers != null) {
                callWorkers.shutdownNow();
            }
        }
    }
}
