package dev.anvilcheck.runtime.internal.tasks;

import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.Ids;
import dev.anvilcheck.runtime.internal.Launcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.Registration;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.runtime.internal.TaskService;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.InTransit;
import dev.anvilcheck.value.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The background tasks of one runtime (TASK-01..25). Launching checks the launcher's trust
 * (TASK-02), copies the arguments as a call would (TASK-04, CALL-20), creates the task's record and
 * a fresh session of type {@code background_task} without a user (SESS-14, AUTH-05), and starts
 * the task: on a thread of its own, or, in deterministic mode, by queueing it until a test runs it.
 * The task's function is resolved as {@code task:<name>} when it starts (CALL-12, TASK-03) and runs
 * through the dispatcher above the launcher's frames (CTX-08), with the task's id in its context
 * (CTX-09). When it ends, its status, state and result are recorded once (TASK-08, TASK-13,
 * TASK-21, Q-12). Killing interrupts the function's thread (TASK-15); closing the runtime ends
 * every running task as failed with {@code ExecutionTerminatedError} (TASK-23), interrupts and
 * joins every task thread for at most the shutdown grace, and reports the threads that ignored the
 * interruption. Finished records beyond the retention bound are discarded on launch (TASK-25).
 */
public final class TaskManager implements TaskService, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TaskManager.class.getName());
    private static final String TASK_CLIENT_TYPE = "background_task";
    /** The platform's message for a task's return value it cannot record (TASK-21). */
    private static final String UNRECORDABLE = "The state or return value could not be serialised";

    private final Dispatcher dispatcher;
    private final TaskSettings settings;
    private final Object lock = new Object();
    private final Map<String, TaskRecord> records = new LinkedHashMap<>();
    private final TreeMap<Long, TaskRecord> finished = new TreeMap<>();
    private final Deque<TaskRecord> queue = new ArrayDeque<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private long sequence;
    private boolean closed;
    private volatile boolean handlesIssued;
    private volatile List<Thread> stragglers = List.of();

    /**
     * @param dispatcher the runtime's dispatcher, which runs the tasks' functions
     * @param settings how tasks run
     */
    public TaskManager(Dispatcher dispatcher, TaskSettings settings) {
        this.dispatcher = dispatcher;
        this.settings = settings;
    }

    /** @return how tasks run */
    public TaskSettings settings() {
        return settings;
    }

    TaskRecord record(String id) {
        synchronized (lock) {
            return records.get(id);
        }
    }

    private TaskRecord recordOf(Task task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        return record(task.getId());
    }

    // ------------------------------------------------------------------ TaskService

    @Override
    public Task launch(Launcher launcher, String fnName, Arguments arguments) {
        if (launcher.browser()) {
            throw new RuntimeError("Cannot launch Background Tasks from client code.");
        }
        if (!launcher.trusted()) {
            throw new BackgroundTaskError("Can't launch background tasks from the client.");
        }
        if (fnName == null) {
            throw new TypeError("anvil.server.launch_background_task() needs a function name (str), not None");
        }
        InTransit<Arguments> sent = Crossing.from(launcher.side()).sendArguments(arguments);
        TaskRecord record;
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("This AnvilRuntime has been closed");
            }
            prune();
            String id = Ids.base32(25);
            while (records.containsKey(id)) {
                id = Ids.base32(25);
            }
            SessionRecord session = dispatcher.newSession(new ClientInfo(TASK_CLIENT_TYPE, null, null), id);
            record = new TaskRecord(id, fnName, dispatcher.config().clock().instant(), sequence++,
                    launcher.originIn(session), session.id(), sent, dispatcher.serverSide());
            records.put(id, record);
            if (settings.deterministic()) {
                queue.addLast(record);
            } else {
                startThread(record);
            }
        }
        handlesIssued = true;
        return new TaskHandle(this, record.id(), false);
    }

    private void startThread(TaskRecord record) {
        TaskRecord task = record;
        Thread thread = daemon(new Thread(() -> {
            try {
                execute(task);
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, "anvilcheck-task-" + record.id()));
        threads.add(thread);
        thread.start();
    }

    /** @return {@code thread}, which will not keep the JVM alive */
    @OutsideTheSpecification("a task thread does not keep the JVM alive: the runtime's lifecycle, which no clause states")
    private static Thread daemon(Thread thread) {
        thread.setDaemon(true);
        return thread;
    }

    /** Discards the oldest finished records beyond the retention bound (TASK-25). */
    private void prune() {
        while (finished.size() > settings.retention()) {
            TaskRecord oldest = finished.pollFirstEntry().getValue();
            records.remove(oldest.id());
        }
    }

    private static void checkManager(Launcher requester) {
        if (requester.browser()) {
            throw new RuntimeError("Cannot call this function from client code");
        }
        if (!requester.trusted()) {
            throw new BackgroundTaskError("Can't manage background tasks from the client");
        }
    }

    @Override
    public Task get(Launcher requester, String id) {
        checkManager(requester);
        if (id == null) {
            throw new TypeError("anvil.server.get_background_task() needs a task id (str), not None");
        }
        if (record(id) == null) {
            throw new BackgroundTaskNotFound("Background Task not found: " + id);
        }
        handlesIssued = true;
        return new TaskHandle(this, id, false);
    }

    @Override
    public List<Task> list(Launcher requester, boolean allEnvironments) {
        checkManager(requester);
        List<Task> tasks = new ArrayList<>();
        synchronized (lock) {
            for (String id : records.keySet()) {
                tasks.add(new TaskHandle(this, id, false));
            }
        }
        handlesIssued = true;
        return tasks;
    }

    @Override
    public Task handle(String id, boolean client) {
        handlesIssued = true;
        return new TaskHandle(this, id, client);
    }

    @Override
    public void checkAlive(String backgroundTaskId) {
        TaskRecord record = record(backgroundTaskId);
        if (record != null && record.endedWhileRunOn(Thread.currentThread())) {
            throw new ExecutionTerminatedError("Background task " + backgroundTaskId + " has already ended ("
                    + record.status().wire() + "); its code can make no more calls");
        }
    }

    @Override
    public Object toClient(Object value) {
        return handlesIssued ? TaskValues.toClient(value, this) : value;
    }

    // ------------------------------------------------------------------ running

    /** Runs a task's function on the current thread and records how it ended. */
    private void execute(TaskRecord record) {
        if (!record.start(Thread.currentThread())) {
            return;
        }
        Object result = null;
        Throwable failure = null;
        try {
            Registration registration = dispatcher.registry().resolve(BackgroundTask.NAME_PREFIX + record.name());
            record.resolved(registration.provider() != null, dispatcher.sideOf(registration));
            Duration limit = settings.timeout();
            Instant deadline = limit.isZero() ? null : dispatcher.config().clock().instant().plus(limit);
            result = dispatcher.runTask(record.origin(), registration, record.arguments(), record.state(), deadline,
                    this::recordable);
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            if (record.detach()) {
                Thread.interrupted();
            }
        }
        if (failure != null) {
            endUnsuccessfully(record, TaskRecord.Status.FAILED, keptState(record),
                    WireError.of(failure, dispatcher.exceptionTypes()), null, dispatcher.thrownBy(failure));
        } else if (result instanceof Unrecordable unrecordable) {
            endUnsuccessfully(record, TaskRecord.Status.FAILED, null,
                    new WireError(null, unrecordable.message(), List.of()), unrecordable.message(), null);
        } else {
            end(record, TaskRecord.Status.COMPLETED, keptState(record), result, null);
        }
    }

    /**
     * A task's return value as it is recorded, on the server's side (TASK-12, TASK-21): a copy, or,
     * for in-memory Media, which the platform cannot record, the failure it records instead with
     * no error type. Any other value that cannot cross fails the task with its
     * {@code SerializationError}, as a call's return value would.
     */
    private Object recordable(Object returned, Side task, CapabilityTranslator capabilities) {
        try {
            return Crossing.from(task).to(dispatcher.serverSide()).capabilities(capabilities)
                    .taskReturnValue(returned);
        } catch (SerializationError e) {
            if (UNRECORDABLE.equals(e.getMessage())) {
                return new Unrecordable(e.getMessage());
            }
            throw e;
        }
    }

    /** A return value the platform cannot record, and the message of the failure it records instead (TASK-21). */
    private record Unrecordable(String message) {}

    /** Server code's sides for task state: the state the task ends with, as kept. */
    private Map<String, Object> keptState(TaskRecord record) {
        return TaskValues.keptState(record.state(), record.side(), dispatcher.serverSide());
    }

    /** @return the side that reads task state and results: server code's (TASK-07, TASK-12) */
    Side serverSide() {
        return dispatcher.serverSide();
    }

    /**
     * Ends {@code record} as failed or missing, unless it has already ended, and then tells the app
     * log why ({@code detail}, {@code thrown}).
     */
    private void endUnsuccessfully(TaskRecord record, TaskRecord.Status status, Map<String, Object> state,
            WireError error, String detail, Throwable thrown) {
        if (end(record, status, state, null, error)) {
            dispatcher.events().task(record.name(), record.sessionId(), true, detail, thrown);
        }
    }

    private boolean end(TaskRecord record, TaskRecord.Status status, Map<String, Object> state, Object value,
            WireError error) {
        if (!record.end(status, state, value, error)) {
            return false;
        }
        synchronized (lock) {
            queue.remove(record);
            if (records.get(record.id()) == record) {
                finished.put(record.sequence(), record);
            }
        }
        record.signalEnded();
        return true;
    }

    /** Kills a task through one of its handles (TASK-15..18). */
    void kill(TaskHandle handle) {
        if (handle.client() && CallScope.current() == null) {
            throw new BackgroundTaskError("Can't manage background tasks from the client");
        }
        TaskRecord record = record(handle.getId());
        if (record == null || record.status() != null) {
            return;
        }
        if (record.runsOnUplink()) {
            dispatcher.events().task(record.name(), record.sessionId(), false, "Cannot kill background task "
                    + record.id() + ": it runs on an uplink, and keeps running", null);
            return;
        }
        end(record, TaskRecord.Status.KILLED, keptState(record), null, null);
    }

    // ------------------------------------------------------------------ control for tests

    /** @return whether tasks wait in a queue until a test runs them */
    @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built for"
            + " it, which the mutation run does not use")
    public boolean deterministic() {
        return settings.deterministic();
    }

    /** @return how many launched tasks wait to be run; always 0 when each task has a thread */
    @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built for"
            + " it, which the mutation run does not use")
    public int pending() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /**
     * Runs the oldest pending task on the calling thread until its function ends.
     *
     * @return false if no task was pending
     * @throws IllegalStateException if tasks run on threads of their own
     */
    @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built for"
            + " it, which the mutation run does not use")
    public boolean runNext() {
        if (!settings.deterministic()) {
            throw new IllegalStateException("Background tasks run on threads of their own in this runtime; build it"
                    + " with taskExecution(TaskExecution.DETERMINISTIC) to run them step by step");
        }
        TaskRecord next;
        synchronized (lock) {
            next = queue.pollFirst();
        }
        if (next == null) {
            return false;
        }
        execute(next);
        return true;
    }

    /**
     * Runs pending tasks, including those they launch, until none is left.
     *
     * @return how many ran
     */
    @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built for"
            + " it, which the mutation run does not use")
    public int runAll() {
        int ran = 0;
        while (runNext()) {
            ran++;
        }
        return ran;
    }

    /**
     * Waits until a task ended, at most {@code timeout}; in deterministic mode, first runs
     * pending tasks in launch order until it has.
     *
     * @param task the task
     * @param timeout the longest wait
     * @return whether it ended
     */
    @OutsideTheSpecification("TaskControl's wait for a task to end: the test harness's hook, which no clause states")
    public boolean awaitTermination(Task task, Duration timeout) {
        TaskRecord record = recordOf(task);
        if (record == null) {
            return true;
        }
        boolean ran = settings.deterministic();
        while (ran && record.status() == null) {
            ran = runNext();
        }
        try {
            return record.ended().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return record.status() != null;
        }
    }

    /**
     * Waits until no launched task is running any more, at most {@code timeout}; in
     * deterministic mode, first runs every pending task.
     *
     * @param timeout the longest wait
     * @return whether every task ended
     */
    @OutsideTheSpecification("the runtime's Java API's wait for every task, which the SPI never calls")
    public boolean awaitAll(Duration timeout) {
        if (settings.deterministic()) {
            runAll();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TaskRecord> all;
        synchronized (lock) {
            all = new ArrayList<>(records.values());
        }
        for (TaskRecord record : all) {
            try {
                if (!record.ended().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * The worker of a running task dies (TASK-23, ERR-07): the task fails with
     * {@code ExecutionTerminatedError} and its thread is interrupted.
     *
     * @param task the task
     */
    public void workerDies(Task task) {
        TaskRecord record = recordOf(task);
        if (record != null) {
            ExecutionTerminatedError error = new ExecutionTerminatedError(
                    "The worker running this background task died unexpectedly");
            endUnsuccessfully(record, TaskRecord.Status.FAILED, null, WireError.of(error), null, error);
        }
    }

    /**
     * The runtime loses track of a running task (TASK-23): it ends as missing, and its thread is
     * interrupted.
     *
     * @param task the task
     */
    public void executorForgets(Task task) {
        TaskRecord record = recordOf(task);
        if (record != null) {
            endUnsuccessfully(record, TaskRecord.Status.MISSING, null, null, "the runtime lost track of it (missing)",
                    null);
        }
    }

    /**
     * The threads of tasks whose functions had not ended when the runtime closed, although
     * interrupted; empty before {@link #close()}.
     *
     * @return those of them still alive
     */
    @OutsideTheSpecification("the task threads left after close: the lifecycle of the runtime's own API")
    public List<Thread> threadsLeftAfterClose() {
        List<Thread> alive = new ArrayList<>();
        for (Thread t : stragglers) {
            if (t.isAlive()) {
                alive.add(t);
            }
        }
        return alive;
    }

    /** @return the threads currently running task functions (thread mode) */
    @OutsideTheSpecification("the live task threads: the lifecycle of the runtime's own API")
    public List<Thread> liveThreads() {
        return new ArrayList<>(threads);
    }

    /**
     * Ends every running task as failed with {@code ExecutionTerminatedError} (TASK-23), drops the
     * queue, interrupts task threads and joins them for at most the shutdown grace; threads that
     * ignore the interruption are daemon threads, logged and reported by
     * {@link #threadsLeftAfterClose()}.
     */
    @Override
    @OutsideTheSpecification("the runtime's own lifecycle: no clause speaks of closing a runtime")
    public void close() {
        List<TaskRecord> running = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (TaskRecord record : records.values()) {
                if (record.status() == null) {
                    running.add(record);
                }
            }
            queue.clear();
        }
        for (TaskRecord record : running) {
            ExecutionTerminatedError error = new ExecutionTerminatedError(
                    "The runtime was closed while this background task was running");
            endUnsuccessfully(record, TaskRecord.Status.FAILED, null, WireError.of(error), null, error);
        }
        List<Thread> left = new ArrayList<>(threads);
        long deadline = System.nanoTime() + settings.shutdownGrace().toNanos();
        for (Thread thread : left) {
            thread.interrupt();
        }
        for (Thread thread : left) {
            long remaining = deadline - System.nanoTime();
            try {
                if (remaining > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Thread> alive = new ArrayList<>();
        for (Thread thread : left) {
            if (thread.isAlive()) {
                alive.add(thread);
            }
        }
        stragglers = List.copyOf(alive);
        if (!alive.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "{0} background task thread(s) ignored being interrupted and were"
                    + " still running {1} after the runtime closed: {2}. They are daemon threads and end when their"
                    + " code returns; their tasks are recorded as failed.", alive.size(), settings.shutdownGrace(),
                    alive);
        }
    }
}
