package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.MethodBinder;
import dev.anvilcheck.runtime.internal.Registration;
import dev.anvilcheck.runtime.internal.RuntimeConfig;
import dev.anvilcheck.runtime.internal.ServerMethods;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

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
    private final Runnable detachClock;
    private volatile boolean closed;

    private AnvilRuntime(Builder builder) {
        RuntimeConfig config = new RuntimeConfig(builder.clock, builder.zone, builder.callTimeout,
                builder.sessionTimeout, builder.appOrigin);
        boolean fake = builder.clock instanceof FakeClock;
        this.dispatcher = new Dispatcher(config, fake);
        this.detachClock = fake ? ((FakeClock) builder.clock).onAdvance(dispatcher::clockAdvanced) : () -> { };
    }

    /**
     * A runtime with the defaults of {@link Builder}.
     *
     * @return the runtime
     */
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
     * CALL-24, AUTH-01..03). A later registration of a name replaces an earlier one (CALL-10).
     *
     * @param module an instance (instance and static methods) or a class (static methods)
     * @return this runtime
     * @throws IllegalArgumentException if the module has no {@code @Callable} method, or one
     *     cannot be bound
     */
    public AnvilRuntime register(Object module) {
        Objects.requireNonNull(module, "module");
        for (Registration r : MethodBinder.scan(module)) {
            open().registry().register(r);
        }
        return this;
    }

    /**
     * Registers a server function under {@code name}, callable by anybody.
     *
     * @param name the name
     * @param body the function
     * @return this runtime
     */
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
    public AnvilRuntime register(String name, RequireUser requireUser, ServerFunction body) {
        if (name == null) {
            throw new dev.anvilcheck.python.TypeError("A server function's name must be a string, not None");
        }
        open().registry().register(new Registration(name, requireUser, body, "server_module", null));
        return this;
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
    public AnvilRuntime registerPortableClass(Class<?> type) {
        return registerPortableClass(type, PortableClasses.defaultName(type));
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
    public AnvilRuntime registerPortableClass(Class<?> type, String name) {
        Dispatcher d = open();
        List<Registration> methods = ServerMethods.of(type, name == null ? "" : name);
        d.portableClasses().register(type, name);
        for (Registration r : methods) {
            d.registry().register(r);
        }
        return this;
    }

    /**
     * The portable classes server code of this runtime knows: the process-wide ones and those
     * registered with {@link #registerPortableClass(Class, String)} (PORT-02).
     *
     * @return the registry
     */
    public PortableClasses portableClasses() {
        return dispatcher.portableClasses();
    }

    /**
     * A new browser window, with a session of its own (SESS-01).
     *
     * @return the browser
     */
    public SimulatedBrowser browser() {
        return new SimulatedBrowser(open());
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
     * A new HTTP client whose every call is a request without a browser session (CTX-04, HTTP-29).
     *
     * @return the caller
     */
    public SimulatedHttp http() {
        return new SimulatedHttp(open());
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
    public void setAppOffline(boolean offline) {
        dispatcher.appOffline(offline);
    }

    /**
     * Exhausts the quota, or restores it: every call raises {@code QuotaExceededError}.
     *
     * @param exceeded true to exhaust
     */
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
     * The time zone of server code, which stamps naive date-times it sends (SER-09).
     *
     * @return the zone
     */
    public ZoneId zone() {
        return dispatcher.config().zone();
    }

    /**
     * Stops the runtime: later calls and registrations fail, and no thread it started is left.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            detachClock.run();
            dispatcher.close();
        }
    }

    /**
     * Settings of a runtime. Defaults: a {@link FakeClock#create() fake clock}, server time zone
     * UTC, a 30-second call timeout (ERR-06), sessions expiring after 30 idle minutes (SESS-10),
     * app origin {@code http://localhost:3030}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Clock clock;
        private ZoneId zone = ZoneOffset.UTC;
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration sessionTimeout = Duration.ofMinutes(30);
        private String appOrigin = "http://localhost:3030";

        private Builder() {}

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
