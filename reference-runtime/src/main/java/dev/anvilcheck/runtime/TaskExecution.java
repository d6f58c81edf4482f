package dev.anvilcheck.runtime;

/**
 * How an {@link AnvilRuntime} runs background tasks; both give the same observable semantics
 * (TASK-01..25).
 *
 * @since 0.1
 */
public enum TaskExecution {
    /**
     * Each launched task starts at once on a daemon thread of its own and runs concurrently with
     * its launcher, as on the platform. Killing a task interrupts its thread; closing the runtime
     * interrupts and joins every task thread.
     */
    THREADS,
    /**
     * Launched tasks wait in a queue until a test runs them, one at a time and in launch order, on
     * the test's thread ({@link BackgroundTasks#runNext()}, {@link BackgroundTasks#runAll()}): no
     * thread is started, and with a {@link FakeClock} every run is reproducible.
     */
    DETERMINISTIC
}
