package dev.anvilcheck.runtime.tasks;

import static dev.anvilcheck.server.AnvilServer.taskState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Background tasks on threads of their own ({@link TaskExecution#THREADS}): launching does not
 * wait (TASK-01), killing interrupts a blocked task from outside (TASK-15), and closing the runtime
 * leaves no task thread behind, reporting task code that ignores being interrupted.
 */
class TaskThreadsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AnvilRuntime runtime = AnvilRuntime.builder().taskExecution(TaskExecution.THREADS)
            .taskShutdownGrace(Duration.ofMillis(200)).build();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        runtime.close();
    }

    static List<Thread> taskThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("anvilcheck-task-")).toList();
    }

    @Test
    void launchingDoesNotWaitAndTheTaskIsObservableWhileItRuns() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        runtime.registerBackgroundTask("slow", a -> {
            taskState().put("phase", "started");
            entered.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return "done";
        });
        Task task = runtime.serverModule().launchBackgroundTask("slow");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(task.isRunning()).isTrue();
        assertThat(task.getTerminationStatus()).isNull();
        assertThat(task.getState()).isEqualTo(Map.of("phase", "started"));
        assertThat(runtime.tasks().liveThreads()).hasSize(1);
        assertThat(runtime.tasks().pending()).isZero();
        release.countDown();
        assertThat(runtime.tasks().awaitTermination(task, WAIT)).isTrue();
        assertThat(task.getReturnValue()).isEqualTo("done");
        assertThatThrownBy(() -> runtime.tasks().runNext()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TaskExecution.DETERMINISTIC");
    }

    @Test
    void killingInterruptsABlockedTaskAndItsThreadEnds() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        runtime.registerBackgroundTask("blocked", a -> {
            taskState().put("progress", 1L);
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                taskState().put("progress", 2L);
            }
            return "after the kill";
        });
        Task task = runtime.serverModule().launchBackgroundTask("blocked");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread worker = runtime.tasks().liveThreads().get(0);
        task.kill();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.KILLED);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(worker.isAlive()).isFalse();
        assertThat(task.getState()).isEqualTo(Map.of("progress", 1L));
        assertThat(task.getReturnValue()).isNull();
    }

    @Test
    void killingDoesNotWaitForATaskThatIgnoresInterruption() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        runtime.registerBackgroundTask("stubborn", a -> {
            entered.countDown();
            awaitIgnoringInterrupts(release);
            finished.set(true);
            return null;
        });
        Task task = runtime.serverModule().launchBackgroundTask("stubborn");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        task.kill();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.KILLED);
        assertThat(finished).isFalse();
        Thread worker = runtime.tasks().liveThreads().get(0);
        release.countDown();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(finished).isTrue();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.KILLED);
    }

    @Test
    void closingLeavesNoTaskThreadAndFailsRunningTasks() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(2);
        runtime.registerBackgroundTask("waits", a -> {
            entered.countDown();
            release.await();
            return null;
        });
        Task first = runtime.serverModule().launchBackgroundTask("waits");
        Task second = runtime.uplink().launchBackgroundTask("waits");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        runtime.close();
        assertThat(runtime.tasks().threadsLeftAfterClose()).isEmpty();
        assertThat(taskThreads()).isEmpty();
        for (Task task : List.of(first, second)) {
            assertThat(task.getTerminationStatus()).isEqualTo(Task.FAILED);
            assertThatThrownBy(task::isCompleted).isInstanceOf(ExecutionTerminatedError.class);
        }
    }

    @Test
    void taskCodeThatIgnoresInterruptionIsReportedAfterCloseAndEndsWhenItReturns() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        runtime.registerBackgroundTask("stubborn", a -> {
            entered.countDown();
            awaitIgnoringInterrupts(release);
            return null;
        });
        Task task = runtime.serverModule().launchBackgroundTask("stubborn");
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        runtime.close();
        List<Thread> left = runtime.tasks().threadsLeftAfterClose();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).isDaemon()).isTrue();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.FAILED);
        release.countDown();
        left.get(0).join(TimeUnit.SECONDS.toMillis(10));
        assertThat(runtime.tasks().threadsLeftAfterClose()).isEmpty();
        assertThat(taskThreads()).isEmpty();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.FAILED);
    }

    @Test
    void aClosedRuntimeLaunchesNothing() {
        runtime.registerBackgroundTask("job", a -> null);
        Task task = runtime.serverModule().launchBackgroundTask("job");
        assertThat(runtime.tasks().awaitTermination(task, WAIT)).isTrue();
        runtime.close();
        assertThatThrownBy(() -> runtime.serverModule()).isInstanceOf(IllegalStateException.class);
        assertThat(taskThreads()).isEmpty();
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(10, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
