package dev.anvilcheck.runtime.tasks;

import static dev.anvilcheck.server.AnvilServer.launchBackgroundTask;
import static dev.anvilcheck.server.AnvilServer.taskState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Background tasks queued until the test runs them ({@link TaskExecution#DETERMINISTIC}): nothing
 * runs on its own, no thread is started, and tasks run in launch order on the test's thread.
 */
class DeterministicTasksTest {
    private final AnvilRuntime runtime = AnvilRuntime.builder().taskExecution(TaskExecution.DETERMINISTIC).build();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aLaunchedTaskWaitsUntilTheTestRunsIt() {
        runtime.registerBackgroundTask("job", a -> {
            ran.add("job on " + Thread.currentThread().getName());
            return "done";
        });
        Task task = runtime.serverModule().launchBackgroundTask("job");
        assertThat(runtime.tasks().execution()).isEqualTo(TaskExecution.DETERMINISTIC);
        assertThat(runtime.tasks().pending()).isEqualTo(1);
        assertThat(ran).isEmpty();
        assertThat(task.isRunning()).isTrue();
        assertThat(task.getState()).isEqualTo(Map.of());
        assertThat(runtime.tasks().liveThreads()).isEmpty();
        assertThat(TaskThreadsTest.taskThreads()).isEmpty();
        assertThat(runtime.tasks().runNext()).isTrue();
        assertThat(ran).containsExactly("job on " + Thread.currentThread().getName());
        assertThat(task.getReturnValue()).isEqualTo("done");
        assertThat(runtime.tasks().runNext()).isFalse();
    }

    @Test
    void tasksRunInLaunchOrderIncludingTasksTheyLaunch() {
        runtime.registerBackgroundTask("parent", a -> {
            ran.add("parent");
            launchBackgroundTask("child", "from parent");
            taskState().put("launched", true);
            return null;
        });
        runtime.registerBackgroundTask("child", a -> {
            ran.add("child " + a.get(0));
            return null;
        });
        runtime.serverModule().launchBackgroundTask("parent");
        runtime.serverModule().launchBackgroundTask("child", "from test");
        assertThat(runtime.tasks().runAll()).isEqualTo(3);
        assertThat(ran).containsExactly("parent", "child from test", "child from parent");
        assertThat(runtime.tasks().awaitAll(Duration.ZERO)).isTrue();
    }

    @Test
    void awaitingOneTaskRunsThePendingTasksBeforeIt() {
        runtime.registerBackgroundTask("job", a -> {
            ran.add((String) a.get(0));
            return null;
        });
        runtime.serverModule().launchBackgroundTask("job", "first");
        Task second = runtime.serverModule().launchBackgroundTask("job", "second");
        runtime.serverModule().launchBackgroundTask("job", "third");
        assertThat(runtime.tasks().awaitTermination(second, Duration.ZERO)).isTrue();
        assertThat(ran).containsExactly("first", "second");
        assertThat(runtime.tasks().pending()).isEqualTo(1);
    }

    @Test
    void aTaskKilledBeforeItStartsNeverRuns() {
        runtime.registerBackgroundTask("job", a -> {
            ran.add("job");
            return null;
        });
        Task task = runtime.serverModule().launchBackgroundTask("job");
        task.kill();
        assertThat(runtime.tasks().pending()).isZero();
        assertThat(runtime.tasks().runAll()).isZero();
        assertThat(ran).isEmpty();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.KILLED);
        assertThat(task.getState()).isEqualTo(Map.of());
    }

    public static class Reports {
        @BackgroundTask
        public String buildReport(long month) {
            taskState().put("progress", 0.5);
            return "report " + month;
        }

        @Callable
        public Task startReport(long month) {
            return launchBackgroundTask("buildReport", month);
        }
    }

    @Test
    void theReadmeExampleWorks() {
        runtime.register(new Reports());
        Task task = (Task) runtime.browser().call("startReport", 3);
        assertThat(runtime.tasks().runAll()).isEqualTo(1);
        assertThat(task.getReturnValue()).isEqualTo("report 3");
        assertThat(task.getState()).isEqualTo(Map.of("progress", 0.5));
        assertThatThrownBy(task::kill).isInstanceOf(BackgroundTaskError.class);
    }

    @Test
    void closingFailsTasksThatNeverRan() {
        runtime.registerBackgroundTask("job", a -> {
            ran.add("job");
            return null;
        });
        Task task = runtime.serverModule().launchBackgroundTask("job");
        runtime.close();
        assertThat(ran).isEmpty();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(task::getError).isInstanceOf(ExecutionTerminatedError.class);
        assertThat(runtime.tasks().runAll()).isZero();
    }
}
