package dev.anvilcheck.tck.broken;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.ReferenceRuntimeAdapter;
import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.TaskControl;
import dev.anvilcheck.spi.TimeControl;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.spi.UplinkEndpoint;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A runtime that behaves as the reference runtime, except where a subclass breaks one clause on
 * purpose (CONVENTIONS 4): subclasses override {@link #register}, {@link #registerModule}, {@link #call}, {@link #addEventHandler},
 * {@link #start()}, {@link #features()}, {@link #task(Task)} (every task handle a caller obtains passes
 * through it) or {@link #getBackgroundTask(Caller, String)}; or one of the runtime-side hooks:
 * {@link #scope(CallScope)} (what server code sees while it runs), {@link #startReference()},
 * {@link #caller(RuntimeUnderTest, CallerKind)}, {@link #uplink(RuntimeUnderTest, UplinkCaller)},
 * {@link #registerBackgroundTask}, {@link #launchBackgroundTask}, {@link #resetSession},
 * {@link #isAppOnline}, {@link #faults(RuntimeUnderTest)}, {@link #context(Caller)}, {@link #newCapability}, {@link #callTimeout(RuntimeUnderTest)} and {@link #time(RuntimeUnderTest)}. Each subclass carries {@link Breaks} naming the clause it breaks.
 */
public abstract class DelegatingProvider implements RuntimeProvider {
    private final RuntimeProvider reference = new ReferenceRuntimeProvider();

    @Override
    public String name() {
        return getClass().getSimpleName();
    }

    @Override
    public Set<Feature> features() {
        return reference.features();
    }

    /** Registers a server function in the runtime under test; override to break AUTH or CALL clauses. */
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        rt.register(name, requireUser, body);
    }

    /** Registers a server module; override to break CALL-06 or CALL-24. */
    protected void registerModule(RuntimeUnderTest rt, Object module) {
        rt.registerModule(module);
    }

    /** Registers an HTTP endpoint; override to break what endpoints receive (HTTP clauses). */
    protected void registerEndpoint(RuntimeUnderTest rt, Endpoint endpoint, ServerFunction body) {
        rt.registerEndpoint(endpoint, body);
    }

    /** Sends an HTTP request in memory; override to break what HTTP clients observe. */
    protected RawHttpResponse send(HttpSender sender, RawHttpRequest request) {
        return sender.send(request);
    }

    /** Makes a call through a caller; override to break what callers observe. */
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        return caller.call(fnName, arguments);
    }

    /** A task handle as callers hand it to the suite; override (usually with a {@link TaskWrapper}) to break TASK clauses. */
    protected Task task(Task task) {
        return task;
    }

    /** Looks a task up through a caller; override to break TASK-19. */
    protected Task getBackgroundTask(Caller caller, String id) {
        return task(caller.getBackgroundTask(id));
    }

    /** Starts the reference runtime that this runtime delegates to; override to configure it differently. */
    protected RuntimeUnderTest startReference() {
        return reference.start();
    }

    /**
     * The reference runtime with every body run on its caller's thread (it does not abandon calls
     * at their deadline, ERR-06), for a broken runtime that hands data from a call to the body it
     * runs through a {@link ThreadLocal}.
     */
    protected static RuntimeUnderTest referenceOnTheCallersThread() {
        return ReferenceRuntimeAdapter.adapt(AnvilRuntime.builder().clock(FakeClock.create()).uplinkKey("s")
                .clientUplinkKey("c").abandonCallsAtDeadline(false).build());
    }

    /**
     * The call scope server code sees while a registered function, task or endpoint runs; override
     * (usually with a {@link DelegatingScope}) to break what the runtime presents to server code.
     */
    protected CallScope scope(CallScope real) {
        return real;
    }

    /** Makes a call through a caller, knowing the runtime; override to break what callers observe. */
    protected Object call(RuntimeUnderTest rt, Caller caller, String fnName, Arguments arguments) {
        return call(caller, fnName, arguments);
    }

    /** The context a caller's own code sees outside any call; override to break CTX-02, CTX-10 or CTX-11. */
    protected dev.anvilcheck.server.CallContext context(Caller caller) {
        return caller.context();
    }

    /** Constructs a capability in a caller's own code; override to break CAP-03. */
    protected dev.anvilcheck.server.Capability newCapability(Caller caller, List<?> scope) {
        return caller.newCapability(scope);
    }

    /** A new caller of the given kind; override to break how callers and their sessions are made. */
    protected Caller caller(RuntimeUnderTest rt, CallerKind kind) {
        return rt.caller(kind);
    }

    /** A new server uplink; override to break what uplinks do. */
    protected UplinkCaller uplink(RuntimeUnderTest rt, UplinkCaller uplink) {
        return uplink;
    }

    /** Registers a background task's function; override to break TASK clauses. */
    protected void registerBackgroundTask(RuntimeUnderTest rt, String name, ServerFunction body) {
        rt.registerBackgroundTask(name, body);
    }

    /** Launches a background task through a caller; override to break TASK-01..03. */
    protected Task launchBackgroundTask(RuntimeUnderTest rt, Caller caller, String fnName, Arguments arguments) {
        return task(caller.launchBackgroundTask(fnName, arguments));
    }

    /** The per-call time limit the runtime declares; override to declare one it does not enforce. */
    protected Duration callTimeout(RuntimeUnderTest rt) {
        return rt.callTimeout();
    }

    /** The runtime's clock as the suite controls it; override to break {@link Feature#TIME_CONTROL}. */
    protected TimeControl time(RuntimeUnderTest rt) {
        return rt.time();
    }

    /** A browser's {@code reset_session()}; override to break SESS-12. */
    protected void resetSession(BrowserCaller browser) {
        browser.resetSession();
    }

    /** The fault switches the suite is given; override to break ERR-04, ERR-12 or CALL-19. */
    protected Faults faults(RuntimeUnderTest rt) {
        return rt.faults();
    }

    /** What {@code is_app_online()} answers a browser; override to break MISC-02. */
    protected boolean isAppOnline(BrowserCaller browser) {
        return browser.isAppOnline();
    }

    private ServerFunction scoped(ServerFunction body) {
        return arguments -> {
            CallScope real = CallScope.current();
            CallScope presented = real == null ? null : scope(real);
            if (presented == null || presented == real) {
                return body.invoke(arguments);
            }
            try (CallScope.Binding binding = CallScope.bind(presented)) {
                return body.invoke(arguments);
            }
        };
    }

    private static Task unwrap(Task task) {
        Task t = task;
        while (t instanceof TaskWrapper w) {
            t = w.delegate;
        }
        return t;
    }

    /** A task handle that delegates every method; subclasses override the ones they break. */
    protected static class TaskWrapper implements Task {
        private final Task delegate;

        protected TaskWrapper(Task delegate) {
            this.delegate = delegate;
        }

        protected Task delegate() {
            return delegate;
        }

        @Override
        public String getId() {
            return delegate.getId();
        }

        @Override
        public String getTaskName() {
            return delegate.getTaskName();
        }

        @Override
        public OffsetDateTime getStartTime() {
            return delegate.getStartTime();
        }

        @Override
        public Map<String, Object> getState() {
            return delegate.getState();
        }

        @Override
        public String getTerminationStatus() {
            return delegate.getTerminationStatus();
        }

        @Override
        public Object getReturnValue() {
            return delegate.getReturnValue();
        }

        @Override
        public RuntimeException getError() {
            return delegate.getError();
        }

        @Override
        public boolean isRunning() {
            return delegate.isRunning();
        }

        @Override
        public boolean isCompleted() {
            return delegate.isCompleted();
        }

        @Override
        public void kill() {
            delegate.kill();
        }
    }

    /** Adds a browser's server-event handler; override to break MISC-05. */
    protected void addEventHandler(BrowserCaller browser, String eventName, Consumer<Object> handler) {
        browser.addEventHandler(eventName, handler);
    }

    @Override
    public RuntimeUnderTest start() {
        RuntimeUnderTest rt = startReference();
        return new RuntimeUnderTest() {
            @Override
            public void register(String name, RequireUser requireUser, ServerFunction body) {
                DelegatingProvider.this.register(rt, name, requireUser, scoped(body));
            }

            @Override
            public void registerModule(Object module) {
                DelegatingProvider.this.registerModule(rt, module);
            }

            @Override
            public void registerBackgroundTask(String name, ServerFunction body) {
                DelegatingProvider.this.registerBackgroundTask(rt, name, scoped(body));
            }

            @Override
            public TaskControl tasks() {
                TaskControl tasks = rt.tasks();
                return new TaskControl() {
                    @Override
                    public boolean awaitTermination(Task task, Duration timeout) {
                        return tasks.awaitTermination(unwrap(task), timeout);
                    }

                    @Override
                    public int retention() {
                        return tasks.retention();
                    }

                    @Override
                    public int pending() {
                        return tasks.pending();
                    }

                    @Override
                    public int runPending() {
                        return tasks.runPending();
                    }

                    @Override
                    public void workerDies(Task task) {
                        tasks.workerDies(unwrap(task));
                    }

                    @Override
                    public void executorForgets(Task task) {
                        tasks.executorForgets(unwrap(task));
                    }
                };
            }

            @Override
            public Caller caller(CallerKind kind) {
                return new WrappedCaller(rt, DelegatingProvider.this.caller(rt, kind));
            }

            @Override
            public void registerPortableClass(Class<?> type, String name) {
                rt.registerPortableClass(type, name);
            }

            @Override
            public UplinkCaller uplink() {
                return DelegatingProvider.this.uplink(rt, rt.uplink());
            }

            @Override
            public void registerEndpoint(Endpoint endpoint, ServerFunction body) {
                DelegatingProvider.this.registerEndpoint(rt, endpoint, scoped(body));
            }

            @Override
            public HttpSender http() {
                HttpSender sender = rt.http();
                return request -> DelegatingProvider.this.send(sender, request);
            }

            @Override
            public URI listen() {
                return rt.listen();
            }

            @Override
            public UplinkEndpoint uplinkEndpoint() {
                return rt.uplinkEndpoint();
            }

            @Override
            public void addUser(String email, String password, Object user) {
                rt.addUser(email, password, user);
            }

            @Override
            public ZoneId serverZone() {
                return rt.serverZone();
            }

            @Override
            public Duration callTimeout() {
                return DelegatingProvider.this.callTimeout(rt);
            }

            @Override
            public TimeControl time() {
                return DelegatingProvider.this.time(rt);
            }

            @Override
            public Faults faults() {
                return DelegatingProvider.this.faults(rt);
            }

            @Override
            public void close() {
                rt.close();
            }
        };
    }

    private final class WrappedCaller extends ForwardingCaller implements BrowserCaller {
        private final RuntimeUnderTest rt;

        WrappedCaller(RuntimeUnderTest rt, Caller delegate) {
            super(delegate);
            this.rt = rt;
        }

        private BrowserCaller browser() {
            return (BrowserCaller) delegate;
        }

        @Override
        public Object call(String fnName, Arguments arguments) {
            return DelegatingProvider.this.call(rt, delegate, fnName, arguments);
        }

        @Override
        public Task launchBackgroundTask(String fnName, Arguments arguments) {
            return DelegatingProvider.this.launchBackgroundTask(rt, delegate, fnName, arguments);
        }

        @Override
        public dev.anvilcheck.server.Capability newCapability(List<?> scope) {
            return DelegatingProvider.this.newCapability(delegate, scope);
        }

        @Override
        public dev.anvilcheck.server.CallContext context() {
            return DelegatingProvider.this.context(delegate);
        }

        @Override
        public Task getBackgroundTask(String id) {
            return DelegatingProvider.this.getBackgroundTask(delegate, id);
        }

        @Override
        public List<Task> listBackgroundTasks(boolean allEnvironments) {
            List<Task> tasks = new ArrayList<>();
            for (Task task : delegate.listBackgroundTasks(allEnvironments)) {
                tasks.add(task(task));
            }
            return tasks;
        }

        @Override
        public Object callS(String fnName, Arguments arguments) {
            return browser().callS(fnName, arguments);
        }

        @Override
        public void resetSession() {
            DelegatingProvider.this.resetSession(browser());
        }

        @Override
        public boolean isAppOnline() {
            return DelegatingProvider.this.isAppOnline(browser());
        }

        @Override
        public int loadingIndicatorCount() {
            return browser().loadingIndicatorCount();
        }

        @Override
        public AutoCloseable noLoadingIndicator() {
            return browser().noLoadingIndicator();
        }

        @Override
        public void addEventHandler(String eventName, Consumer<Object> handler) {
            DelegatingProvider.this.addEventHandler(browser(), eventName, handler);
        }

        @Override
        public void removeEventHandler(String eventName, Consumer<Object> handler) {
            browser().removeEventHandler(eventName, handler);
        }

        @Override
        public String sessionCookie() {
            return browser().sessionCookie();
        }

        @Override
        public RawHttpResponse openPage(String path) {
            return browser().openPage(path);
        }

        @Override
        public Object startupData() {
            return browser().startupData();
        }
    }
}
