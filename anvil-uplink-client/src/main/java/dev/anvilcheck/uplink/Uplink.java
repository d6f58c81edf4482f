package dev.anvilcheck.uplink;

import dev.anvilcheck.hosting.BoundFunction;
import dev.anvilcheck.hosting.ServerMethodBinder;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * A connection to an Anvil app over the Uplink, from Java, on the JDK's WebSocket: the Java
 * counterpart of the official {@code anvil-uplink} library (Uplink protocol §7 (b); UPL-01..12).
 * {@link #connect(URI, String)} blocks until the server accepted the key (UPL-02) and fails with
 * {@link UplinkFatalError} when it refused it (UPL-03). Functions registered with
 * {@link #register(String, ServerFunction)}, {@link #registerBackgroundTask(String, ServerFunction)}
 * or {@link #registerAll(Object)} are provided to the app (UPL-05; a client key may not provide
 * any, UPL-06); {@code registerAll} binds a module with the binder the reference runtime uses, so
 * {@code requireUser} (checked with the user the server knows), keyword arguments, injection and
 * conversions behave as in server code. Each incoming call runs on its own thread with a {@link CallScope} bound, so
 * {@code AnvilServer.context()}, {@code session()}, {@code call()} and {@code taskState()} work
 * inside as in server code (UPL-12, CTX-01, CTX-02). HTTP endpoints registered with
 * {@link #registerEndpoint(Endpoint, ServerFunction)} serve the app's requests as the Python
 * client's {@code @http_endpoint}, {@code @route} and {@code @wellknown_endpoint} do, with
 * {@code AnvilServer.request()} inside (HTTP-01..27). {@link #call(String, Object...)} calls the
 * app's functions. A heartbeat calls {@code anvil.private.echo} every 10 s (§1.4). When the socket
 * closes unasked, outstanding calls fail at once with an {@link AnvilWrappedError} "Connection to
 * Anvil Uplink server lost", and the client reconnects in the background after 1 s, then every
 * 10 s, sending its key and registrations again (UPL-10); {@link #disconnect()} clears the key so
 * that nothing reconnects (UPL-04). Thread-safe.
 *
 * <pre>{@code
 * try (Uplink uplink = Uplink.connect(URI.create("ws://127.0.0.1:3030/_/uplink"), key)) {
 *     uplink.register("add", args -> (Long) args.get(0) + (Long) args.get(1));
 *     Object rate = uplink.call("get_rate", "EUR", Kwargs.kw("when", OffsetDateTime.now()));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class Uplink implements AutoCloseable {
    /** The message of the error outstanding calls fail with when the socket closes (UPL-10). */
    public static final String CONNECTION_LOST = "Connection to Anvil Uplink server lost";
    /** The message of the error calls raise before connecting or after disconnecting (UPL-01). */
    public static final String NOT_CONNECTED = "You must use anvil.server.connect(key) before anvil.server.call()";

    // The facade of the client; its parts each do one job: FunctionRegistry (what it provides),
    // OutboundCalls (its calls and their answers), ConnectionSupervisor (connecting, heartbeat,
    // reconnecting) over one Link at a time (the WebSocket), InboundDispatcher (what the server
    // sends besides), BackgroundTaskCalls (the task functions), all on UplinkThreads.
    private final UplinkThreads threads;
    private final FunctionRegistry registry;
    private final OutboundCalls calls;
    private final ConnectionSupervisor connection;

    private Uplink(Builder b) {
        WireCodec codec = b.codec.withLiveObjects(new UplinkLiveObjects(this, b.codec.liveObjects()));
        this.threads = new UplinkThreads(b.scheduler);
        this.registry = new FunctionRegistry(this::announce);
        this.calls = new OutboundCalls(codec);
        this.connection = new ConnectionSupervisor(new ConnectionSupervisor.Settings(b.url, b.heartbeatInterval,
                b.firstRetry, b.retry, b.connectTimeout), b.key, codec, threads, registry, calls,
                new InboundDispatcher(this, codec, registry, calls, threads));
    }

    /**
     * Connects to the uplink endpoint {@code url} with {@code key}, blocking until the server
     * accepted it (UPL-02), with the defaults of {@link Builder}.
     *
     * @param url the endpoint, e.g. {@code ws://127.0.0.1:3030/_/uplink} or
     *     {@code wss://anvil.works/uplink}
     * @param key a server (trusted) or client (untrusted) uplink key
     * @return the connected uplink
     * @throws UplinkFatalError if the server refused the key (UPL-03)
     * @throws AnvilWrappedError if the socket could not be opened or closed before the reply
     */
    public static Uplink connect(URI url, String key) {
        return builder(url, key).connect();
    }

    /**
     * A builder of an uplink to {@code url} with {@code key}, to set the heartbeat, the reconnect
     * delays, the scheduler or the codec, and to register functions before connecting.
     *
     * @param url the endpoint
     * @param key the uplink key
     * @return the builder
     */
    public static Builder builder(URI url, String key) {
        return new Builder(url, key);
    }

    // ------------------------------------------------------------------ registration

    /**
     * Provides {@code body} to the app under {@code name} (UPL-05, Uplink protocol §3.1): sent as a
     * {@code REGISTER} now if connected, and again after every reconnect. The name is a regular
     * expression the called name must match whole, as the official client's.
     *
     * @param name the name callers call
     * @param body the function
     * @return this uplink
     */
    public Uplink register(String name, ServerFunction body) {
        registry.register(name, body);
        return this;
    }

    /** Sends the {@code REGISTER} of {@code name} at once if connected, and waits until it is in force. */
    private void announce(String name) {
        connection.announce(name);
    }

    /**
     * Provides {@code body} as an HTTP endpoint of the app ({@code @anvil.server.http_endpoint},
     * {@code @route}, {@code @wellknown_endpoint}; UPL-05, HTTP-01): registered as
     * {@code http:}, {@code route:} or {@code http-wellknown:} followed by the path pattern as a
     * regular expression, each {@code :name} becoming {@code ([^/]*)} (Uplink protocol §3.1), and
     * served with the same endpoint semantics as server code's endpoints: {@code AnvilServer.request()}
     * is the request (HTTP-20..26), credentials are required or users logged in with the app's Users
     * service (HTTP-08, HTTP-09; the uplink asks the server, through
     * {@code anvil.private.users.get_current_user} and {@code login_with_email}, so a runtime
     * without the Users service over the uplink, such as the reference runtime, answers 401),
     * other methods get 405 and CORS preflights their answer (HTTP-06,
     * HTTP-07), the body gets the form, query and path parameters as keyword arguments (HTTP-05),
     * its return value, {@code HttpResponse} or {@code FormResponse} included, becomes the response
     * (HTTP-11..19), and {@code crossSiteSession} moves to the browser's session (HTTP-27). Of
     * several of this uplink's endpoints that match a request, the first registered serves it
     * (HTTP-04).
     *
     * @param endpoint the kind, path and options, e.g. {@code Endpoint.http("/users/:id")}
     * @param body the function
     * @return this uplink
     * @throws IllegalArgumentException if the path is not a valid pattern
     * @since 0.1
     */
    public Uplink registerEndpoint(Endpoint endpoint, ServerFunction body) {
        registry.registerEndpoint(endpoint, body);
        return this;
    }

    /**
     * Provides {@code body} as the background task {@code name}, registered as {@code task:<name>}
     * (UPL-05, TASK-01, Uplink protocol §3.9); it runs with a live {@code task_state}.
     *
     * @param name the task's name, without the prefix
     * @param body the task's function
     * @return this uplink
     */
    public Uplink registerBackgroundTask(String name, ServerFunction body) {
        registry.registerBackgroundTask(name, body);
        return this;
    }

    /**
     * Provides {@code body} as the server function {@code name}, callable only by the callers
     * {@code requireUser} lets in ({@code @anvil.server.callable(require_user=...)}, AUTH-01..04):
     * before the body runs, the uplink asks the server for the call's logged-in user, as the Python
     * client does, and refuses with {@code AuthenticationFailed} or {@code PermissionDenied} exactly
     * as server code would.
     *
     * @param name the name callers use
     * @param requireUser who may call it
     * @param body the function
     * @return this uplink
     * @throws IllegalArgumentException if {@code name} is not a valid name specification
     */
    public Uplink register(String name, RequireUser requireUser, ServerFunction body) {
        registry.register(name, requireUser, body);
        return this;
    }

    /**
     * Provides the server functions of a module, bound exactly as the reference runtime binds
     * them (one binder for every host, CONVENTIONS 18): every {@link Callable} method (by the
     * annotation's name or the method's, with its {@code requireUser} and {@code requireUserWhere}
     * checked before the body runs, AUTH-01..04), every {@link BackgroundTask} method (as
     * {@code task:<name>}, UPL-05) and every {@code @HttpEndpoint}, {@code @Route} and
     * {@code @WellknownEndpoint} method (as {@link #registerEndpoint(Endpoint, ServerFunction)}
     * would, HTTP-01). Positional arguments bind in order and keyword arguments by parameter name
     * (CALL-03), values convert where Python would accept them, {@code CallContext} and
     * {@code Session} parameters are injected, and a wrong call raises {@code TypeError} naming the
     * function and the parameter. (Before the binder was shared, a method whose only parameter was
     * {@code Arguments} received the call's arguments whole; it is now an ordinary parameter: use
     * {@link #register(String, ServerFunction)} for a function that wants them whole.)
     *
     * @param module an instance (its instance and static methods), or a {@link Class} (its static
     *     methods)
     * @return this uplink
     * @throws IllegalArgumentException if the module has no such method, or one cannot be bound
     *     (for instance, server code compiled without {@code -parameters})
     */
    public Uplink registerAll(Object module) {
        registry.registerAll(module);
        return this;
    }

    /**
     * Provides the {@link dev.anvilcheck.server.ServerMethod}s that the portable class {@code type}
     * declares, as the uplink library does for a portable class with server methods defined in an
     * uplink ({@code @anvil.server.server_method}, PORT-10): each as
     * {@code anvil.server_side/<name>.<method>}, checking that its first argument is an instance
     * (for a {@code static} method, a subclass) of {@code type}, else raising {@code TypeError}, and
     * running the method on it with the remaining arguments, bound as {@link #registerAll(Object)}
     * binds, with its {@code requireUser} checked first. It does not register the class with this
     * uplink's codec: that is the {@link dev.anvilcheck.server.PortableClasses} registry given to
     * {@link WireCodec.Builder#portableClasses}.
     *
     * @param type the portable class
     * @param name the name it is registered under
     * @return this uplink
     * @throws IllegalArgumentException if a server method is malformed (two of one name, or a
     *     {@code static} one whose first parameter is not a {@code Class<?>})
     * @since 0.1
     */
    public Uplink registerServerMethods(Class<?> type, String name) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        for (BoundFunction f : ServerMethodBinder.bindAll(type, name)) {
            registry.register(f.name(), f.requireUser(), f.body());
        }
        return this;
    }

    // ------------------------------------------------------------------ calls

    /**
     * Calls the app's function {@code fnName} and waits for its result, as
     * {@code anvil.server.call} in an uplink script; a trailing {@link dev.anvilcheck.server.Kwargs}
     * gives keyword arguments. Called from a function this uplink is serving, the call is nested:
     * it carries that call's {@code call-stack-id} and {@code originating-call} (Uplink protocol
     * §3.4).
     *
     * @param fnName the function's name
     * @param args the arguments, optionally ending with {@code Kwargs}
     * @return the result
     * @throws dev.anvilcheck.server.AnvilError the error the function raised, by its wire type
     *     (ERR-01..05), or "Connection to Anvil Uplink server lost" when the socket closes first
     *     (UPL-10)
     * @throws UplinkFatalError while the server's last word was a fatal error (UPL-03)
     */
    public Object call(String fnName, Object... args) {
        return call(fnName, Arguments.fromVarargs(args));
    }

    /**
     * Calls {@code fnName} with {@code arguments}; see {@link #call(String, Object...)}.
     *
     * @param fnName the function's name
     * @param arguments the arguments
     * @return the result
     */
    public Object call(String fnName, Arguments arguments) {
        return callFrom(origin(), fnName, arguments);
    }

    /** The incoming call of this uplink whose function runs on this thread, if any: calls made here nest in it. */
    private IncomingCall origin() {
        CallScope scope = CallScope.current();
        return scope instanceof IncomingCall in && in.uplink() == this ? in : null;
    }

    Object callFrom(IncomingCall origin, String fnName, Arguments arguments) {
        Objects.requireNonNull(fnName, "fnName");
        Objects.requireNonNull(arguments, "arguments");
        return roundTrip(origin, fnName, id -> Message.Call.of(id, fnName, arguments));
    }

    /**
     * Calls {@code method} on the LiveObject {@code target} (a descriptor this uplink received) and
     * waits for the result: a {@code CALL} whose {@code liveObjectCall} carries the target's
     * {@code id}, {@code backend}, {@code mac} and {@code permissions} and the method, nested in the
     * incoming call this thread serves, if any (Uplink protocol §3.4, §4.6).
     */
    Object liveObjectCall(Map<String, Object> target, String method, Arguments arguments) {
        Map<String, Object> live = new LinkedHashMap<>();
        for (String k : List.of("id", "backend", "mac", "permissions")) {
            live.put(k, target.get(k));
        }
        live.put("method", method);
        return roundTrip(origin(), target.get("backend") + "." + method,
                id -> new Message.Call(id, false, null, live, arguments, null, Map.of()));
    }

    /** Sends the call {@code make} builds with a new id, from {@code origin}, and waits for its response. */
    private Object roundTrip(IncomingCall origin, String fnName, Function<String, Message.Call> make) {
        return calls.roundTrip(connection.usableLink(), origin, fnName, make);
    }

    // ------------------------------------------------------------------ background tasks

    /**
     * Launches the app's background task {@code fnName} ({@code task:<fnName>}) and returns its handle
     * without waiting for it, as {@code anvil.server.launch_background_task} in an uplink script: a
     * call of {@code anvil.private.background_tasks.launch} (Uplink protocol §3.4, §3.9; TASK-01,
     * TASK-02: a client key is refused with {@code BackgroundTaskError}). The handle is live: each of
     * its methods asks the server over this uplink (TASK-08..16; a task whose function runs on an
     * uplink cannot be killed, TASK-18). Inside a function this uplink serves,
     * {@code AnvilServer.launchBackgroundTask} does the same.
     *
     * @param fnName the task's name, without the {@code task:} prefix
     * @param args the arguments, optionally ending with {@link dev.anvilcheck.server.Kwargs}
     * @return the live handle
     * @throws dev.anvilcheck.server.AnvilError the server's refusal, by its wire type
     * @since 0.1
     */
    public Task launchBackgroundTask(String fnName, Object... args) {
        return launchFrom(origin(), fnName, Arguments.fromVarargs(args));
    }

    /**
     * Launches the background task {@code fnName} with {@code arguments}; see
     * {@link #launchBackgroundTask(String, Object...)} (TASK-01).
     *
     * @param fnName the task's name, without the {@code task:} prefix
     * @param arguments the arguments
     * @return the live handle
     * @since 0.1
     */
    public Task launchBackgroundTask(String fnName, Arguments arguments) {
        return launchFrom(origin(), fnName, Objects.requireNonNull(arguments, "arguments"));
    }

    /**
     * The live handle of the task with id {@code id}, as {@code anvil.server.get_background_task}
     * in an uplink script (TASK-19): a call of {@code anvil.private.background_tasks.get_by_id}.
     *
     * @param id the task's id
     * @return the live handle
     * @throws dev.anvilcheck.server.BackgroundTaskNotFound for an unknown id
     * @since 0.1
     */
    public Task getBackgroundTask(String id) {
        return getFrom(origin(), id);
    }

    /**
     * Live handles of the app's tasks, as {@code anvil.server.list_background_tasks} in an uplink
     * script (TASK-20, TASK-25): a call of {@code anvil.private.background_tasks.list}.
     *
     * @param allEnvironments whether to include every environment's tasks
     * @return the live handles
     * @since 0.1
     */
    public List<Task> listBackgroundTasks(boolean allEnvironments) {
        return listFrom(origin(), allEnvironments);
    }

    /**
     * Binds this uplink to the current thread as its top-level code, until the binding is closed, so
     * that the {@code AnvilServer} facade works there as at the top level of an uplink script:
     * {@code call}, {@code launchBackgroundTask} (live handles, TASK-01), {@code getBackgroundTask},
     * {@code listBackgroundTasks} and {@code getAppOrigin} go over this uplink; {@code context()} is
     * the idle context of its privilege (CTX-10) and {@code taskState()} the uplink's guard
     * (TASK-06). Functions this uplink serves need no binding: each runs with its own call bound.
     *
     * <pre>{@code
     * try (CallScope.Binding top = uplink.bind()) {
     *     Task task = AnvilServer.launchBackgroundTask("crunch", 7);
     * }
     * }</pre>
     *
     * @return the binding, to close in a try-with-resources
     * @since 0.1
     */
    public CallScope.Binding bind() {
        return CallScope.bind(new TopLevelCall(this));
    }

    Task launchFrom(IncomingCall origin, String fnName, Arguments arguments) {
        return BackgroundTaskCalls.launch((f, a) -> callFrom(origin, f, a), fnName, arguments);
    }

    Task getFrom(IncomingCall origin, String id) {
        return BackgroundTaskCalls.get((f, a) -> callFrom(origin, f, a), id);
    }

    List<Task> listFrom(IncomingCall origin, boolean allEnvironments) {
        return BackgroundTaskCalls.list((f, a) -> callFrom(origin, f, a), allEnvironments);
    }

    /**
     * Runs one heartbeat now: calls {@code anvil.private.echo("keep-alive")} and returns the echo
     * (Uplink protocol §1.4). The scheduler runs this every heartbeat interval.
     *
     * @return the server's echo, {@code "keep-alive"}
     */
    public Object heartbeat() {
        return connection.heartbeat();
    }

    /**
     * How many heartbeats the server answered.
     *
     * @return the count
     */
    public long heartbeats() {
        return connection.heartbeats();
    }

    /**
     * How many times this uplink was authenticated: 1 after {@link #connect(URI, String)}, one
     * more after each reconnect (UPL-10).
     *
     * @return the count
     */
    public long connections() {
        return connection.connections();
    }

    /**
     * Whether the socket is open and authenticated.
     *
     * @return whether connected
     */
    public boolean isConnected() {
        return connection.isConnected();
    }

    /**
     * The privilege the server granted this key: {@code "uplink"} for a server key,
     * {@code "client"} for a client key (Uplink protocol §2.3; UPL-07, UPL-08); it is the
     * {@code context.type} of calls this uplink serves (CTX-01, CTX-02).
     *
     * @return the privilege, or {@code null} before the first authentication
     */
    public String privilege() {
        return connection.privilege();
    }

    /**
     * The {@code app-info} of the server's auth reply, e.g. {@code {"id": "", "environment":
     * {"description": "App Server"}}} (Uplink protocol §2.3).
     *
     * @return the app info, possibly empty
     */
    public Map<String, Object> appInfo() {
        return connection.appInfo();
    }

    /**
     * Waits until the uplink is connected again, e.g. after a connection loss (UPL-10).
     *
     * @param timeout how long to wait
     * @return whether it is connected
     */
    public boolean awaitConnected(Duration timeout) {
        return connection.awaitConnected(timeout);
    }

    /**
     * Disconnects: clears the key first, so that nothing reconnects, then closes the socket
     * normally (code 1000) (UPL-04). Later calls raise the "You must use anvil.server.connect(key)"
     * error (UPL-01). Functions stay registered on this object.
     */
    public void disconnect() {
        connection.disconnect();
    }

    /**
     * Disconnects ({@link #disconnect()}) and stops this uplink's threads.
     */
    @Override
    public void close() {
        disconnect();
        threads.shutdown();
    }

    /**
     * Settings of an {@link Uplink}. Defaults: a heartbeat every 10 s, reconnection after 1 s and
     * then every 10 s (as the official client's, Uplink protocol §1.4, §1.7), 10 s to open the
     * socket and be authenticated, a private timer thread, and a {@link WireCodec} in the process's
     * time zone, with which naive date-times are stamped as the official client stamps them (the
     * process's local offset, SER-09).
     *
     * @since 0.1
     */
    public static final class Builder {
        private final URI url;
        private final String key;
        private final Map<String, ServerFunction> functions = new LinkedHashMap<>();
        private WireCodec codec = WireCodec.builder().zone(ZoneId.systemDefault()).build();
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration firstRetry = Duration.ofSeconds(1);
        private Duration retry = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private ScheduledExecutorService scheduler;

        private Builder(URI url, String key) {
            this.url = Objects.requireNonNull(url, "url");
            this.key = Objects.requireNonNull(key, "key");
        }

        /**
         * How often to call {@code anvil.private.echo}; {@link Duration#ZERO} for never (§1.4).
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = requireNotNegative(interval);
            return this;
        }

        /**
         * The delays before reconnecting: after the connection was lost, and between failed
         * attempts or after a fatal error (UPL-10; the official client's are 1 s and 10 s).
         *
         * @param first the delay after a loss
         * @param then the delay between attempts
         * @return this builder
         */
        public Builder reconnectDelays(Duration first, Duration then) {
            this.firstRetry = requireNotNegative(first);
            this.retry = requireNotNegative(then);
            return this;
        }

        /**
         * How long to wait for the socket to open and for the server's auth reply.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requireNotNegative(timeout);
            return this;
        }

        /**
         * The scheduler that runs the heartbeat and the reconnection attempts, e.g. one a test
         * controls; the uplink does not shut it down.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The codec, e.g. with the portable classes this uplink exchanges. Its zone stamps naive
         * date-times this uplink sends (SER-09); the default codec's is the process's, and a codec
         * built here should say so too ({@code WireCodec.builder().zone(ZoneId.systemDefault())},
         * since {@code WireCodec}'s own default is UTC).
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder codec(WireCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * A function to register before connecting, so that it is provided from the first
         * connection on (UPL-05).
         *
         * @param name the name
         * @param body the function
         * @return this builder
         */
        public Builder register(String name, ServerFunction body) {
            functions.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(body, "body"));
            return this;
        }

        /**
         * An HTTP endpoint to register before connecting, so that it serves requests from the
         * first connection on (UPL-05, HTTP-01); see {@link Uplink#registerEndpoint}.
         *
         * @param endpoint the kind, path and options
         * @param body the function
         * @return this builder
         * @throws IllegalArgumentException if the path is not a valid pattern
         * @since 0.1
         */
        public Builder registerEndpoint(Endpoint endpoint, ServerFunction body) {
            UplinkEndpointFunction function = new UplinkEndpointFunction(Objects.requireNonNull(endpoint, "endpoint"),
                    Objects.requireNonNull(body, "body"));
            functions.put(function.name(), function);
            return this;
        }

        /**
         * Connects, blocking until the server accepted the key (UPL-02).
         *
         * @return the connected uplink
         * @throws UplinkFatalError if the server refused the key (UPL-03)
         * @throws AnvilWrappedError if the socket could not be opened
         */
        public Uplink connect() {
            Uplink uplink = new Uplink(this);
            functions.forEach(uplink::register);
            try {
                uplink.connection.open();
            } catch (RuntimeException e) {
                uplink.close();
                throw e;
            }
            return uplink;
        }

        private static Duration requireNotNegative(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration: " + d);
            }
            return d;
        }
    }
}
