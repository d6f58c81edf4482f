package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.CallScope;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.users.AuthenticationFailed;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.InTransit;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server function running: the {@link CallScope} its body sees through the facade, its
 * session snapshot and working copy, and its deadline (CTX-01..14, SESS-07, SESS-08, ERR-06).
 */
final class ActiveCall implements CallScope {
    private static final int RUNNING = 0;
    private static final int TIMING_OUT = 1;
    private static final int TIMED_OUT = 2;
    private static final int FINISHED = 3;

    private final Dispatcher dispatcher;
    private final Registration registration;
    private final FrameChain stack;
    private final SessionRecord record;
    private final Map<String, Object> snapshot;
    private final Instant deadline;
    private final Thread thread;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private CallSession working;
    private CallContext context;

    ActiveCall(Dispatcher dispatcher, Registration registration, FrameChain stack, SessionRecord record,
            Instant deadline) {
        this.dispatcher = dispatcher;
        this.registration = registration;
        this.stack = stack;
        this.record = record;
        this.snapshot = record.data();
        this.deadline = deadline;
        this.thread = Thread.currentThread();
    }

    Registration registration() {
        return registration;
    }

    Instant deadline() {
        return deadline;
    }

    /**
     * Runs the body with this call bound to the thread, after reconstructing the arguments on the
     * callee's side (PORT-04, PORT-08: a failure there is the call's failure); returns its raw
     * result.
     */
    Object invoke(InTransit<Arguments> sent) throws Exception {
        try (CallScope.Binding ignored = CallScope.bind(this)) {
            Arguments arguments = sent.receive(dispatcher.sideOf(registration));
            checkUser();
            return registration.body().invoke(arguments);
        }
    }

    /** Runs the body with this call bound to the thread; returns its raw result. */
    Object invoke(Arguments arguments) throws Exception {
        try (CallScope.Binding ignored = CallScope.bind(this)) {
            checkUser();
            return registration.body().invoke(arguments);
        }
    }

    private void checkUser() throws Exception {
        RequireUser rule = registration.requireUser();
        if (!rule.required()) {
            return;
        }
        Object user = record.user();
        if (user == null) {
            throw new AuthenticationFailed("You must be logged in to call the server function '"
                    + registration.name() + "'");
        }
        if (rule.predicate() != null && !rule.predicate().test(user)) {
            throw new PermissionDenied("You do not have permission to call server function '"
                    + registration.name() + "'");
        }
    }

    /** Validates and commits the working session, if the body touched it (SESS-04..08). */
    void commitSession() {
        if (working == null) {
            return;
        }
        Map<String, Object> next = Crossing.sessionDataOn(working.values(), dispatcher.sessionSide(registration));
        if (!next.equals(snapshot)) {
            record.commit(snapshot, next);
        }
    }

    /** Called by the deadline watch when the clock passed this call's deadline. */
    void timeOut() {
        if (state.compareAndSet(RUNNING, TIMING_OUT)) {
            thread.interrupt();
            state.set(TIMED_OUT);
        }
    }

    /**
     * Ends the call on its own thread.
     *
     * @param now the time it ended
     * @return whether the call timed out (ERR-06)
     */
    boolean finish(Instant now) {
        if (state.compareAndSet(RUNNING, FINISHED)) {
            return deadline != null && now.isAfter(deadline);
        }
        while (state.get() == TIMING_OUT) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }

    @Override
    public CallContext context() {
        CallContext c = context;
        if (c == null) {
            c = new CallContext(registration.environment(), record.client(), stack.frame(),
                    record.backgroundTaskId(), stack.toList());
            context = c;
        }
        return c;
    }

    @Override
    public Session session() {
        CallSession s = working;
        if (s == null) {
            s = new CallSession(record.id(), Crossing.sessionDataOn(snapshot, dispatcher.sessionSide(registration)));
            working = s;
        }
        return s;
    }

    @Override
    public Object user() {
        return record.user();
    }

    @Override
    public Object call(String fnName, Arguments arguments) {
        StackFrame frame = StackFrame.of(registration.environment());
        return dispatcher.call(Origin.nested(frame, stack, record, dispatcher.zoneOf(registration),
                dispatcher.sideOf(registration).classes()), fnName, arguments);
    }

    @Override
    public dev.anvilcheck.server.HttpRequest request() {
        throw new IllegalStateException("anvil.server.request is only available in http_endpoint calls.");
    }

    @Override
    public String getSessionId() {
        return record.id();
    }

    @Override
    public String getAppOrigin(String environment) {
        return dispatcher.config().appOrigin();
    }

    @Override
    public String toString() {
        return "call of '" + registration.name() + "' from " + stack.frame().type();
    }
}
