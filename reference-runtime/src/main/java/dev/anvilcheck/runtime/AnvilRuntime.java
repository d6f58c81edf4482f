package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.Registration;
import dev.anvilcheck.runtime.internal.RuntimeConfig;
import dev.anvilcheck.runtime.internal.ServerMethods;
import dev.anvilcheck.runtime.internal.ServerModules;
import dev.anvilcheck.runtime.internal.control.ControlApi;
import dev.anvilcheck.runtime.internal.http.HttpService;
import dev.anvilcheck.runtime.internal.tasks.TaskManager;
import dev.anvilcheck.runtime.internal.tasks.TaskSettings;
import dev.anvilcheck.runtime.internal.uplink.UplinkServer;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.host.ExceptionTypes;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The reference runtime: an in-memory {@code anvil.server} that runs server functions written in
 * Java exactly as Anvil runs server modules, for simulated callers of every kind. Register server
 * code, then call it as a browser, an uplink, an HTTP request, a background task:
 *
 * <pre>{@code
 * try (AnvilRuntime runtime = AnvilRuntime.create()) {
 *     runtime.register(new Invoices());
 *     Object total = runtime.browser().user(alice).call("invoice_total", 42);
 * }
 * }</pre>
 *
 * <p>Time is a {@link FakeClock} unless another clock is configured; it drives session expiry
 * (SESS-10) and call timeouts (ERR-06). Closing the runtime stops every thread it started.
 *
 * @since 0.1
 */
public final class AnvilRuntime implements AutoCloseable {
    private final Dispatcher dispatcher;
    private final HttpService http;
    private final UplinkServer uplinks;
    private final TaskManager taskManager;
    private final BackgroundTasks tasks;
    private final Runnable detachClock;
    private final CallJournal journal;
    private final AppLog appLog;
    private final RuntimeFaults faults;
    private final String uplinkKey;
    private final String clientUplinkKey;
    private final ListenerLimits listenerLimits;
    private final String adminToken;
    private final int journalCapacity;
    private ControlApi control;
    private volatile boolean closed;

    private AnvilRuntime(Builder builder) {
        RuntimeConfig config = new RuntimeConfig(builder.clock, builder.zone, builder.callTimeout,
                builder.sessionTimeout, builder.appOrigin);
        boolean fake = builder.clock instanceof FakeClock;
        this.appLog = new AppLog(builder.clock, builder.appLogCapacity, builder.appLogListeners);
        this.dispatcher = new Dispatcher(config, fake, appLog.recorder());
        dispatcher.abandonCallsAtDeadline(builder.abandonCallsAtDeadline);
        this.http = new HttpService(dispatcher, builder.maxHttpBody);
        this.uplinks = new UplinkServer(dispatcher);
        uplinks.keys(builder.uplinkKey, builder.clientUplinkKey);
        this.uplinkKey = builder.uplinkKey;
        this.clientUplinkKey = builder.clientUplinkKey;
        this.listenerLimits = applyLimits(builder.uplinkStallTimeout, builder.listenerLimits);
        http.uplinks(uplinks);
        uplinks.accounts(http.accounts()::logIn);
        this.taskManager = new TaskManager(dispatcher, new TaskSettings(
                builder.taskExecution == TaskExecution.DETERMINISTIC, builder.taskRetention,
                builder.backgroundTaskTimeout, builder.taskShutdownGrace));
        dispatcher.tasks(taskManager);
        this.tasks = new BackgroundTasks(taskManager);
        this.detachClock = fake ? ((FakeClock) builder.clock).onAdvance(dispatcher::clockAdvanced) : () -> { };
        this.adminToken = builder.adminToken;
        this.journalCapacity = builder.journalCapacity;
        this.journal = observe(builder);
        this.faults = new RuntimeFaults(this, dispatcher);
    }

    @OutsideTheSpecification("the listener's limits (ListenerLimits), which no clause states")
    private ListenerLimits applyLimits(Duration uplinkStallTimeout, ListenerLimits limits) {
        uplinks.stallMillis(uplinkStallTimeout.toMillis());
        uplinks.limits(limits.internal());
        http.limits(limits.internal());
        return limits;
    }

    @OutsideTheSpecification("the call journal and the builder's secrets: the runtime's own Java API, which the SPI never"
            + " sets")
    private CallJournal observe(Builder builder) {
        CallJournal calls = builder.recordCalls ? new CallJournal(builder.clock, builder.journalCapacity) : null;
        if (calls != null) {
            dispatcher.observer(calls.observer());
        }
        builder.secrets.forEach(dispatcher.secrets()::put);
        return calls;
    }

    /**
     * A runtime with the defaults of {@link Builder}.
     *
     * @return the runtime
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public static AnvilRuntime create() {
        return builder().build();
    }

    /**
     * A builder of a runtime.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private Dispatcher open() {
        if (closed) {
            throw new IllegalStateException("This AnvilRuntime has been closed");
        }
        return dispatcher;
    }

    /**
     * Registers every {@code @Callable} method of a server module ({@code @anvil.server.callable},
     * CALL-24, AUTH-01..03), every {@link BackgroundTask} method, as {@code task:<name>} (CALL-12; a
     * method with both is reachable both ways, TASK-24), and every {@code @HttpEndpoint},
     * {@code @Route} and {@code @WellknownEndpoint} method (HTTP-01). A later registration of a name
     * replaces an earlier one (CALL-10); endpoints of one module are registered in the order of their
     * method names, and the first registered endpoint whose path matches serves a request (HTTP-04).
     *
     * @param module an instance (instance and static methods) or a class (static methods)
     * @return this runtime
     * @throws IllegalArgumentException if the module has no such method, or one cannot be bound
     */
    @OutsideTheSpecification("the fluent return of the runtime's Java API (this runtime, for chaining); the SPI's"
            + " adapter calls addModule, which does the work")
    public AnvilRuntime register(Object module) {
        addModule(module);
        return this;
    }

    /** {@link #register(Object)}, for {@link ReferenceRuntimeAdapter}. */
    void addModule(Object module) {
        Objects.requireNonNull(module, "module");
        List<Registration> callables = ServerModules.callables(module);
        Map<Endpoint, ServerFunction> endpoints = somethingToRegister(module, callables,
                ServerModules.endpoints(module));
        for (Registration r : callables) {
            open().registry().register(r);
        }
        endpoints.forEach(http::register);
    }

    /** {@code endpoints}, unless {@code module} has nothing at all to register. */
    @OutsideTheSpecification("the Java API's refusal of a module with nothing to register, a Java mistake no clause"
            + " speaks of (a Python module without decorated functions registers nothing)")
    private static Map<Endpoint, ServerFunction> somethingToRegister(Object module, List<Registration> callables,
            Map<Endpoint, ServerFunction> endpoints) {
        if (callables.isEmpty() && endpoints.isEmpty()) {
            Class<?> type = module instanceof Class<?> c ? c : module.getClass();
            throw new IllegalArgumentException(type.getName() + " has no @Callable methods to register (nor"
                    + " @BackgroundTask, @HttpEndpoint, @Route or @WellknownEndpoint methods)");
        }
        return endpoints;
    }

    /**
     * Registers an HTTP endpoint without annotations (HTTP-01..09): {@code body} receives the
     * form, query and path parameters as keyword arguments (HTTP-05) and {@code request()} gives
     * the request (HTTP-20); what it returns becomes the response (HTTP-11..15).
     *
     * @param endpoint the kind, path and options, e.g. {@code Endpoint.http("/users/:id")}
     * @param body the function
     * @return this runtime
     * @throws IllegalArgumentException if the path is not a valid pattern
     */
    @OutsideTheSpecification("the fluent return of the runtime's Java API (this runtime, for chaining); the SPI's"
            + " adapter calls addEndpoint, which does the work")
    public AnvilRuntime registerEndpoint(Endpoint endpoint, ServerFunction body) {
        addEndpoint(endpoint, body);
        return this;
    }

    /** {@link #registerEndpoint(Endpoint, ServerFunction)}, for {@link ReferenceRuntimeAdapter}. */
    void addEndpoint(Endpoint endpoint, ServerFunction body) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(body, "body");
        open();
        http.register(endpoint, body);
    }

    /**
     * Adds a user account that {@code authenticateUsers} endpoints log in with HTTP Basic
     * credentials, as the Users service's {@code login_with_email} would (HTTP-09).
     *
     * @param email the email, sent as the Basic user name
     * @param password the password
     * @param user the user value, e.g. a map of its columns
     * @return this runtime
     */
    @OutsideTheSpecification("the fluent return of the runtime's Java API (this runtime, for chaining); the SPI's"
            + " adapter calls addAccount, which does the work")
    public AnvilRuntime addUser(String email, String password, Object user) {
        addAccount(email, password, user);
        return this;
    }

    /** {@link #addUser(String, String, Object)}, for {@link ReferenceRuntimeAdapter}. */
    void addAccount(String email, String password, Object user) {
        open();
        http.accounts().add(email, password, user);
    }

    /**
     * Serves the app over HTTP on the loopback interface, on a port the system chooses, unless it
     * already does: {@code /_/api/...} endpoints, routes and {@code /.well-known/...} answer exactly
     * as in memory. From then on {@code getAppOrigin()} returns this origin (MISC-01, HTTP-02).
     * {@link #close()} stops the listener and releases the port.
     *
     * @return the origin, {@code http://127.0.0.1:<port>}
     */
    public URI listen() {
        open();
        return attachControl().listen();
    }

    /**
     * The control API this runtime's listener serves under {@code /_/control}, made when it first
     * listens, so that a runtime used only in memory pays nothing for it.
     */
    @OutsideTheSpecification("the control API's wiring, serve mode's HTTP API for tests in other languages; the SPI"
            + " never reaches it")
    private synchronized HttpService attachControl() {
        if (control == null) {
            control = new ControlApi(new RuntimeControl(this, dispatcher, http, uplinks, journal), adminToken,
                    journalCapacity);
            http.control(control);
        }
        return http;
    }

    /**
     * The address of the control API, {@code http://127.0.0.1:<port>/_/control}, on the port of
     * {@link #listen()}, which it starts if needed: JSON routes that create simulated callers and
     * call functions as them, move the {@link FakeClock}, switch faults, add users, and read the
     * call journal, the app log, sessions, tasks and registered functions
     * ({@code docs/CONTROL.md}; the OpenAPI document is at {@code /_/control/openapi.json}). Only
     * clients on this machine may use it, or, with {@link Builder#adminToken(String)}, requests
     * that carry the token.
     *
     * @return the control API's address
     * @since 0.1
     */
    @OutsideTheSpecification("the control API's address, serve mode's HTTP API for tests in other languages; the SPI"
            + " never reaches it")
    public URI controlUri() {
        URI origin = listen();
        return URI.create(origin + ControlApi.PREFIX);
    }

    /**
     * Serves the app as {@link #listen()} does, on {@code port} of the loopback interface; 0 lets
     * the system choose. If the runtime already listens, its origin is returned as it is.
     *
     * @param port the port, from 0 to 65535
     * @return the origin, {@code http://127.0.0.1:<port>}
     * @throws IllegalStateException if the port cannot be bound
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public URI listen(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        open();
        return attachControl().listen(port);
    }

    /**
     * The address real uplink scripts connect to, {@code ws://127.0.0.1:<port>/_/uplink}, on the
     * same port as {@link #listen()}, which it starts if needed (Uplink protocol §1.1). An uplink
     * connecting with the {@linkplain Builder#uplinkKey server key} is trusted and may register
     * functions, which every caller of this runtime then reaches ahead of server code (UPL-05,
     * UPL-08, CALL-07); one with the {@linkplain Builder#clientUplinkKey client key} has a browser's
     * rights (UPL-06, UPL-07); any other key is refused (UPL-03).
     *
     * @return the uplink address
     */
    public URI uplinkUri() {
        URI origin = listen();
        return URI.create("ws://" + origin.getAuthority() + "/_/uplink");
    }

    /** The server uplink key the builder set, or {@code null}; for {@link ReferenceRuntimeAdapter}. */
    String uplinkKey() {
        return uplinkKey;
    }

    /** The client uplink key the builder set, or {@code null}; for {@link ReferenceRuntimeAdapter}. */
    String clientUplinkKey() {
        return clientUplinkKey;
    }

    /**
     * How many uplink sockets are open, authenticated or not.
     *
     * @return the count
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (a count of connected uplinks)")
    public int uplinkConnections() {
        return uplinks.connectionCount();
    }

    /**
     * Registers a server function under {@code name}, callable by anybody.
     *
     * @param name the name
     * @param body the function
     * @return this runtime
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public AnvilRuntime register(String name, ServerFunction body) {
        return register(name, RequireUser.none(), body);
    }

    /**
     * Registers a server function under {@code name} with a {@code requireUser} rule (AUTH-01..04).
     *
     * @param name the name
     * @param requireUser who may call it
     * @param body the function
     * @return this runtime
     */
    @OutsideTheSpecification("the fluent return of the runtime's Java API (this runtime, for chaining); the SPI's"
            + " adapter calls addFunction, which does the work")
    public AnvilRuntime register(String name, RequireUser requireUser, ServerFunction body) {
        addFunction(name, requireUser, body);
        return this;
    }

    /** {@link #register(String, RequireUser, ServerFunction)}, for {@link ReferenceRuntimeAdapter}. */
    void addFunction(String name, RequireUser requireUser, ServerFunction body) {
        if (name == null) {
            throw new dev.anvilcheck.python.TypeError("A server function's name must be a string, not None");
        }
        open().registry().register(new Registration(name, requireUser, body, "server_module", null));
    }

    /**
     * Registers a portable class under its default name in this runtime, as a module that server
     * code and client code both import (PORT-01, PORT-02): server code and every simulated caller
     * of this runtime know it, and its {@link dev.anvilcheck.server.ServerMethod}s become server
     * functions {@code anvil.server_side/<name>.<method>} (PORT-10). Classes annotated with
     * {@link dev.anvilcheck.server.PortableClass} need no registration; their server methods are
     * found when first called.
     *
     * @param type the class
     * @return this runtime
     * @throws dev.anvilcheck.python.TypeError if the class cannot be portable
     * @throws IllegalArgumentException if one of its server methods is malformed
     */
    @OutsideTheSpecification("the fluent return of the runtime's Java API (this runtime, for chaining); the SPI's"
            + " adapter calls addPortableClass, which does the work")
    public AnvilRuntime registerPortableClass(Class<?> type) {
        addPortableClass(type, PortableClasses.defaultName(type));
        return this;
    }

    /**
     * Registers a portable class under {@code name} in this runtime (PORT-01, PORT-02, PORT-10), as
     * {@link #registerPortableClass(Class)} does.
     *
     * @param type the class
     * @param name the registered name
     * @return this runtime
     * @throws dev.anvilcheck.python.TypeError if {@code name} is {@code null} or the class cannot be
     *     portable
     * @throws IllegalArgumentException if one of its server methods is malformed
     */
    @OutsideTheSpecification("the fluent return of the runtime's Java API (this runtime, for chaining); the SPI's"
            + " adapter calls addPortableClass, which does the work")
    public AnvilRuntime registerPortableClass(Class<?> type, String name) {
        addPortableClass(type, name);
        return this;
    }

    /**
     * {@link #registerPortableClass(Class, String)}, for {@link ReferenceRuntimeAdapter}; a
     * {@code null} name is refused by the registry with its {@code TypeError}, after the server
     * methods were read under an empty one.
     */
    void addPortableClass(Class<?> type, String name) {
        Dispatcher d = open();
        List<Registration> methods = ServerMethods.of(type, Objects.requireNonNullElse(name, ""));
        d.portableClasses().register(type, name);
        for (Registration r : methods) {
            d.registry().register(r);
        }
    }

    /**
     * Registers a background task's function under {@code name}
     * ({@code @anvil.server.background_task("name")}): it is registered as {@code task:<name>}, so
     * {@code launchBackgroundTask(name, ...)} starts it and {@code call(name)} does not reach it
     * (TASK-01, CALL-12).
     *
     * @param name the task name, without the {@code task:} prefix
     * @param body the function
     * @return this runtime
     */
    @OutsideTheSpecification("the fluent return of the runtime's Java API (this runtime, for chaining); the SPI's"
            + " adapter calls addBackgroundTask, which does the work")
    public AnvilRuntime registerBackgroundTask(String name, ServerFunction body) {
        addBackgroundTask(name, body);
        return this;
    }

    /** {@link #registerBackgroundTask(String, ServerFunction)}, for {@link ReferenceRuntimeAdapter}. */
    void addBackgroundTask(String name, ServerFunction body) {
        if (name == null) {
            throw new dev.anvilcheck.python.TypeError("A background task's name must be a string, not None");
        }
        open().registry().register(new Registration(BackgroundTask.NAME_PREFIX + name, RequireUser.none(),
                Objects.requireNonNull(body, "body"), "server_module", null));
    }

    /**
     * The body of the server function registered as {@code name} (by {@link #register(Object)} or
     * {@link #register(String, ServerFunction)}), e.g. to spy on it with a mock that delegates to it.
     *
     * @param name the registered name; background tasks are {@code task:<name>} (CALL-12)
     * @return the body
     * @throws IllegalArgumentException if no server function has that name
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public ServerFunction function(String name) {
        Objects.requireNonNull(name, "name");
        ServerFunction body = open().registry().body(name);
        if (body == null) {
            throw new IllegalArgumentException("No server function \"" + name + "\" is registered; registered: "
                    + new java.util.TreeSet<>(dispatcher.registry().serverNames()));
        }
        return body;
    }

    /**
     * Replaces the body of the server function registered as {@code name} with {@code replacement},
     * e.g. a Mockito mock or spy of {@link ServerFunction}; its {@code requireUser} rule stays
     * (AUTH-01..04), and server code that calls it by name ({@code call("send_invoice", ...)})
     * reaches the replacement from now on. The replacement receives the arguments as they crossed
     * (an {@link dev.anvilcheck.server.Arguments}), and what it returns crosses back (CALL-03, CALL-04).
     *
     * @param name the registered name; background tasks are {@code task:<name>} (CALL-12)
     * @param replacement the new body
     * @return the body that was replaced, to restore it or delegate to it
     * @throws IllegalArgumentException if no server function has that name
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public ServerFunction replace(String name, ServerFunction replacement) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(replacement, "replacement");
        return open().registry().replace(name, current -> replacement);
    }

    /**
     * Sets the app's secret {@code name}, which server code reads with
     * {@link dev.anvilcheck.secrets.Secrets#getSecret(String)}: for example the base URL of an
     * external API, pointed at a stub in tests.
     *
     * @param name the secret's name
     * @param value its value
     * @return this runtime
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the app's secrets)")
    public AnvilRuntime secret(String name, String value) {
        open().secrets().put(name, value);
        return this;
    }

    /**
     * Every call this runtime ran, with caller, function, arguments, context, outcome and duration.
     *
     * @return the journal
     * @throws IllegalStateException unless the runtime was built with
     *     {@link Builder#recordCalls(boolean) recordCalls(true)}
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the call journal, which no clause speaks of)")
    public CallJournal journal() {
        if (journal == null) {
            throw new IllegalStateException("This runtime does not record calls; build it with"
                    + " AnvilRuntime.builder().recordCalls(true)");
        }
        return journal;
    }

    /**
     * The app log: errors that ended calls, HTTP requests and background tasks, with the stack
     * trace of what server code threw, and uplinks connecting, being refused and disconnecting. It
     * is kept by every runtime, and can be read after the runtime closed.
     *
     * @return the app log
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the app log, which no clause speaks of)")
    public AppLog appLog() {
        return appLog;
    }

    /**
     * Switches that make this runtime fail as the platform does: app offline, quota exhausted,
     * slow functions, expired sessions.
     *
     * @return the fault switches
     */
    public RuntimeFaults faults() {
        return faults;
    }

    /**
     * The exception types server code of this runtime knows (ERR-05): the process-wide ones
     * ({@code AnvilServer.registerExceptionType}) and those registered here. Every simulated
     * caller inherits them; register on a caller's own {@link SimulatedCaller#exceptionTypes()} for a type only
     * that side knows. Registering here rather than process-wide keeps parallel tests apart.
     *
     * @return the registry
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public ExceptionTypes exceptionTypes() {
        return dispatcher.exceptionTypes();
    }

    /**
     * The portable classes server code of this runtime knows: the process-wide ones and those
     * registered with {@link #registerPortableClass(Class, String)} (PORT-02).
     *
     * @return the registry
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public PortableClasses portableClasses() {
        return dispatcher.portableClasses();
    }

    /**
     * The background tasks of this runtime, for tests: wait for them, run them step by step in
     * {@link TaskExecution#DETERMINISTIC} mode, inject their faults (TASK-01..25).
     *
     * @return the task control
     */
    public BackgroundTasks tasks() {
        return tasks;
    }

    /**
     * A new browser window, with a session of its own (SESS-01).
     *
     * @return the browser
     */
    public SimulatedBrowser browser() {
        return new SimulatedBrowser(open(), http);
    }

    /**
     * New server code calling functions, trusted (CALL-14).
     *
     * @return the caller
     */
    public SimulatedServerModule serverModule() {
        return new SimulatedServerModule(open());
    }

    /**
     * A new uplink connected with the server key (UPL-08).
     *
     * @return the uplink
     */
    public SimulatedUplink uplink() {
        return new SimulatedUplink(open());
    }

    /**
     * A new uplink connected with the client key (UPL-07).
     *
     * @return the uplink
     */
    public SimulatedClientUplink clientUplink() {
        return new SimulatedClientUplink(open());
    }

    /**
     * A new HTTP client, in memory: it sends requests to the app's endpoints without a socket,
     * with the same results as over {@link #listen()} (HTTP-01..29), and calls functions by name as
     * an untrusted {@code http} caller without a browser session (CTX-04, HTTP-29).
     *
     * @return the client
     */
    public SimulatedHttp http() {
        return new SimulatedHttp(open(), http);
    }

    /**
     * A new background task whose code calls functions, in its own fresh session (SESS-14).
     *
     * @return the caller
     */
    public SimulatedBackgroundTask backgroundTask() {
        return new SimulatedBackgroundTask(open());
    }

    /**
     * A new incoming email handler, untrusted (CTX-05).
     *
     * @return the caller
     */
    public SimulatedEmail email() {
        return new SimulatedEmail(open());
    }

    /**
     * A new scheduler-launched task, untrusted (CTX-08, Q-02).
     *
     * @return the caller
     */
    public SimulatedScheduledTask scheduledTask() {
        return new SimulatedScheduledTask(open());
    }

    /**
     * The clock the runtime reads.
     *
     * @return the clock
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public Clock clock() {
        return dispatcher.config().clock();
    }

    /**
     * The fake clock the runtime reads, to advance time.
     *
     * @return the fake clock
     * @throws IllegalStateException if the runtime was built with another clock
     */
    public FakeClock fakeClock() {
        if (dispatcher.config().clock() instanceof FakeClock fake) {
            return fake;
        }
        throw new IllegalStateException("This runtime reads " + dispatcher.config().clock()
                + ", not a FakeClock; build it with AnvilRuntime.builder().clock(FakeClock.create())");
    }

    /**
     * Takes the app offline for browsers, or back online: their calls raise
     * {@code AppOfflineError} and {@code isAppOnline()} is false (CALL-19, MISC-02).
     *
     * @param offline true to go offline
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the SPI's faults switch the app offline through RuntimeFaults)")
    public void setAppOffline(boolean offline) {
        dispatcher.appOffline(offline);
    }

    /**
     * Exhausts the quota, or restores it: every call raises {@code QuotaExceededError}.
     *
     * @param exceeded true to exhaust
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the SPI's faults exceed the quota through RuntimeFaults)")
    public void setQuotaExceeded(boolean exceeded) {
        dispatcher.quotaExceeded(exceeded);
    }

    /**
     * The per-call time limit (ERR-06).
     *
     * @return the limit; zero for none
     */
    public Duration callTimeout() {
        return dispatcher.config().callTimeout();
    }

    /**
     * How long a session may stay idle before it expires (SESS-10).
     *
     * @return the idle limit
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public Duration sessionTimeout() {
        return dispatcher.config().sessionTimeout();
    }

    /**
     * What one client may hold of the {@linkplain #listen() listener}: connections, timeouts,
     * calls and unfinished Media of an uplink connection.
     *
     * @return the limits this runtime was built with
     */
    @OutsideTheSpecification("the listener's limits (ListenerLimits), which no clause states")
    public ListenerLimits listenerLimits() {
        return listenerLimits;
    }

    /**
     * The time zone of server code, which stamps naive date-times it sends (SER-09).
     *
     * @return the zone
     */
    public ZoneId zone() {
        return dispatcher.config().zone();
    }

    /**
     * Stops the runtime: later calls and registrations fail, and no thread it started is left.
     * Background tasks still running end as failed with {@code ExecutionTerminatedError}
     * (TASK-23); their threads are interrupted and joined for at most the
     * {@linkplain Builder#taskShutdownGrace(Duration) shutdown grace}, and task code that ignores
     * the interruption is reported in {@link BackgroundTasks#threadsLeftAfterClose()}.
     */
    @Override
    @OutsideTheSpecification("the runtime's own lifecycle: no clause speaks of closing a runtime")
    public void close() {
        if (!closed) {
            closed = true;
            try {
                synchronized (this) {
                    if (control != null) {
                        control.close();
                    }
                }
                taskManager.close();
                uplinks.close();
                http.close();
            } finally {
                detachClock.run();
                dispatcher.close();
            }
        }
    }

    /**
     * Settings of a runtime. Defaults: a {@link FakeClock#create() fake clock}, server time zone
     * UTC, a 30-second call timeout (ERR-06), sessions expiring after 30 idle minutes (SESS-10),
     * app origin {@code http://localhost:3030}; background tasks on threads of their own, without
     * a run-time limit (TASK-22), keeping the 1000 most recent finished tasks (TASK-25), and a
     * 5-second shutdown grace for task threads.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Clock clock;
        private ZoneId zone = ZoneOffset.UTC;
        private Duration callTimeout = Duration.ofSeconds(30);
        private boolean abandonCallsAtDeadline;
        private Duration sessionTimeout = Duration.ofMinutes(30);
        private String appOrigin = "http://localhost:3030";
        private int maxHttpBody = HttpService.DEFAULT_MAX_BODY;
        private TaskExecution taskExecution = TaskExecution.THREADS;
        private int taskRetention = 1000;
        private Duration backgroundTaskTimeout = Duration.ZERO;
        private Duration taskShutdownGrace = Duration.ofSeconds(5);
        private boolean recordCalls;
        private int journalCapacity = Integer.MAX_VALUE;
        private String adminToken;
        private final Map<String, String> secrets = new java.util.LinkedHashMap<>();
        private String uplinkKey;
        private String clientUplinkKey;
        private Duration uplinkStallTimeout = Duration.ofSeconds(30);
        private ListenerLimits listenerLimits = ListenerLimits.defaults();
        private int appLogCapacity = AppLog.DEFAULT_CAPACITY;
        private final List<Consumer<AppLog.Entry>> appLogListeners = new ArrayList<>();

        private Builder() {}

        /**
         * How many entries the {@linkplain AnvilRuntime#appLog() app log} keeps, the newest; older
         * ones are dropped and counted. Defaults to {@link AppLog#DEFAULT_CAPACITY}.
         *
         * @param capacity the bound, at least 1
         * @return this builder
         */
        public Builder appLogCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("appLogCapacity must be at least 1: " + capacity);
            }
            this.appLogCapacity = capacity;
            return this;
        }

        /**
         * Follows the {@linkplain AnvilRuntime#appLog() app log} as it grows, e.g. to print each
         * entry to a console: {@code listener} gets every entry once it is kept, on the thread
         * that wrote it (entries written at the same time on several threads may reach it out of
         * order; {@link AppLog.Entry#sequence()} tells the order). It must be thread-safe and
         * quick; an exception it throws is logged and ignored. Several listeners are called in the
         * order they were added.
         *
         * @param listener told of each entry
         * @return this builder
         */
        public Builder appLogListener(Consumer<AppLog.Entry> listener) {
            appLogListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Whether to record every call in the runtime's {@link AnvilRuntime#journal() journal};
         * off by default, so long-running runtimes keep no history.
         *
         * @param recordCalls true to record
         * @return this builder
         */
        public Builder recordCalls(boolean recordCalls) {
            this.recordCalls = recordCalls;
            return this;
        }

        /**
         * How many calls the {@linkplain AnvilRuntime#journal() journal} keeps, the newest; older
         * ones are dropped and counted ({@link CallJournal#dropped()}). All by default; serve mode
         * keeps 1000 ({@code --journal-size}), so that a long-running server holds no unbounded
         * history of arguments and Media.
         *
         * @param capacity the bound, at least 1
         * @return this builder
         * @since 0.1
         */
        public Builder journalCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("journalCapacity must be at least 1: " + capacity);
            }
            this.journalCapacity = capacity;
            return this;
        }

        /**
         * The admin token of the {@linkplain AnvilRuntime#controlUri() control API}: when set, every
         * control request must carry {@code Authorization: Bearer <token>} (401 otherwise), from
         * any client; when {@code null} (the default), only clients on this machine may use it,
         * addressing it by a loopback name, and not from web pages of other origins.
         *
         * @param token the token, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if the token is empty
         * @since 0.1
         */
        public Builder adminToken(String token) {
            if (token != null && token.isEmpty()) {
                throw new IllegalArgumentException("adminToken must not be empty");
            }
            this.adminToken = token;
            return this;
        }

        /**
         * How long, in real time, a message to an uplink may wait for the uplink to read what was
         * sent before; an uplink that stays stalled longer is disconnected and its calls fail with
         * {@code UplinkDisconnectedError}. Defaults to 30 seconds.
         *
         * @param timeout the limit
         * @return this builder
         */
        public Builder uplinkStallTimeout(Duration timeout) {
            this.uplinkStallTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * What one client may hold of the {@linkplain AnvilRuntime#listen() listener}: open
         * connections, timeouts, an uplink connection's calls at once and its unfinished Media.
         * Defaults to {@link ListenerLimits#defaults()}.
         *
         * @param limits the limits
         * @return this builder
         */
        @OutsideTheSpecification("the listener's limits (ListenerLimits), which no clause states")
        public Builder listenerLimits(ListenerLimits limits) {
            this.listenerLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * An app secret that server code reads with
         * {@link dev.anvilcheck.secrets.Secrets#getSecret(String)} ({@code anvil.secrets}).
         *
         * @param name the secret's name
         * @param value its value
         * @return this builder
         */
        @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so"
                + " the SPI cannot reach it (the app's secrets)")
        public Builder secret(String name, String value) {
            secrets.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The server uplink key ({@code --uplink-key} of the App Server): uplinks that connect to
         * {@link AnvilRuntime#uplinkUri()} with it are trusted (UPL-08). None by default.
         *
         * @param key the key, or {@code null} for none
         * @return this builder
         */
        public Builder uplinkKey(String key) {
            this.uplinkKey = key;
            return this;
        }

        /**
         * The client uplink key ({@code --client-uplink-key}): uplinks that connect with it have a
         * browser's rights (UPL-07). None by default.
         *
         * @param key the key, or {@code null} for none
         * @return this builder
         */
        public Builder clientUplinkKey(String key) {
            this.clientUplinkKey = key;
            return this;
        }

        /**
         * The largest HTTP request body endpoints accept; a larger one gets status 413. Defaults to
         * 256 MiB, the platform's limit.
         *
         * @param bytes the limit in bytes
         * @return this builder
         */
        public Builder maxHttpBody(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxHttpBody must not be negative: " + bytes);
            }
            this.maxHttpBody = bytes;
            return this;
        }

        /**
         * How background tasks run: on threads of their own (the default) or queued until a test
         * runs them (TASK-01).
         *
         * @param taskExecution the mode
         * @return this builder
         */
        public Builder taskExecution(TaskExecution taskExecution) {
            this.taskExecution = Objects.requireNonNull(taskExecution, "taskExecution");
            return this;
        }

        /**
         * How many finished background tasks to keep; older ones are discarded when the next task is
         * launched (TASK-25; the App Server keeps 1000).
         *
         * @param taskRetention the bound, not negative
         * @return this builder
         */
        public Builder taskRetention(int taskRetention) {
            if (taskRetention < 0) {
                throw new IllegalArgumentException("taskRetention must not be negative: " + taskRetention);
            }
            this.taskRetention = taskRetention;
            return this;
        }

        /**
         * The run-time limit of a background task by the runtime's clock, past which it fails with
         * {@code TimeoutError}; {@link Duration#ZERO} (the default, as the App Server) for none
         * (TASK-22, Q-13).
         *
         * @param backgroundTaskTimeout the limit
         * @return this builder
         */
        public Builder backgroundTaskTimeout(Duration backgroundTaskTimeout) {
            Objects.requireNonNull(backgroundTaskTimeout, "backgroundTaskTimeout");
            if (backgroundTaskTimeout.isNegative()) {
                throw new IllegalArgumentException("backgroundTaskTimeout must not be negative: "
                        + backgroundTaskTimeout);
            }
            this.backgroundTaskTimeout = backgroundTaskTimeout;
            return this;
        }

        /**
         * How long {@link AnvilRuntime#close()} waits, in real time, for interrupted task threads to
         * end before it reports those that ignore the interruption.
         *
         * @param taskShutdownGrace the grace, not negative
         * @return this builder
         */
        public Builder taskShutdownGrace(Duration taskShutdownGrace) {
            Objects.requireNonNull(taskShutdownGrace, "taskShutdownGrace");
            if (taskShutdownGrace.isNegative()) {
                throw new IllegalArgumentException("taskShutdownGrace must not be negative: " + taskShutdownGrace);
            }
            this.taskShutdownGrace = taskShutdownGrace;
            return this;
        }

        /**
         * The clock; a {@link FakeClock} lets tests drive time.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The time zone of server code (SER-09).
         *
         * @param zone the zone
         * @return this builder
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /**
         * The per-call time limit (ERR-06, Q-13); {@link Duration#ZERO} for none.
         *
         * @param callTimeout the limit
         * @return this builder
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
            return this;
        }

        /**
         * Whether a caller gets {@code TimeoutError} at the call's deadline even when server code
         * ignores interruption, as on the App Server, which kills its worker then (ERR-06). When
         * on, a call with a deadline runs its body on a worker thread, which costs a thread
         * hand-off (microseconds) per call; the body's thread is interrupted at the deadline and
         * what it does afterwards is discarded. When off (the default), the body runs on the
         * caller's thread, is interrupted at the deadline, and the caller gets
         * {@code TimeoutError} when the body returns: the same outcome for code that stops when
         * interrupted, as blocking calls and the fake clock's waits do; turning it on also moves
         * server code off the caller's thread (its ThreadLocals and thread identity). Serve mode and the
         * conformance suite's reference runtime turn it on.
         *
         * @param abandon whether to run bodies apart and abandon them at their deadline
         * @return this builder
         */
        public Builder abandonCallsAtDeadline(boolean abandon) {
            this.abandonCallsAtDeadline = abandon;
            return this;
        }

        /**
         * How long a session may stay idle before it expires (SESS-10).
         *
         * @param sessionTimeout the idle limit
         * @return this builder
         */
        public Builder sessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = Objects.requireNonNull(sessionTimeout, "sessionTimeout");
            return this;
        }

        /**
         * The app origin that {@code getAppOrigin()} returns (MISC-01).
         *
         * @param appOrigin the origin, e.g. {@code http://localhost:3030}
         * @return this builder
         */
        public Builder appOrigin(String appOrigin) {
            this.appOrigin = Objects.requireNonNull(appOrigin, "appOrigin");
            return this;
        }

        /**
         * Builds the runtime.
         *
         * @return the runtime
         */
        public AnvilRuntime build() {
            if (clock == null) {
                clock = FakeClock.create();
            }
            return new AnvilRuntime(this);
        }
    }
}
