package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.tasks.TaskManager;
import dev.anvilcheck.server.Task;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A test's control over the background tasks of an {@link AnvilRuntime} ({@link AnvilRuntime#tasks()}):
 * wait for tasks to end, run queued tasks step by step in {@link TaskExecution#DETERMINISTIC}
 * mode, and inject the faults of TASK-23. Tasks themselves are launched by server code
 * ({@code AnvilServer.launchBackgroundTask}) or by trusted callers
 * ({@link SimulatedCaller#launchBackgroundTask(String, dev.anvilcheck.server.Arguments)}).
 *
 * <pre>{@code
 * AnvilRuntime runtime = AnvilRuntime.builder().taskExecution(TaskExecution.DETERMINISTIC).build();
 * Task task = runtime.serverModule().launchBackgroundTask("import_rows", 42);
 * runtime.tasks().pending();   // 1: it has not started
 * runtime.tasks().runNext();   // runs it to its end, on this thread
 * task.getTerminationStatus(); // "completed"
 * }</pre>
 *
 * @since 0.1
 */
public final class BackgroundTasks {
    private final TaskManager manager;

    BackgroundTasks(TaskManager manager) {
        this.manager = manager;
    }

    /**
     * How this runtime runs tasks.
     *
     * @return the execution mode
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public TaskExecution execution() {
        return manager.deterministic() ? TaskExecution.DETERMINISTIC : TaskExecution.THREADS;
    }

    /**
     * How many launched tasks wait to start; always 0 in {@link TaskExecution#THREADS} mode, where
     * tasks start at once.
     *
     * @return the number of pending tasks
     */
    @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built for"
            + " it, which the mutation run does not use")
    public int pending() {
        return manager.pending();
    }

    /**
     * Runs the oldest pending task on the calling thread, until its function ends
     * ({@link TaskExecution#DETERMINISTIC} mode).
     *
     * @return false if no task was pending
     * @throws IllegalStateException in {@link TaskExecution#THREADS} mode
     */
    @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built for"
            + " it, which the mutation run does not use")
    public boolean runNext() {
        return manager.runNext();
    }

    /**
     * Runs pending tasks, including those they launch, one after the other on the calling thread
     * until none is left ({@link TaskExecution#DETERMINISTIC} mode).
     *
     * @return how many tasks ran
     * @throws IllegalStateException in {@link TaskExecution#THREADS} mode
     */
    @OutsideTheSpecification("the deterministic task mode (TaskControl), reachable only with a provider built for"
            + " it, which the mutation run does not use")
    public int runAll() {
        return manager.runAll();
    }

    /**
     * Waits until {@code task} has a termination status (TASK-08), at most {@code timeout}. In
     * {@link TaskExecution#DETERMINISTIC} mode it first runs pending tasks, in launch order, until
     * this one ended. A killed task has ended even if its thread still runs.
     *
     * @param task the task
     * @param timeout the longest wait
     * @return whether the task ended
     */
    @OutsideTheSpecification("the suite's wait for a task to end (TaskControl), a harness hook no clause states:"
            + " a wrong answer shows as a failed or early wait, not as a clause's behaviour")
    public boolean awaitTermination(Task task, Duration timeout) {
        return manager.awaitTermination(Objects.requireNonNull(task, "task"),
                Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Waits until every launched task ended, at most {@code timeout}; in
     * {@link TaskExecution#DETERMINISTIC} mode it first runs every pending task.
     *
     * @param timeout the longest wait
     * @return whether every task ended
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (a wait for every task)")
    public boolean awaitAll(Duration timeout) {
        return manager.awaitAll(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * How many finished task records the runtime keeps; older ones are discarded when the next task
     * is launched (TASK-25).
     *
     * @return the retention bound
     */
    public int retention() {
        return manager.settings().retention();
    }

    /**
     * Simulates the death of the worker running {@code task} (TASK-23, ERR-07): a running task ends
     * as {@link Task#FAILED} with {@code ExecutionTerminatedError}, and its thread is interrupted.
     * No effect on a task that already ended.
     *
     * @param task the task
     */
    public void workerDies(Task task) {
        manager.workerDies(Objects.requireNonNull(task, "task"));
    }

    /**
     * Simulates the runtime losing track of {@code task} (TASK-23): a running task ends as
     * {@link Task#MISSING}, and its thread is interrupted. No effect on a task that already ended.
     *
     * @param task the task
     */
    public void executorForgets(Task task) {
        manager.executorForgets(Objects.requireNonNull(task, "task"));
    }

    /**
     * The threads of tasks whose code ignored being interrupted when the runtime closed and was still
     * running after the shutdown grace ({@link AnvilRuntime.Builder#taskShutdownGrace(Duration)}),
     * and still is. They are daemon threads; each ends when its code returns, and nothing it does
     * after the close is kept. Empty before the runtime is closed.
     *
     * @return the threads still alive
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the task threads left after close, a lifecycle check)")
    public List<Thread> threadsLeftAfterClose() {
        return manager.threadsLeftAfterClose();
    }

    /**
     * The threads running task functions right now ({@link TaskExecution#THREADS} mode), including
     * those of killed tasks whose code has not yet noticed.
     *
     * @return the threads
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the live task threads, a lifecycle check)")
    public List<Thread> liveThreads() {
        return manager.liveThreads();
    }
}
