package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.control.ControlTarget;
import dev.anvilcheck.runtime.internal.http.HttpService;
import dev.anvilcheck.runtime.internal.uplink.UplinkServer;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.TimeControl;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The runtime as the control API ({@code internal.control}) sees it: the public layer adapts
 * itself to the API's {@link ControlTarget}, so that the internals never reach back to it.
 */
final class RuntimeControl implements ControlTarget {
    private final AnvilRuntime runtime;
    private final Dispatcher dispatcher;
    private final HttpService http;
    private final UplinkServer uplinks;
    private final CallJournal journal;

    RuntimeControl(AnvilRuntime runtime, Dispatcher dispatcher, HttpService http, UplinkServer uplinks,
            CallJournal journal) {
        this.runtime = runtime;
        this.dispatcher = dispatcher;
        this.http = http;
        this.uplinks = uplinks;
        this.journal = journal;
    }

    @Override
    public Caller newCaller(CallerKind kind) {
        return switch (kind) {
            case BROWSER -> runtime.browser();
            case HTTP -> runtime.http();
            case EMAIL -> runtime.email();
            case SCHEDULED_TASK -> runtime.scheduledTask();
            case CLIENT_UPLINK -> runtime.clientUplink();
            default -> throw new IllegalArgumentException("The control API does not create " + kind + " callers");
        };
    }

    @Override
    public void putCookie(Caller browser, boolean shared, String name, Object value) {
        Cookies jars = ((SimulatedBrowser) browser).cookies();
        (shared ? jars.shared() : jars.local()).put(name, value);
    }

    @Override
    public void expireSession(Caller caller) {
        runtime.faults().expireSession((SimulatedCaller<?>) caller);
    }

    @Override
    public boolean sessionExpired(Caller caller) {
        return dispatcher.expired(((SimulatedCaller<?>) caller).session);
    }

    @Override
    public Object userOf(Caller caller) {
        return ((SimulatedCaller<?>) caller).user();
    }

    @Override
    public TimeControl fakeClock() {
        return dispatcher.config().clock() instanceof FakeClock fake ? fake : null;
    }

    @Override
    public Instant now() {
        return dispatcher.config().clock().instant();
    }

    @Override
    public Duration callTimeout() {
        return runtime.callTimeout();
    }

    @Override
    public Duration sessionTimeout() {
        return runtime.sessionTimeout();
    }

    @Override
    public ZoneId zone() {
        return runtime.zone();
    }

    @Override
    public PortableClasses portableClasses() {
        return dispatcher.portableClasses();
    }

    @Override
    public void appOffline(boolean offline) {
        runtime.faults().appOffline(offline);
    }

    @Override
    public boolean appOffline() {
        return dispatcher.appOffline();
    }

    @Override
    public void quotaExceeded(boolean exceeded) {
        runtime.faults().quotaExceeded(exceeded);
    }

    @Override
    public void appLocked(boolean locked) {
        runtime.faults().appLocked(locked);
    }

    @Override
    public void workerDiesDuring(String function, boolean dies) {
        runtime.faults().workerDiesDuring(function, dies);
    }

    /**
     * A task's worker dies only if server code runs it: a task whose function an uplink provides runs
     * in the uplink's process, which the runtime cannot kill (as it cannot kill the task, TASK-18);
     * losing track of a task is the runtime's own, wherever the task runs (the App Server marks a
     * task its executor no longer knows {@code mia}, background_tasks.clj :: get-state).
     */
    @Override
    public Task taskFault(String id, TaskFault fault) {
        Task task = tasks().stream().filter(t -> t.getId().equals(id)).findFirst().orElse(null);
        if (task == null) {
            return null;
        }
        if (fault == TaskFault.WORKER_DIES) {
            if (dispatcher.registry().body("task:" + task.getTaskName()) == null) {
                throw new IllegalStateException("task " + id + " (" + task.getTaskName() + ") runs on an uplink, not"
                        + " on a worker of this runtime, so its worker cannot die");
            }
            runtime.tasks().workerDies(task);
        } else {
            runtime.tasks().executorForgets(task);
        }
        return task;
    }

    @Override
    public void timeOut(String function, boolean on) {
        if (dispatcher.registry().body(function) == null) {
            throw new IllegalArgumentException("No server function \"" + function + "\" is registered; registered: "
                    + new TreeSet<>(dispatcher.registry().serverNames()));
        }
        if (on) {
            runtime.faults().timeOut(function);
        } else {
            runtime.faults().delay(function, Duration.ZERO);
        }
    }

    @Override
    public void addUser(String email, String password, Object user) {
        runtime.addUser(email, password, user);
    }

    @Override
    public Object user(String email) {
        return http.accounts().user(email);
    }

    @Override
    public List<String> userEmails() {
        return http.accounts().emails();
    }

    @Override
    public List<String> serverFunctions() {
        return List.copyOf(new TreeSet<>(dispatcher.registry().serverNames()));
    }

    @Override
    public List<String> endpoints() {
        return http.endpointNames();
    }

    @Override
    public List<Uplink> uplinks() {
        return uplinks.connected().stream()
                .map(c -> new Uplink(c.id(), c.key(), c.remoteAddress(), c.since(), c.functions()))
                .toList();
    }

    @Override
    public boolean disconnectUplink(String id) {
        return uplinks.disconnect(id);
    }

    @Override
    public boolean recordsCalls() {
        return journal != null;
    }

    @Override
    public void onCall(Consumer<Call> listener) {
        journal.onRecorded(c -> listener.accept(new Call(c.sequence(), c.function(),
                c.invocation().name().toLowerCase(Locale.ROOT), c.caller().name().toLowerCase(Locale.ROOT),
                c.context() == null ? null : c.context().type(), c.user(), c.arguments(), c.returnValue(), c.error(),
                c.started(), c.duration())));
    }

    @Override
    public List<LogLine> log(long after) {
        return runtime.appLog().entriesAfter(after).stream()
                .map(e -> new LogLine(e.sequence(), e.time(), e.level().name(), e.source().name(), e.name(),
                        e.sessionId(), e.message(), e.stackTrace()))
                .toList();
    }

    @Override
    public long logDropped() {
        return runtime.appLog().dropped();
    }

    @Override
    public List<Task> tasks() {
        return runtime.serverModule().listBackgroundTasks(true);
    }
}
