package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.Launcher;
import dev.anvilcheck.runtime.internal.Origin;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.ServerMethod;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated caller of server functions: the common part of the browser, server module, uplinks,
 * HTTP, background task, email and scheduled-task callers of an {@link AnvilRuntime}. A caller
 * owns the session its calls run in (SESS-01, SESS-14, SESS-15); its settings (user, IP,
 * location, time zone) are what callees see in their context (CTX-03, CTX-12) and how naive
 * date-times it sends are stamped (SER-09). Each caller is an environment of its own for portable
 * classes: it knows the process-wide ones, those registered with its runtime, and those registered
 * with it alone (PORT-02, PORT-08). Settings return this caller, typed, for chaining.
 *
 * @param <S> the concrete caller type
 * @since 0.1
 */
public abstract sealed class SimulatedCaller<S extends SimulatedCaller<S>> implements Caller
        permits SimulatedBrowser, SimulatedServerModule, SimulatedUplink, SimulatedClientUplink, SimulatedHttp,
                SimulatedBackgroundTask, SimulatedEmail, SimulatedScheduledTask {

    final Dispatcher dispatcher;
    private final CallerKind kind;
    private final StackFrame frame;
    private final String backgroundTaskId;
    private final PortableClasses classes;
    private final ExceptionTypes errors;
    private volatile Side side;
    private volatile String ip;
    private volatile Location location;
    volatile SessionRecord session;

    SimulatedCaller(Dispatcher dispatcher, CallerKind kind, String frameType, String ip, String backgroundTaskId) {
        this.dispatcher = dispatcher;
        this.kind = kind;
        this.frame = StackFrame.of(frameType);
        this.ip = ip;
        this.backgroundTaskId = backgroundTaskId;
        this.classes = PortableClasses.inheriting(dispatcher.portableClasses());
        this.errors = ExceptionTypes.inheriting(dispatcher.exceptionTypes());
        this.side = new Side(dispatcher.config().zone(), classes, frame.isTrusted());
        this.session = newSession();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    final SessionRecord newSession() {
        return dispatcher.newSession(new ClientInfo(kind.clientType(), ip, location), backgroundTaskId);
    }

    /**
     * The session the next call runs in. Sessions of callers other than browsers are renewed
     * silently when they expired; a browser's stays, so that its calls raise
     * {@code SessionExpiredError} (SESS-11).
     */
    SessionRecord sessionForCall() {
        SessionRecord current = session;
        if (!isBrowser() && dispatcher.expired(current)) {
            current = newSession();
            session = current;
        }
        return current;
    }

    boolean isBrowser() {
        return false;
    }

    /** The IP address callees see, also the remote address of this caller's HTTP requests (HTTP-21). */
    final String ipAddress() {
        return ip;
    }

    @Override
    public final CallerKind kind() {
        return kind;
    }

    /**
     * Calls a server function as this caller and waits for its result (CALL-03, CALL-04). Errors
     * the callee raises arrive as ERR-01..05 say; the runtime's own refusals (CALL-02, CALL-05,
     * CALL-11, CALL-13, CALL-20, AUTH-01, AUTH-02, SESS-11, ERR-06) arrive the same way.
     *
     * @param fnName the registered name
     * @param arguments positional and keyword arguments
     * @return the return value, a copy (SER-10)
     */
    @Override
    public Object call(String fnName, Arguments arguments) {
        return dispatcher.call(Origin.top(frame, sessionForCall(), side, isBrowser(), errors), fnName, arguments);
    }

    /**
     * Registers a portable class in this caller's environment only, as a class in a module only the
     * client imports (PORT-01, PORT-02): this caller sends and receives it under {@code name}, and
     * server code, which does not know the name, refuses it with
     * {@code SerializationError("No such serializable type: ...")} (PORT-08).
     *
     * @param type the class
     * @param name the registered name, or {@code null} for its default name
     * @return this caller
     * @throws dev.anvilcheck.python.TypeError if the class cannot be portable
     */
    @Override
    public S registerPortableClass(Class<?> type, String name) {
        classes.register(type, name == null ? PortableClasses.defaultName(type) : name);
        return self();
    }

    /**
     * The exception types this caller's environment knows (ERR-05): server code's, and those
     * registered here only. An error that crosses back to this caller is re-created by them, so a
     * type registered here but not in server code arrives as itself here, and one registered on
     * neither side arrives as {@code AnvilWrappedError} with its type name.
     *
     * @return the registry
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public ExceptionTypes exceptionTypes() {
        return errors;
    }

    /**
     * The portable classes this caller's environment knows (PORT-02).
     *
     * @return the registry
     */
    public PortableClasses portableClasses() {
        return classes;
    }

    /**
     * Invokes a {@link ServerMethod} as client code does (PORT-10): calls
     * {@code anvil.server_side/<name>.<method>} with {@code self} (for a {@code static} method, its
     * class) as the first argument, followed by {@code arguments}.
     *
     * @param self the instance, or the class for a {@code static} server method
     * @param method the method's name
     * @param arguments the remaining arguments
     * @return the method's return value
     * @throws dev.anvilcheck.python.RuntimeError before anything is sent, if the method is not a
     *     server method of a portable class this caller knows (PORT-11)
     */
    @Override
    public Object callServerMethod(Object self, String method, Arguments arguments) {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(arguments, "arguments");
        Class<?> type = self instanceof Class<?> k ? k : self.getClass();
        String fnName = classes.serverMethodName(type, method);
        Object first = self instanceof Class<?> || !isStatic(type, method) ? self : type;
        List<Object> args = new ArrayList<>(arguments.args().size() + 1);
        args.add(first);
        args.addAll(arguments.args());
        return call(fnName, new Arguments(args, arguments.kwargs()));
    }

    /**
     * Whether the server method {@code method} of {@code type} is {@code static}; the class or a
     * superclass declares it, as {@link PortableClasses#serverMethodName} found.
     */
    private static boolean isStatic(Class<?> type, String method) {
        for (Class<?> c = type; ; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.isAnnotationPresent(ServerMethod.class)) {
                    return Modifier.isStatic(m.getModifiers());
                }
            }
        }
    }

    /**
     * Launches a background task from this caller's own code, outside any call
     * ({@code launch_background_task}, TASK-01..04): trusted callers (server module, server uplink,
     * background task) get the task at once, its function sees this caller's frame as its remote
     * caller (CTX-08); a browser raises {@link dev.anvilcheck.python.RuntimeError} ("Cannot launch
     * Background Tasks from client code."), and the other untrusted callers
     * {@link dev.anvilcheck.server.BackgroundTaskError} (TASK-02).
     *
     * @param fnName the task name, without the {@code task:} prefix
     * @param arguments the arguments
     * @return the task
     */
    @Override
    public Task launchBackgroundTask(String fnName, Arguments arguments) {
        return dispatcher.tasks().launch(launcher(), fnName, arguments);
    }

    /**
     * Constructs a capability in this caller's own code, outside any call (CAP-01): server code
     * and uplinks may; a {@link SimulatedBrowser} raises {@code RuntimeError} (CAP-03).
     *
     * @param scope the scope
     * @return the capability
     */
    @Override
    public dev.anvilcheck.server.Capability newCapability(List<?> scope) {
        return new dev.anvilcheck.server.Capability(scope);
    }

    /**
     * Looks a task up by id from this caller's own code ({@code get_background_task}, TASK-19);
     * refused to untrusted callers as {@link #launchBackgroundTask(String, Arguments)} is, with
     * the browser's {@code RuntimeError("Cannot call this function from client code")}.
     *
     * @param id the task id
     * @return the task
     * @throws dev.anvilcheck.server.BackgroundTaskNotFound if no task has that id
     */
    @Override
    public Task getBackgroundTask(String id) {
        return dispatcher.tasks().get(launcher(), id);
    }

    /**
     * Lists the app's tasks, running and finished, from this caller's own code
     * ({@code list_background_tasks}, TASK-20); refused to untrusted callers as
     * {@link #getBackgroundTask(String)} is.
     *
     * @param allEnvironments whether to include other environments' tasks
     * @return the tasks
     */
    @Override
    public List<Task> listBackgroundTasks(boolean allEnvironments) {
        return dispatcher.tasks().list(launcher(), allEnvironments);
    }

    /**
     * Lists this environment's tasks ({@code list_background_tasks()}, TASK-20).
     *
     * @return the tasks
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public List<Task> listBackgroundTasks() {
        return listBackgroundTasks(false);
    }

    Launcher launcher() {
        return Launcher.top(frame, side, isBrowser());
    }

    /**
     * Logs {@code user} in on this caller's session, as the Users service would; {@code null} logs
     * out. The user is any value, e.g. a map of its columns (spec scope note).
     *
     * @param user the user
     * @return this caller
     */
    @Override
    public S user(Object user) {
        session.user(user);
        return self();
    }

    /**
     * Sets the IP address that callees see in {@code context.client.ip} (CTX-12).
     *
     * @param ip the address, or {@code null}
     * @return this caller
     */
    @Override
    public S ip(String ip) {
        this.ip = ip;
        session.client(new ClientInfo(kind.clientType(), ip, location));
        return self();
    }

    /**
     * Sets the location that callees see in {@code context.client.location} (CTX-12).
     *
     * @param location the location, or {@code null} when unknown
     * @return this caller
     */
    @Override
    public S location(Location location) {
        this.location = location;
        session.client(new ClientInfo(kind.clientType(), ip, location));
        return self();
    }

    /**
     * Sets this caller's time zone, whose offset stamps the naive date-times it sends (SER-09).
     *
     * @param zone the zone
     * @return this caller
     */
    @Override
    public S zone(ZoneId zone) {
        this.side = new Side(Objects.requireNonNull(zone, "zone"), classes, frame.isTrusted());
        return self();
    }

    @Override
    public ZoneId zone() {
        return side.zone();
    }

    /** This caller's side: its zone, the portable classes it knows, its trust (SER-09, PORT-02). */
    final Side side() {
        return side;
    }

    /**
     * Stores a copy of {@code value} in this caller's committed session, as if an earlier call had
     * (the value must be storable, SESS-04, SESS-05).
     *
     * @param key the key
     * @param value the value
     */
    @Override
    public void putSession(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Map<String, Object> copy = Crossing.from(new Side(zone(), dispatcher.portableClasses(), true))
                .sessionData(Collections.singletonMap(key, value));
        session.put(key, copy.get(key));
    }

    /**
     * Stores {@code value} in this caller's session before it calls, as {@link #putSession} does,
     * and returns this caller, for fluent set-up: {@code browser.withSession("cart", List.of(7))}.
     *
     * @param key the key
     * @param value the value, storable in a session (SESS-04, SESS-05)
     * @return this caller
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (a caller's fluent set-up of its session)")
    public S withSession(String key, Object value) {
        putSession(key, value);
        return self();
    }

    /**
     * Stores every entry of {@code data} in this caller's session, as {@link #withSession(String, Object)}.
     *
     * @param data the keys and values
     * @return this caller
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (a caller's fluent set-up of its session)")
    public S withSession(Map<String, ?> data) {
        Objects.requireNonNull(data, "data").forEach(this::putSession);
        return self();
    }

    /**
     * A copy of this caller's committed session data, for assertions.
     *
     * @return the data
     */
    @Override
    public Map<String, Object> sessionData() {
        return Crossing.from(new Side(dispatcher.config().zone(), classes, true)).sessionData(session.data());
    }

    /**
     * The id of this caller's current session (SESS-03).
     *
     * @return the session id
     */
    @Override
    public String sessionId() {
        return session.id();
    }

    /**
     * The logged-in user of this caller's session, or {@code null}.
     *
     * @return the user
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public Object user() {
        return session.user();
    }

    /**
     * The context that code running in this caller itself sees when no call is in progress
     * (CTX-10, CTX-11): for a browser, type {@code browser} with a browser client; for a server
     * uplink {@code uplink}; for a client uplink {@code client} (CTX-02); for the others,
     * {@code server_module}.
     *
     * @return the idle context
     */
    public CallContext context() {
        return CallContext.idle("server_module");
    }

    @Override
    @OutsideTheSpecification("a caller's rendering: no clause speaks of it")
    public String toString() {
        return getClass().getSimpleName() + "[session " + session.id() + "]";
    }
}
