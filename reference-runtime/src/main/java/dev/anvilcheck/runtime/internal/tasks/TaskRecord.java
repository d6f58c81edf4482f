package dev.anvilcheck.runtime.internal.tasks;

import dev.anvilcheck.runtime.internal.Origin;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.InTransit;
import dev.anvilcheck.value.Side;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The runtime's record of one background task: what was launched, and its one transition from
 * running to a terminal status, which never changes afterwards (TASK-08). While the task's
 * function runs, the record knows the thread running it, so that a kill can interrupt it
 * (TASK-15) and a caller can clear that interruption once the function is detached.
 */
final class TaskRecord {
    /** The terminal statuses (TASK-08). */
    enum Status {
        COMPLETED("completed"),
        FAILED("failed"),
        KILLED("killed"),
        MISSING("missing");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        String wire() {
            return wire;
        }
    }

    /**
     * What a task's handle reads, taken atomically.
     *
     * @param status the terminal status, or {@code null} while running
     * @param finalState the state kept at the end, or {@code null}
     * @param returnValue the return value of a completed task
     * @param error the error of a failed (or missing) task, or {@code null}
     */
    record View(Status status, Map<String, Object> finalState, Object returnValue, WireError error) {}

    private final String id;
    private final String name;
    private final Instant startTime;
    private final long sequence;
    private final Origin origin;
    private final String sessionId;
    private final InTransit<Arguments> arguments;
    private final LiveTaskState state = new LiveTaskState();
    private final CountDownLatch ended = new CountDownLatch(1);

    private Status status;
    private Map<String, Object> finalState;
    private Object returnValue;
    private WireError error;
    private Thread runner;
    private boolean started;
    private boolean onUplink;
    private boolean runnerInterrupted;
    private Side side;

    TaskRecord(String id, String name, Instant startTime, long sequence, Origin origin, String sessionId,
            InTransit<Arguments> arguments, Side side) {
        this.id = id;
        this.sessionId = sessionId;
        this.name = name;
        this.startTime = startTime;
        this.sequence = sequence;
        this.origin = origin;
        this.arguments = arguments;
        this.side = side;
    }

    String id() {
        return id;
    }

    /** @return the id of the task's session (SESS-14), for the app log */
    @OutsideTheSpecification("read only for the app log's lines, which no clause speaks of")
    String sessionId() {
        return sessionId;
    }

    String name() {
        return name;
    }

    Instant startTime() {
        return startTime;
    }

    long sequence() {
        return sequence;
    }

    Origin origin() {
        return origin;
    }

    /** @return the arguments the launcher sent, received by the task's function when it starts */
    InTransit<Arguments> arguments() {
        return arguments;
    }

    LiveTaskState state() {
        return state;
    }

    CountDownLatch ended() {
        return ended;
    }

    synchronized View view() {
        return new View(status, finalState, returnValue, error);
    }

    synchronized Status status() {
        return status;
    }

    /** @return the side the task's function runs on: the server's until it was resolved to an uplink's */
    synchronized Side side() {
        return side;
    }

    /**
     * Attaches the thread that is about to run the task's function.
     *
     * @return false if the task already ended (killed before it started), so it must not run
     */
    synchronized boolean start(Thread thread) {
        if (status != null) {
            return false;
        }
        started = true;
        runner = thread;
        return true;
    }

    /** Records where the function runs: on an uplink, tasks cannot be killed (TASK-18). */
    synchronized void resolved(boolean uplink, Side functionSide) {
        this.onUplink = uplink;
        this.side = functionSide;
    }

    /** @return whether the function has started and runs on an uplink (TASK-18) */
    synchronized boolean runsOnUplink() {
        return started && onUplink;
    }

    /**
     * Detaches the thread that ran the function.
     *
     * @return whether a termination interrupted that thread, so that its caller clears the flag
     */
    synchronized boolean detach() {
        runner = null;
        boolean interrupted = runnerInterrupted;
        runnerInterrupted = false;
        return interrupted;
    }

    /** @return whether {@code thread} still runs the function of this task although it has ended */
    synchronized boolean endedWhileRunOn(Thread thread) {
        return status != null && runner == thread;
    }

    /**
     * Moves the task to a terminal status, once (TASK-08). If the function still runs, its thread
     * is interrupted: nothing it does afterwards is kept (TASK-15). Waiters are released by
     * {@link #signalEnded()}.
     *
     * @param next the terminal status
     * @param keptState the final state, or {@code null}
     * @param value the return value, for a completed task
     * @param failure the error, or {@code null}
     * @return false if the task had already ended
     */
    boolean end(Status next, Map<String, Object> keptState, Object value, WireError failure) {
        synchronized (this) {
            if (status != null) {
                return false;
            }
            status = next;
            finalState = keptState;
            returnValue = value;
            error = failure;
            if (runner != null) {
                runner.interrupt();
                runnerInterrupted = true;
            }
        }
        return true;
    }

    /** Releases those waiting for the task to end; called once the manager has filed the ended record. */
    void signalEnded() {
        ended.countDown();
    }

    @Override
    @OutsideTheSpecification("a task record's rendering for log lines: no clause speaks of it")
    public String toString() {
        return "task " + id + " (" + name + ")";
    }
}
