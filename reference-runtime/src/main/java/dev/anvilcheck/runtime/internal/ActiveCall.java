package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.hosting.UserCheck;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.InTransit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One server function running: the {@link CallScope} its body sees through the facade, its
 * session snapshot and working copy, and its deadline (CTX-01..14, SESS-07, SESS-08, ERR-06).
 */
final class ActiveCall implements CallScope, CapabilityTranslator, RequestCall {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ActiveCall.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int RUNNING = 0;
    private static final int TIMING_OUT = 1;
    private static final int TIMED_OUT = 2;
    private static final int FINISHED = 3;
    /** A caller's interruption is being passed on to the body; {@link #finish} waits it out. */
    private static final int INTERRUPTING = 4;

    private final Dispatcher dispatcher;
    private final Registration registration;
    private final FrameChain stack;
    /** The session; changes only when an HTTP call moves to its alternate (HTTP-27). */
    private volatile SessionRecord record;
    private volatile Map<String, Object> snapshot;
    private final SessionRecord alternate;
    private final long deadline;
    /** The thread running the body: the caller's, or a worker's when the call is run apart. */
    private volatile Thread thread;
    /** Told when the deadline watch times this call out, before its body ends; or {@code null}. */
    private volatile Runnable timedOutListener;
    private final boolean callerIsClient;
    private final dev.anvilcheck.server.HttpRequest request;
    private final int hash = ThreadLocalRandom.current().nextInt();
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RUNNING;
    private volatile CallSession working;
    private volatile CallContext context;
    private volatile dev.anvilcheck.server.TaskState taskState;
    private CallObserver.Observation observation = CallObserver.Observation.NONE;

    /**
     * @param deadline the epoch millisecond at which the call times out, or
     *     {@link Long#MAX_VALUE} for none
     * @param alternate the session an HTTP call may move to (HTTP-27), or {@code null}
     */
    ActiveCall(Dispatcher dispatcher, Registration registration, FrameChain stack, SessionRecord record,
            long deadline, boolean callerIsClient, dev.anvilcheck.server.HttpRequest request,
            SessionRecord alternate) {
        this.dispatcher = dispatcher;
        this.registration = registration;
        this.stack = stack;
        this.record = record;
        this.snapshot = record.data();
        this.deadline = deadline;
        this.thread = Thread.currentThread();
        this.callerIsClient = callerIsClient;
        this.request = request;
        this.alternate = alternate;
    }

    Registration registration() {
        return registration;
    }

    /** Makes this call a background task's own function, with that task's state (TASK-05). */
    void taskState(dev.anvilcheck.server.TaskState state) {
        this.taskState = state;
    }

    long deadline() {
        return deadline;
    }

    /**
     * Runs the body with this call bound to the thread, after reconstructing the arguments on the
     * callee's side if they wait for it (PORT-04, PORT-08: a failure there is the call's failure);
     * returns its raw result.
     *
     * @param sent the arguments as {@link dev.anvilcheck.value.Crossing#handOverArguments} hands
     *     them over: the copy, or an {@link InTransit} of it
     */
    Object invoke(Object sent) throws Exception {
        try (CallScope.Binding ignored = CallScope.bind(this)) {
            Arguments arguments = InTransit.receive(sent, dispatcher.sideOf(registration));
            observation.received(arguments);
            checkUser();
            Object result = registration.body().invoke(arguments);
            observation.result(result);
            return result;
        }
    }

    /** Tells {@code observation} the arguments and the result of this call (the call journal). */
    void observe(CallObserver.Observation observation) {
        this.observation = observation;
    }

    private void checkUser() throws Exception {
        UserCheck.check(registration.requireUser(), record.user(), registration.name());
    }

    /** Validates and commits the working session, if the body touched it (SESS-04..08). */
    void commitSession() {
        if (working == null) {
            return;
        }
        Map<String, Object> next = Crossing.from(dispatcher.sessionSide(registration)).sessionData(working.values());
        if (!next.equals(snapshot)) {
            record.commit(snapshot, next);
        }
    }

    /** Runs the body on {@code worker} instead of the thread that made the call. */
    void runOn(Thread worker) {
        this.thread = worker;
    }

    /** Tells {@code listener} when the deadline watch times this call out (ERR-06). */
    void whenTimedOut(Runnable listener) {
        this.timedOutListener = listener;
    }

    /**
     * Interrupts the body's thread, as a caller's own interruption reaches the call it waits for;
     * only while the body runs, so that an interruption never reaches a pooled thread's next call.
     */
    void interruptBody() {
        if (STATE.compareAndSet(this, RUNNING, INTERRUPTING)) {
            thread.interrupt();
            state = RUNNING;
        }
    }

    /** Whether the deadline watch timed this call out. */
    boolean timedOut() {
        int s = state;
        return s == TIMING_OUT || s == TIMED_OUT;
    }

    /** Whether this call runs a background task's own function (TASK-05). */
    boolean runsTask() {
        return taskState != null;
    }

    /**
     * Refuses what an abandoned body does after its caller got {@code TimeoutError} (ERR-06): on
     * the platform its worker is gone, so nothing it starts afterwards may take effect.
     */
    private void checkNotAbandoned() {
        if (state == TIMED_OUT && thread != null && thread == Thread.currentThread() && timedOutListener != null) {
            throw new ExecutionTerminatedError("Server code took too long");
        }
    }

    /** Called by the deadline watch when the clock passed this call's deadline. */
    void timeOut() {
        if (STATE.compareAndSet(this, RUNNING, TIMING_OUT)) {
            thread.interrupt();
            state = TIMED_OUT;
            Runnable listener = timedOutListener;
            if (listener != null) {
                listener.run();
            }
        }
    }

    /**
     * Ends the call on its own thread.
     *
     * @param nowMillis the time it ended, in epoch milliseconds
     * @return whether the call timed out (ERR-06): the watch timed it out, or it ended at or past
     *     its deadline
     */
    boolean finish(long nowMillis) {
        while (true) {
            if (STATE.compareAndSet(this, RUNNING, FINISHED)) {
                return nowMillis >= deadline;
            }
            int s = state;
            if (s == INTERRUPTING) {
                Thread.onSpinWait();
                continue;
            }
            while (state == TIMING_OUT) {
                Thread.onSpinWait();
            }
            Thread.interrupted();
            return true;
        }
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
            s = new CallSession(record.id(),
                    Crossing.from(dispatcher.sessionSide(registration)).sessionData(snapshot));
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
        checkTaskAlive();
        checkNotAbandoned();
        StackFrame frame = StackFrame.of(registration.environment());
        return dispatcher.call(Origin.nested(frame, stack, record, dispatcher.sideOf(registration)), fnName,
                arguments);
    }

    private void checkTaskAlive() {
        String taskId = record.backgroundTaskId();
        if (taskId != null) {
            dispatcher.tasks().checkAlive(taskId);
        }
    }

    private Launcher launcher() {
        return Launcher.nested(StackFrame.of(registration.environment()), stack, dispatcher.sideOf(registration));
    }

    @Override
    public dev.anvilcheck.server.Task launchBackgroundTask(String fnName, Arguments arguments) {
        checkTaskAlive();
        checkNotAbandoned();
        return dispatcher.tasks().launch(launcher(), fnName, arguments);
    }

    @Override
    public dev.anvilcheck.server.Task getBackgroundTask(String id) {
        return dispatcher.tasks().get(launcher(), id);
    }

    @Override
    public java.util.List<dev.anvilcheck.server.Task> listBackgroundTasks(boolean allEnvironments) {
        return dispatcher.tasks().list(launcher(), allEnvironments);
    }

    @Override
    public dev.anvilcheck.server.TaskState taskState() {
        dev.anvilcheck.server.TaskState state = taskState;
        return state != null ? state : CallScope.super.taskState();
    }

    @Override
    public dev.anvilcheck.server.HttpRequest request() {
        if (request != null) {
            return request;
        }
        throw new IllegalStateException("anvil.server.request is only available in http_endpoint calls.");
    }

    /**
     * Moves to the browser's session of a cross-site request (HTTP-27): the working copy, the
     * snapshot and the context start afresh from it; its idle time restarts (SESS-10).
     */
    @Override
    public void switchSession() {
        SessionRecord to = alternate;
        if (to == null || to == record) {
            return;
        }
        to.touch(dispatcher.config().clock().millis());
        snapshot = to.data();
        record = to;
        working = null;
        context = null;
    }

    @Override
    public void logIn(Object user) {
        record.user(user);
    }

    @Override
    public String getSessionId() {
        dispatcher.sessions().persist(record);
        return record.id();
    }

    @Override
    public String getAppOrigin(String environment) {
        return dispatcher.appOrigin();
    }

    /**
     * Issues capabilities this call returns: the full scope under a MAC of the session's current
     * key, tied to the caller's side (CAP-06, CAP-08, CAP-19; {@link CapabilityGate#issue}).
     */
    @Override
    public Capability translate(Capability c) {
        return CapabilityGate.issue(record, c, callerIsClient);
    }

    /**
     * A capability this call sends to the uplink that provides its function, as it leaves the
     * runtime: the full scope under a MAC of the session's current key (CAP-06, {@link CapabilityGate#issue}).
     */
    Capability issueToUplink(Capability c) {
        return CapabilityGate.issue(record, c, false);
    }

    @Override
    @OutsideTheSpecification("identity of the call object in the runtime's own sets; no clause speaks of it")
    public int hashCode() {
        return hash;
    }

    @Override
    @OutsideTheSpecification("identity of the call object in the runtime's own sets; no clause speaks of it")
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public dev.anvilcheck.server.Capability.Epoch capabilityEpoch() {
        return CapabilityGate.SessionEpoch.of(record);
    }

    @Override
    public void invalidateClientObjects() {
        record.invalidateObjects();
    }

    @Override
    public dev.anvilcheck.server.Cookies cookies() {
        checkNotAbandoned();
        dev.anvilcheck.runtime.internal.cookies.CookieStore store = record.cookieStore();
        return store == null ? dev.anvilcheck.runtime.internal.cookies.CookieStore.unavailable()
                : store.view(dispatcher.sideOf(registration));
    }

    @Override
    public dev.anvilcheck.server.host.ServerEvents events() {
        return new SessionEvents(dispatcher, record, dispatcher.sideOf(registration));
    }

    @Override
    @OutsideTheSpecification("anvil.secrets has no clause in spec/SEMANTICS.md")
    public String getSecret(String name) {
        return dispatcher.secrets().get(name, registration.provider() != null);
    }

    @Override
    @OutsideTheSpecification("diagnostic text")
    public String toString() {
        return "call of '" + registration.name() + "' from " + stack.frame().type();
    }

    /** Server code's exception types (ERR-05): what it registers in and names its errors by. */
    @Override
    public ExceptionTypes exceptionTypes() {
        return dispatcher.exceptionTypes();
    }
}
