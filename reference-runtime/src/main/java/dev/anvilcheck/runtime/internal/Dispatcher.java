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
import dev.anvilcheck.server.WireError;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.InTransit;
import dev.anvilcheck.value.Side;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Runs every call the way Anvil's dispatcher and server runtime do, in this order: the caller
 * checks the name (CALL-02), the browser its connection (CALL-19), the caller serialises the
 * arguments (CALL-20); the server checks the quota, the session's expiry (SESS-10, SESS-11), the
 * stack depth (CALL-13) and scoped names from untrusted callers (CALL-11), resolves the name
 * (CALL-05, CALL-07), checks {@code requireUser} (AUTH-01..04) and runs the body on the calling
 * thread with its context bound (CTX-14), after the callee has reconstructed the portable objects
 * among the arguments by its own registry (PORT-04, PORT-08). On a normal return the return value
 * is serialised (CALL-21), the session committed (SESS-04..08), and the caller reconstructs the
 * return value; an exception crosses back as ERR-01..05 say; a call past its deadline fails with
 * {@code TimeoutError} (ERR-06). A call to a {@code anvil.server_side/} name that nothing
 * registered finds the {@code @ServerMethod} of a portable class server code knows (PORT-10).
 */
public final class Dispatcher implements AutoCloseable {
    /** The deepest call stack allowed (CALL-13). */
    public static final int MAX_STACK = 10;

    private final RuntimeConfig config;
    private final FunctionRegistry registry = new FunctionRegistry();
    private final PortableClasses classes = PortableClasses.inheriting(PortableClasses.global());
    private final DeadlineWatch deadlines;
    private volatile boolean appOffline;
    private volatile boolean quotaExceeded;

    /**
     * @param config the runtime's settings
     * @param clockReportsAdvances true when the clock calls {@link #clockAdvanced(Instant)} itself
     */
    public Dispatcher(RuntimeConfig config, boolean clockReportsAdvances) {
        this.config = config;
        this.deadlines = new DeadlineWatch(config.clock(), !clockReportsAdvances);
    }

    /** @return the runtime's settings */
    public RuntimeConfig config() {
        return config;
    }

    /** @return where names resolve */
    public FunctionRegistry registry() {
        return registry;
    }

    /** @return the portable classes of server code, which every simulated caller knows too (PORT-02) */
    public PortableClasses portableClasses() {
        return classes;
    }

    /**
     * The side a registered function runs on: server code, or the uplink that provides it.
     *
     * @param registration the function
     * @return its side, trusted
     */
    public Side sideOf(Registration registration) {
        UplinkHandle provider = registration.provider();
        PortableClasses known = provider == null || provider.classes() == null ? classes : provider.classes();
        return new Side(zoneOf(registration), known, true);
    }

    Side sideOf(Origin origin) {
        return new Side(origin.zone(), origin.classes() != null ? origin.classes() : classes,
                origin.frame().isTrusted());
    }

    /** The side session data is stored from: the server's zone, the function's portable classes. */
    Side sessionSide(Registration registration) {
        return new Side(config.zone(), sideOf(registration).classes(), true);
    }

    /** @param offline whether browsers cannot reach the server (CALL-19, MISC-02) */
    public void appOffline(boolean offline) {
        this.appOffline = offline;
    }

    /** @return whether browsers cannot reach the server */
    public boolean appOffline() {
        return appOffline;
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
        return session.idleLongerThan(config.clock().instant(), config.sessionTimeout());
    }

    ZoneId zoneOf(Registration registration) {
        UplinkHandle provider = registration.provider();
        return provider == null ? config.zone() : provider.zone();
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
        if (fnName == null) {
            throw new TypeError("anvil.server.call() needs a function name (str), not None");
        }
        if (origin.browser() && appOffline) {
            throw new AppOfflineError("Connection to server failed (the app is offline)");
        }
        Side callerSide = sideOf(origin);
        InTransit<Arguments> sent = Crossing.sendArguments(arguments, callerSide);
        if (quotaExceeded) {
            throw new QuotaExceededError("This app has exceeded its quota");
        }
        SessionRecord session = origin.session();
        Instant now = config.clock().instant();
        if (origin.topLevel()) {
            if (session.idleLongerThan(now, config.sessionTimeout()) && origin.browser()) {
                throw new SessionExpiredError("Session expired");
            }
            session.touch(now);
        }
        FrameChain stack = FrameChain.push(origin.frame(), origin.below());
        if (stack.depth() > MAX_STACK) {
            throw new AnvilWrappedError(new WireError("anvil.server.StackOverflow",
                    "Too many nested anvil.server.call()s", List.of()));
        }
        if (!origin.frame().isTrusted() && fnName.indexOf(':') >= 0) {
            throw new PermissionDenied("Cannot call scoped server function \"" + fnName + "\" from client code");
        }
        Registration registration = resolve(fnName);
        Instant deadline = config.callTimeout().isZero() ? null : now.plus(config.callTimeout());
        return run(new ActiveCall(this, registration, stack, session, deadline), sent, callerSide);
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

    private Object run(ActiveCall call, InTransit<Arguments> arguments, Side callerSide) {
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
        if (timedOut) {
            throw new TimeoutError("Server code took too long");
        }
        if (failure != null) {
            throw cross(failure);
        }
        InTransit<Object> returned = Crossing.sendReturnValue(result, sideOf(call.registration()),
                callerSide.trusted());
        call.commitSession();
        return returned.receive(callerSide);
    }

    private static RuntimeException cross(Throwable failure) {
        if (failure instanceof OutOfMemoryError) {
            return new ExecutionTerminatedError("Server code was killed for running out of memory");
        }
        return WireError.of(failure).toException();
    }

    /** Stops the deadline thread, if any. */
    @Override
    public void close() {
        deadlines.close();
    }
}
