package dev.anvilcheck.tck.wire;

import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.TaskControl;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How the suite waits for background tasks of a runtime it reaches only over the wire (TASK-08,
 * TASK-25). The Uplink protocol tells nobody when a task ends, so {@link #awaitTermination} asks the
 * task's live handle for its termination status ({@code get_termination_status}, a LiveObject call,
 * Uplink protocol §3.4, §4.6) until it has one, pausing between questions from 1 ms, doubling up to
 * 64 ms, never past the timeout. The retention is what the target says its runtime keeps. A task's
 * faults (TASK-23) are asked of the target's control API, when it offers one ({@code POST
 * /faults/task}): the runtime loses track of a task wherever it runs; a worker dies only under a task
 * server code runs, and the suite's tasks run on its uplink, so the API refuses that one (409).
 */
final class WireTasks implements TaskControl {
    private static final long FIRST_PAUSE = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LONGEST_PAUSE = TimeUnit.MILLISECONDS.toNanos(64);

    private final int retention;
    private final WireControl control;

    WireTasks(int retention, WireControl control) {
        this.retention = retention;
        this.control = control;
    }

    @Override
    public void workerDies(Task task) {
        control("workerDies").taskFault(task.getId(), "worker-dies");
    }

    @Override
    public void executorForgets(Task task) {
        control("executorForgets").taskFault(task.getId(), "executor-forgets");
    }

    private WireControl control(String operation) {
        if (control == null) {
            throw new UnsupportedOperationException(operation + " needs the target's anvilcheck control API; name it"
                    + " with -D" + WireTarget.CONTROL_PROPERTY + "=http://HOST:PORT/_/control");
        }
        return control;
    }

    @Override
    public boolean awaitTermination(Task task, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE;
        while (task.getTerminationStatus() == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE);
        }
        return true;
    }

    @Override
    public int retention() {
        return retention;
    }
}
