package dev.anvilcheck.tck.clauses;

import static dev.anvilcheck.server.Kwargs.kw;
import static dev.anvilcheck.tck.clauses.TaskProbes.LAUNCHER;
import static dev.anvilcheck.tck.clauses.TaskProbes.attempt;
import static dev.anvilcheck.tck.clauses.TaskProbes.expectStatus;
import static dev.anvilcheck.tck.clauses.TaskProbes.launch;
import static dev.anvilcheck.tck.clauses.TaskProbes.me;
import static dev.anvilcheck.tck.clauses.TaskProbes.read;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.BackgroundTaskKilled;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.clauses.TaskProbes.ChangingMedia;
import dev.anvilcheck.tck.clauses.TaskProbes.Raised;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.8, TASK: background tasks. Every test here registers or launches
 * tasks through the SPI, so the class is gated on {@link Feature#BACKGROUND_TASKS} (TASK-06, which
 * needs no task, is {@link TaskStateVerification}'s); the tests hold in every execution
 * model, because what a task sees while it runs, its own function observes (through its own handle,
 * {@code get_background_task(context.background_task_id)}), and the suite waits for tasks only with
 * {@link TestEnvironment#awaitTask}. Tests that watch a blocked task from outside also need
 * {@link Feature#CONCURRENT_TASKS}; those that watch a task that has not started need
 * {@link Feature#DETERMINISTIC_TASKS}.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@RequiresFeature(Feature.BACKGROUND_TASKS)
@DisplayName("TASK: background tasks")
public class TaskVerification {

    private static Caller launcher(RuntimeUnderTest rt) {
        return rt.caller(LAUNCHER);
    }

    private static Task ended(TestEnvironment env, Task task, String name) {
        return env.awaitTask(task, LAUNCHER, name);
    }

    // ---------------------------------------------------------------- TASK-01

    @Test
    @DisplayName("[TASK-01] launch_background_task returns a Task at once, without waiting for the task")
    void optional_TASK_01_launchReturnsWithoutWaiting(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch release = env.latch(1);
        AtomicBoolean finished = new AtomicBoolean();
        rt.registerBackgroundTask("waits", a -> {
            env.await(release, "the test to release the task");
            finished.set(true);
            return "done";
        });
        Task task = launch("TASK-01", launcher(rt), "waits");
        Expect.that(LAUNCHER, "waits", !finished.get(), "launch to return before the task finished",
                "the task had already finished when launch returned");
        expectStatus("TASK-01", "waits", task, null);
        release.countDown();
        ended(env, task, "waits");
        expectStatus("TASK-01", "waits", task, Task.COMPLETED);
        Expect.equal(LAUNCHER, "waits", "task.get_return_value()", "done",
                read("TASK-01", "waits", task::getReturnValue));
    }

    @Test
    @DisplayName("[TASK-01] the launched task runs function task:<name> with the positional and keyword arguments")
    void optional_TASK_01_taskRunsWithTheArguments(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<List<Object>> received = new AtomicReference<>();
        rt.registerBackgroundTask("add", a -> {
            received.set(List.of(a.args(), a.kwargs()));
            return (Long) a.get(0) + (Long) a.kw("plus");
        });
        Task task = ended(env, launch("TASK-01", launcher(rt), "add", 40L, kw("plus", 2L)), "add");
        Expect.equal(LAUNCHER, "add", "arguments received", List.of(List.of(40L), Map.of("plus", 2L)),
                received.get());
        Expect.equal(LAUNCHER, "add", "task.get_return_value()", 42L,
                read("TASK-01", "add", task::getReturnValue));
    }

    @Test
    @DisplayName("[TASK-01] launch returns before the task has run (a runtime that runs tasks when told)")
    @RequiresFeature(Feature.DETERMINISTIC_TASKS)
    void optional_TASK_01_launchReturnsBeforeTheTaskRuns(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicInteger runs = new AtomicInteger();
        rt.registerBackgroundTask("job", a -> runs.incrementAndGet());
        Task task = launch("TASK-01", launcher(rt), "job");
        Expect.equal(LAUNCHER, "job", "times the task ran when launch returned", 0, runs.get());
        Expect.equal(LAUNCHER, "job", "pending tasks", 1, rt.tasks().pending());
        Expect.equal(LAUNCHER, "job", "task.is_running() of a launched task", true,
                read("TASK-01", "job", task::isRunning));
        Expect.equal(LAUNCHER, "job", "tasks run", 1, rt.tasks().runPending());
        Expect.equal(LAUNCHER, "job", "times the task ran", 1, runs.get());
        expectStatus("TASK-01", "job", task, Task.COMPLETED);
    }

    @Test
    @DisplayName("[TASK-01] the task runs concurrently with its launcher")
    @RequiresFeature(Feature.CONCURRENT_TASKS)
    void optional_TASK_01_taskRunsConcurrentlyWithItsLauncher(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        rt.registerBackgroundTask("waits", a -> {
            entered.countDown();
            env.await(release, "the test to release the task");
            return null;
        });
        Task task = launch("TASK-01", launcher(rt), "waits");
        env.await(entered, "the task to start on its own");
        Expect.equal(LAUNCHER, "waits", "task.is_running() while the task waits", true,
                read("TASK-01", "waits", task::isRunning));
        release.countDown();
        ended(env, task, "waits");
        expectStatus("TASK-01", "waits", task, Task.COMPLETED);
    }

    // ---------------------------------------------------------------- TASK-02

    @Test
    @DisplayName("[TASK-02] server code, server uplinks and background tasks may launch tasks")
    void optional_TASK_02_trustedCodeMayLaunch(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicInteger runs = new AtomicInteger();
        rt.registerBackgroundTask("job", a -> runs.incrementAndGet());
        AtomicReference<Task> fromServerCode = new AtomicReference<>();
        rt.register("start", a -> {
            fromServerCode.set(AnvilServer.launchBackgroundTask("job"));
            return null;
        });
        AtomicReference<Object> fromTask = new AtomicReference<>();
        rt.registerBackgroundTask("parent", a -> {
            fromTask.set(attempt(() -> AnvilServer.launchBackgroundTask("job")));
            return null;
        });
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "start", () -> browser.call("start"));
        ended(env, fromServerCode.get(), "job");
        for (CallerKind kind : List.of(CallerKind.SERVER_MODULE, CallerKind.UPLINK, CallerKind.BACKGROUND_TASK)) {
            Caller caller = rt.caller(kind);
            env.awaitTask(launch("TASK-02", caller, "job"), kind, "job");
        }
        ended(env, launch("TASK-02", launcher(rt), "parent"), "parent");
        Object child = TaskProbes.value("TASK-02", "parent", "launch_background_task() inside a task", fromTask);
        ended(env, (Task) child, "job");
        Expect.equal(LAUNCHER, "job", "times the task ran", 5, runs.get());
    }

    @Test
    @DisplayName("[TASK-02] in the browser launch_background_task raises RuntimeError('Cannot launch Background"
            + " Tasks from client code.')")
    void optional_TASK_02_browserCannotLaunch(RuntimeUnderTest rt) {
        AtomicInteger runs = new AtomicInteger();
        rt.registerBackgroundTask("job", a -> runs.incrementAndGet());
        BrowserCaller browser = rt.browser();
        IllegalStateException e = Expect.raises(browser, "job", IllegalStateException.class,
                () -> browser.launchBackgroundTask("job"));
        Expect.equal(browser, "job", "message", "Cannot launch Background Tasks from client code.",
                e.getMessage());
        Expect.equal(browser, "job", "times the task ran", 0, runs.get());
    }

    @Test
    @DisplayName("[TASK-02] a client uplink's launch request is refused with BackgroundTaskError")
    void optional_TASK_02_clientUplinkLaunchIsRefused(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicInteger runs = new AtomicInteger();
        rt.registerBackgroundTask("job", a -> runs.incrementAndGet());
        Caller client = rt.caller(CallerKind.CLIENT_UPLINK);
        Expect.raises(client, "job", BackgroundTaskError.class, () -> client.launchBackgroundTask("job"));
        Task probe = launch("TASK-02", launcher(rt), "job");
        ended(env, probe, "job");
        Expect.equal(client, "job", "times the task ran (once, for the trusted launch)", 1, runs.get());
    }

    // ---------------------------------------------------------------- TASK-03

    @Test
    @DisplayName("[TASK-03] launching an unregistered name returns a Task that fails with NoServerFunctionError")
    void optional_TASK_03_unknownNameReturnsATaskThatFails(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.register("no_such_task", a -> "a callable, not a task");
        Task task = ended(env, launch("TASK-03", launcher(rt), "no_such_task"), "no_such_task");
        expectStatus("TASK-03", "no_such_task", task, Task.FAILED);
        Expect.raises(LAUNCHER, "no_such_task", NoServerFunctionError.class, task::isCompleted);
    }

    // ---------------------------------------------------------------- TASK-04

    @Test
    @DisplayName("[TASK-04] Media arguments have been received in full when launch_background_task returns")
    void optional_TASK_04_mediaArgumentsReceivedInFullAtLaunch(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> received = new AtomicReference<>();
        rt.registerBackgroundTask("upload", a -> {
            Media media = (Media) a.get(0);
            received.set(List.of(media.contentType(), String.valueOf(media.name()),
                    Arrays.toString(media.getBytes())));
            return null;
        });
        ChangingMedia media = new ChangingMedia(new byte[] {1, 2, 3});
        Task task = launch("TASK-04", launcher(rt), "upload", media);
        media.change(new byte[] {9});
        ended(env, task, "upload");
        expectStatus("TASK-04", "upload", task, Task.COMPLETED);
        Expect.equal(LAUNCHER, "upload", "Media the task received",
                List.of("application/octet-stream", "upload.bin", "[1, 2, 3]"), received.get());
    }

    // ---------------------------------------------------------------- TASK-05, TASK-06, TASK-07

    @Test
    @DisplayName("[TASK-05] task_state starts empty and its assignments are visible to get_state() while the task"
            + " runs")
    void optional_TASK_05_taskStateStartsEmptyAndIsVisibleWhileRunning(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> initial = new AtomicReference<>();
        AtomicReference<Object> seen = new AtomicReference<>();
        rt.registerBackgroundTask("progress", a -> {
            TaskState state = AnvilServer.taskState();
            initial.set(attempt(() -> new LinkedHashMap<>(state)));
            state.put("done", 3L);
            state.put("of", 10L);
            seen.set(attempt(() -> me().getState()));
            return null;
        });
        ended(env, launch("TASK-05", launcher(rt), "progress"), "progress");
        Expect.equal(LAUNCHER, "progress", "task_state at the start", Map.of(),
                TaskProbes.value("TASK-05", "progress", "reading task_state", initial));
        Expect.equal(LAUNCHER, "progress", "task.get_state() while running", Map.of("done", 3L, "of", 10L),
                TaskProbes.value("TASK-05", "progress", "task.get_state() while running", seen));
    }

    @Test
    @DisplayName("[TASK-05] task_state is a dict: the task reads back, replaces and deletes entries, and get_state()"
            + " shows the result")
    void optional_TASK_05_taskStateIsADict(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> seen = new AtomicReference<>();
        rt.registerBackgroundTask("dict", a -> {
            seen.set(attempt(() -> {
                TaskState state = AnvilServer.taskState();
                List<Object> reads = new ArrayList<>();
                state.put("scratch", 0L);
                state.clear();
                reads.add(state.isEmpty());
                state.put("a", 1L);
                reads.add(state.put("a", 2L));
                state.put("b", "x");
                state.put("c", true);
                reads.add(state.get("a"));
                reads.add(state.getOrDefault("z", "none"));
                reads.add(state.containsKey("b"));
                reads.add(state.containsKey("z"));
                reads.add(state.containsValue("x"));
                reads.add(state.containsValue("y"));
                reads.add(state.remove("b"));
                reads.add(state.size());
                reads.add(state.putIfAbsent("a", 9L));
                reads.add(state.merge("a", 5L, (x, y) -> (Long) x + (Long) y));
                reads.add(state.computeIfAbsent("d", k -> "new"));
                reads.add(state.computeIfPresent("c", (k, v) -> false));
                reads.add(state.compute("e", (k, v) -> v == null ? "made" : v));
                reads.add(new java.util.HashSet<>(state.keySet()));
                reads.add(new java.util.HashSet<>(state.values()));
                reads.add(state.entrySet().size());
                Map<String, Object> walked = new LinkedHashMap<>();
                state.forEach(walked::put);
                reads.add(walked.size());
                Map<String, Object> expected = Map.of("a", 7L, "c", false, "d", "new", "e", "made");
                reads.add(state.equals(expected));
                reads.add(state.equals(Map.of("a", 7L)));
                reads.add(state.hashCode() == expected.hashCode());
                reads.add(state.isEmpty());
                return reads;
            }));
            return null;
        });
        Task task = ended(env, launch("TASK-05", launcher(rt), "dict"), "dict");
        Expect.equal(LAUNCHER, "dict", "what the task read from task_state", List.of(true, 1L, 2L, "none", true,
                false, true, false, "x", 2, 2L, 7L, "new", false, "made", Set.of("a", "c", "d", "e"),
                Set.of(7L, false, "new", "made"), 4, 4, true, false, true, false),
                TaskProbes.value("TASK-05", "dict", "using task_state as a dict", seen));
        Expect.equal(LAUNCHER, "dict", "task.get_state()", Map.of("a", 7L, "c", false, "d", "new", "e", "made"),
                read("TASK-05", "dict", task::getState));
    }

    @Test
    @DisplayName("[TASK-05] another party sees the running task's state")
    @RequiresFeature(Feature.CONCURRENT_TASKS)
    void optional_TASK_05_stateVisibleToOthersWhileRunning(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch halfway = env.latch(1);
        CountDownLatch release = env.latch(1);
        rt.registerBackgroundTask("progress", a -> {
            AnvilServer.taskState().put("percent", 50L);
            halfway.countDown();
            env.await(release, "the test to release the task");
            AnvilServer.taskState().put("percent", 100L);
            return null;
        });
        Task task = launch("TASK-05", launcher(rt), "progress");
        env.await(halfway, "the task to report progress");
        Expect.equal(LAUNCHER, "progress", "task.get_state() while running", Map.of("percent", 50L),
                read("TASK-05", "progress", task::getState));
        release.countDown();
        ended(env, task, "progress");
        Expect.equal(LAUNCHER, "progress", "task.get_state() at the end", Map.of("percent", 100L),
                read("TASK-05", "progress", task::getState));
    }

    @Test
    @DisplayName("[TASK-07] task_state holds any serialisable value")
    void optional_TASK_07_stateHoldsSerialisableValues(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        OffsetDateTime when = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("none", null);
        expected.put("flag", true);
        expected.put("count", 7L);
        expected.put("ratio", 0.5);
        expected.put("rows", List.of("a", List.of(1L)));
        expected.put("nested", Map.of("k", "v"));
        expected.put("day", LocalDate.of(2026, 1, 2));
        expected.put("when", when);
        rt.registerBackgroundTask("fill", a -> {
            AnvilServer.taskState().putAll(expected);
            return null;
        });
        Task task = ended(env, launch("TASK-07", launcher(rt), "fill"), "fill");
        expectStatus("TASK-07", "fill", task, Task.COMPLETED);
        Expect.equal(LAUNCHER, "fill", "task.get_state()", expected, read("TASK-07", "fill", task::getState));
    }

    @Test
    @DisplayName("[TASK-07] get_state() of a running task whose state holds Media raises SerializationError"
            + " (MEDIA-05)")
    void optional_TASK_07_stateWithMediaFailsQueriesOfTheRunningTask(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> query = new AtomicReference<>();
        rt.registerBackgroundTask("media_state", a -> {
            AnvilServer.taskState().put("file", new BlobMedia("text/plain", new byte[] {1}, "f.txt"));
            query.set(attempt(() -> me().getState()));
            return null;
        });
        ended(env, launch("TASK-07", launcher(rt), "media_state"), "media_state");
        Expect.raises(LAUNCHER, "media_state", SerializationError.class, () -> {
            Object outcome = query.get();
            if (outcome instanceof Raised r) {
                throw r.error();
            }
            return outcome;
        });
    }

    // ---------------------------------------------------------------- TASK-08, TASK-09

    @Test
    @DisplayName("[TASK-08] the status is None while the task runs and 'completed' after it returned")
    void optional_TASK_08_noneWhileRunningThenCompleted(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> whileRunning = new AtomicReference<>("not observed");
        rt.registerBackgroundTask("job", a -> {
            whileRunning.set(attempt(() -> me().getTerminationStatus()));
            return null;
        });
        Task task = ended(env, launch("TASK-08", launcher(rt), "job"), "job");
        Expect.equal(LAUNCHER, "job", "task.get_termination_status() while running", null,
                whileRunning.get());
        expectStatus("TASK-08", "job", task, Task.COMPLETED);
    }

    @Test
    @DisplayName("[TASK-08] the status is 'failed' after an uncaught exception")
    void optional_TASK_08_failedAfterAnException(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("boom", a -> {
            throw new ValueError("boom");
        });
        expectStatus("TASK-08", "boom", ended(env, launch("TASK-08", launcher(rt), "boom"), "boom"), Task.FAILED);
    }

    @Test
    @DisplayName("[TASK-08] a terminal status never changes: a completed task stays completed after kill(), a killed"
            + " one stays killed when its function returns")
    void optional_TASK_08_terminalStatusNeverChanges(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("quick", a -> "value");
        rt.registerBackgroundTask("killed", a -> {
            me().kill();
            return "returned after the kill";
        });
        Task quick = ended(env, launch("TASK-08", launcher(rt), "quick"), "quick");
        expectStatus("TASK-08", "quick", quick, Task.COMPLETED);
        read("TASK-08", "quick", () -> {
            quick.kill();
            return null;
        });
        expectStatus("TASK-08", "quick", quick, Task.COMPLETED);
        Task killed = ended(env, launch("TASK-08", launcher(rt), "killed"), "killed");
        expectStatus("TASK-08", "killed", killed, Task.KILLED);
        ended(env, launch("TASK-08", launcher(rt), "quick"), "quick");
        expectStatus("TASK-08", "killed", killed, Task.KILLED);
    }

    @Test
    @DisplayName("[TASK-09] is_running() is true exactly while the status is None")
    void optional_TASK_09_isRunningExactlyWhileStatusIsNone(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> whileRunning = new AtomicReference<>();
        rt.registerBackgroundTask("ok", a -> {
            whileRunning.set(attempt(() -> me().isRunning()));
            return null;
        });
        rt.registerBackgroundTask("fails", a -> {
            throw new ValueError("no");
        });
        rt.registerBackgroundTask("killed", a -> {
            me().kill();
            return null;
        });
        Task ok = ended(env, launch("TASK-09", launcher(rt), "ok"), "ok");
        Expect.equal(LAUNCHER, "ok", "task.is_running() while running", true, whileRunning.get());
        for (String name : List.of("ok", "fails", "killed")) {
            Task task = name.equals("ok") ? ok : ended(env, launch("TASK-09", launcher(rt), name), name);
            Expect.equal(LAUNCHER, name, "task.is_running() after status "
                    + Describe.value(read("TASK-09", name, task::getTerminationStatus)), false,
                    read("TASK-09", name, task::isRunning));
        }
    }

    // ---------------------------------------------------------------- TASK-10

    @Test
    @DisplayName("[TASK-10] is_completed() is False while the task runs and True once it completed")
    void optional_TASK_10_falseWhileRunningTrueWhenCompleted(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> whileRunning = new AtomicReference<>();
        rt.registerBackgroundTask("job", a -> {
            whileRunning.set(attempt(() -> me().isCompleted()));
            return null;
        });
        Task task = ended(env, launch("TASK-10", launcher(rt), "job"), "job");
        Expect.equal(LAUNCHER, "job", "task.is_completed() while running", false, whileRunning.get());
        Expect.equal(LAUNCHER, "job", "task.is_completed()", true, read("TASK-10", "job", task::isCompleted));
    }

    @Test
    @DisplayName("[TASK-10] is_completed() of a failed task raises the task's error, typed as ERR-02 says (Q-14)")
    void optional_TASK_10_failedTaskRaisesItsError(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("denied", a -> {
            throw new PermissionDenied("not you");
        });
        rt.registerBackgroundTask("bad_value", a -> {
            throw new ValueError("bad value");
        });
        Task denied = ended(env, launch("TASK-10", launcher(rt), "denied"), "denied");
        PermissionDenied registered = Expect.raises(LAUNCHER, "denied", PermissionDenied.class,
                denied::isCompleted);
        Expect.equal(LAUNCHER, "denied", "message", "not you", registered.getMessage());
        Task bad = ended(env, launch("TASK-10", launcher(rt), "bad_value"), "bad_value");
        AnvilWrappedError wrapped = Expect.raises(LAUNCHER, "bad_value", AnvilWrappedError.class,
                bad::isCompleted);
        Expect.equal(LAUNCHER, "bad_value", "wire type", "ValueError", wrapped.wireType());
        Expect.equal(LAUNCHER, "bad_value", "message", "bad value", wrapped.getMessage());
    }

    @Test
    @DisplayName("[TASK-10] is_completed() of a killed task raises BackgroundTaskKilled (Q-05)")
    void optional_TASK_10_killedTaskRaisesBackgroundTaskKilled(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("killed", a -> {
            me().kill();
            return null;
        });
        Task task = ended(env, launch("TASK-10", launcher(rt), "killed"), "killed");
        Throwable e = Expect.raisesAnyOf(LAUNCHER, "killed",
                List.of(BackgroundTaskKilled.class, AnvilWrappedError.class), task::isCompleted);
        if (e instanceof BackgroundTaskKilled) {
            env.note("Q-05", "is_completed() of a killed task raises BackgroundTaskKilled");
        } else {
            Expect.equal(LAUNCHER, "killed", "wire type", BackgroundTaskKilled.WIRE_TYPE,
                    ((AnvilWrappedError) e).wireType());
            env.note("Q-05", "is_completed() of a killed task raises AnvilWrappedError(anvil.server.BackgroundTaskKilled)");
        }
        Expect.equal(LAUNCHER, "killed", "message", "The background task was killed.", e.getMessage());
    }

    // ---------------------------------------------------------------- TASK-11, TASK-12

    @Test
    @DisplayName("[TASK-11] get_error() is None for a running, completed or killed task")
    void optional_TASK_11_getErrorIsNoneUnlessFailed(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> whileRunning = new AtomicReference<>();
        rt.registerBackgroundTask("ok", a -> {
            whileRunning.set(attempt(() -> me().getError()));
            return null;
        });
        rt.registerBackgroundTask("killed", a -> {
            me().kill();
            return null;
        });
        Task ok = ended(env, launch("TASK-11", launcher(rt), "ok"), "ok");
        Expect.equal(LAUNCHER, "ok", "task.get_error() while running", null, whileRunning.get());
        Expect.equal(LAUNCHER, "ok", "task.get_error() of a completed task", null,
                read("TASK-11", "ok", ok::getError));
        Task killed = ended(env, launch("TASK-11", launcher(rt), "killed"), "killed");
        Expect.equal(LAUNCHER, "killed", "task.get_error() of a killed task", null,
                read("TASK-11", "killed", killed::getError));
    }

    @Test
    @DisplayName("[TASK-11] get_error() of a failed task raises (as the platform) or returns the task's error (Q-06)")
    void optional_TASK_11_getErrorOfAFailedTask(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("denied", a -> {
            throw new PermissionDenied("not you");
        });
        Task task = ended(env, launch("TASK-11", launcher(rt), "denied"), "denied");
        Object outcome = attempt(task::getError);
        Throwable error = outcome instanceof Raised r ? r.error() : (Throwable) outcome;
        Expect.that(LAUNCHER, "denied", error instanceof PermissionDenied,
                "task.get_error() to raise or return PermissionDenied", Describe.value(outcome));
        env.note("Q-06", outcome instanceof Raised ? "get_error() raises the task's error"
                : "get_error() returns the task's error");
    }

    @Test
    @DisplayName("[TASK-12] get_return_value() is None while running, the return value once completed, and raises"
            + " the error of a failed task")
    void optional_TASK_12_returnValue(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> whileRunning = new AtomicReference<>();
        rt.registerBackgroundTask("ok", a -> {
            whileRunning.set(attempt(() -> me().getReturnValue()));
            return Map.of("rows", List.of(1L, 2L));
        });
        rt.registerBackgroundTask("denied", a -> {
            throw new PermissionDenied("not you");
        });
        Task ok = ended(env, launch("TASK-12", launcher(rt), "ok"), "ok");
        Expect.equal(LAUNCHER, "ok", "task.get_return_value() while running", null, whileRunning.get());
        Expect.equal(LAUNCHER, "ok", "task.get_return_value()", Map.of("rows", List.of(1L, 2L)),
                read("TASK-12", "ok", ok::getReturnValue));
        Task denied = ended(env, launch("TASK-12", launcher(rt), "denied"), "denied");
        Expect.raises(LAUNCHER, "denied", PermissionDenied.class, denied::getReturnValue);
    }

    @Test
    @DisplayName("[TASK-12] get_return_value() of a killed task is None")
    void optional_TASK_12_killedTaskHasNoReturnValue(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("killed", a -> {
            me().kill();
            return "not kept";
        });
        Task killed = ended(env, launch("TASK-12", launcher(rt), "killed"), "killed");
        Expect.equal(LAUNCHER, "killed", "task.get_return_value() of a killed task", null,
                read("TASK-12", "killed", killed::getReturnValue));
    }

    // ---------------------------------------------------------------- TASK-13

    @Test
    @DisplayName("[TASK-13] after the task ended, get_state() is the state captured at the end")
    void optional_TASK_13_finalStateAfterTheEnd(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("ok", a -> {
            AnvilServer.taskState().put("step", "last");
            return null;
        });
        rt.registerBackgroundTask("fails", a -> {
            AnvilServer.taskState().put("step", "before the error");
            throw new ValueError("no");
        });
        Task ok = ended(env, launch("TASK-13", launcher(rt), "ok"), "ok");
        Expect.equal(LAUNCHER, "ok", "task.get_state() of a completed task", Map.of("step", "last"),
                read("TASK-13", "ok", ok::getState));
        Task fails = ended(env, launch("TASK-13", launcher(rt), "fails"), "fails");
        Expect.equal(LAUNCHER, "fails", "task.get_state() of a failed task",
                Map.of("step", "before the error"), read("TASK-13", "fails", fails::getState));
    }

    @Test
    @DisplayName("[TASK-13] a task running on an uplink: get_state() is its task_state there while it runs, and the"
            + " final task_state once it ended")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_TASK_13_uplinkTaskState(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> whileRunning = new AtomicReference<>();
        UplinkCaller uplink = rt.uplink();
        uplink.registerBackgroundTask("remote", a -> {
            AnvilServer.taskState().put("step", 1L);
            whileRunning.set(attempt(() -> me().getState()));
            AnvilServer.taskState().put("step", 2L);
            AnvilServer.taskState().put("done", true);
            return null;
        });
        Task task = ended(env, launch("TASK-13", launcher(rt), "remote"), "remote");
        Expect.equal(LAUNCHER, "remote", "task.get_state() while running", Map.of("step", 1L),
                TaskProbes.value("TASK-13", "remote", "task.get_state() while running", whileRunning));
        Expect.equal(LAUNCHER, "remote", "task.get_state() after the end", Map.of("step", 2L, "done", true),
                read("TASK-13", "remote", task::getState));
    }

    @Test
    @DisplayName("[TASK-13] a killed task's state is the state at the kill; later changes are not kept")
    void optional_TASK_13_killedTaskKeepsTheStateOfTheKill(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("victim", a -> {
            AnvilServer.taskState().put("progress", 1L);
            me().kill();
            AnvilServer.taskState().put("progress", 2L);
            return null;
        });
        Task task = ended(env, launch("TASK-13", launcher(rt), "victim"), "victim");
        expectStatus("TASK-13", "victim", task, Task.KILLED);
        Expect.equal(LAUNCHER, "victim", "task.get_state() of the killed task", Map.of("progress", 1L),
                read("TASK-13", "victim", task::getState));
    }

    @Test
    @DisplayName("[TASK-13] Media left in task_state is dropped with the final state, the task completes (Q-12,"
            + " MEDIA-05)")
    void optional_TASK_13_mediaInFinalStateIsDropped(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("media_state", a -> {
            AnvilServer.taskState().put("file", new BlobMedia("text/plain", new byte[] {1}, "f.txt"));
            return "ok";
        });
        Task task = ended(env, launch("TASK-13", launcher(rt), "media_state"), "media_state");
        String status = read("TASK-13", "media_state", task::getTerminationStatus);
        Object state = attempt(task::getState);
        boolean dropped = Task.COMPLETED.equals(status) && state == null;
        env.note("Q-12", "status " + status + ", get_state() " + Describe.value(state));
        Expect.optional(dropped, "status " + status + ", get_state() " + Describe.value(state)
                + " (Q-12: the platform completes the task and drops the state)");
    }

    // ---------------------------------------------------------------- TASK-14

    @Test
    @DisplayName("[TASK-14] get_id() is the id the task sees in its context, get_task_name() the name without"
            + " 'task:', get_start_time() a datetime")
    void optional_TASK_14_idNameAndStartTime(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<String> contextId = new AtomicReference<>();
        rt.registerBackgroundTask("named_job", a -> {
            contextId.set(AnvilServer.context().backgroundTaskId());
            return null;
        });
        Task task = ended(env, launch("TASK-14", launcher(rt), "named_job"), "named_job");
        String id = read("TASK-14", "named_job", task::getId);
        Expect.that(LAUNCHER, "named_job", id != null && !id.isEmpty(), "a task id",
                Describe.value(id));
        Expect.equal(LAUNCHER, "named_job", "context.background_task_id in the task", id, contextId.get());
        Expect.equal(LAUNCHER, "named_job", "task.get_task_name()", "named_job",
                read("TASK-14", "named_job", task::getTaskName));
        Expect.that(LAUNCHER, "named_job", read("TASK-14", "named_job", task::getStartTime) != null,
                "a start time", "task.get_start_time() = null");
        env.note("TASK-14 id shape", id.matches("[a-z2-7]{25}") ? "25 lower-case base32 characters (App Server)"
                : "other: " + id);
    }

    @Test
    @DisplayName("[TASK-14] get_start_time() is the runtime's time at launch")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_TASK_14_startTimeIsTheLaunchTime(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("job", a -> null);
        rt.time().advance(Duration.ofMinutes(7));
        Instant launchedAt = rt.time().now();
        Task task = launch("TASK-14", launcher(rt), "job");
        rt.time().advance(Duration.ofMinutes(1));
        ended(env, task, "job");
        OffsetDateTime start = read("TASK-14", "job", task::getStartTime);
        Expect.equal(LAUNCHER, "job", "task.get_start_time() as an instant", launchedAt,
                start == null ? null : start.toInstant());
    }

    // ---------------------------------------------------------------- TASK-15, TASK-16

    @Test
    @DisplayName("[TASK-15] kill() returns None and the task ends as 'killed'")
    void optional_TASK_15_killEndsTheTaskAsKilled(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> kill = new AtomicReference<>("not called");
        CountDownLatch bodyDone = env.latch(1);
        rt.registerBackgroundTask("victim", a -> {
            kill.set(attempt(() -> {
                me().kill();
                return null;
            }));
            bodyDone.countDown();
            return "not kept";
        });
        Task task = ended(env, launch("TASK-15", launcher(rt), "victim"), "victim");
        env.await(bodyDone, "the killed task's function to get past kill()");
        Expect.equal(LAUNCHER, "victim", "outcome of task.kill()", null, kill.get());
        expectStatus("TASK-15", "victim", task, Task.KILLED);
    }

    @Test
    @DisplayName("[TASK-15] kill() of a blocked task returns without waiting for it, and the task ends as 'killed'")
    @RequiresFeature(Feature.CONCURRENT_TASKS)
    void optional_TASK_15_killDoesNotWaitForABlockedTask(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        AtomicBoolean returned = new AtomicBoolean();
        rt.registerBackgroundTask("blocked", a -> {
            AnvilServer.taskState().put("phase", "blocked");
            entered.countDown();
            while (!env.block(release) && release.getCount() > 0) {
                Thread.interrupted();
            }
            returned.set(true);
            return null;
        });
        Task task = launch("TASK-15", launcher(rt), "blocked");
        env.await(entered, "the task to block");
        read("TASK-15", "blocked", () -> {
            task.kill();
            return null;
        });
        Expect.that(LAUNCHER, "blocked", !returned.get(), "kill() to return while the task is blocked",
                "the task's function had returned");
        ended(env, task, "blocked");
        expectStatus("TASK-15", "blocked", task, Task.KILLED);
        release.countDown();
        Expect.equal(LAUNCHER, "blocked", "task.get_state() of the killed task", Map.of("phase", "blocked"),
                read("TASK-15", "blocked", task::getState));
    }

    @Test
    @DisplayName("[TASK-15] a killed task's process is gone: the calls and launches its code still makes do not run")
    void optional_TASK_15_killedTaskCodeCannotCallOrLaunch(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicInteger called = new AtomicInteger();
        AtomicReference<Object> launched = new AtomicReference<>();
        CountDownLatch spawned = env.latch(1);
        CountDownLatch bodyDone = env.latch(1);
        rt.register("after_kill", a -> called.incrementAndGet());
        rt.registerBackgroundTask("spawned", a -> {
            spawned.countDown();
            return null;
        });
        rt.registerBackgroundTask("victim", a -> {
            // what the code sees (an exception, or nothing as the process is gone) is not the point
            attempt(() -> {
                me().kill();
                return null;
            });
            attempt(() -> AnvilServer.call("after_kill"));
            launched.set(attempt(() -> AnvilServer.launchBackgroundTask("spawned")));
            bodyDone.countDown();
            return null;
        });
        Task task = ended(env, launch("TASK-15", launcher(rt), "victim"), "victim");
        env.await(bodyDone, "the killed task's function to get past its calls");
        expectStatus("TASK-15", "victim", task, Task.KILLED);
        Expect.equal(LAUNCHER, "victim", "times a server function called by the task's code after kill() ran", 0,
                called.get());
        if (launched.get() instanceof Task handle) {
            // the runtime handed the dead code a task: wait for that task rather than for a while
            env.awaitTask(handle, LAUNCHER, "spawned");
            Expect.equal(LAUNCHER, "spawned", "runs of a task the killed task's code launched after kill()", 0L,
                    1 - spawned.getCount());
        } else {
            env.expectNoSignal(spawned, "a task launched by the killed task's code after kill() to run");
        }
    }

    @Test
    @DisplayName("[TASK-15] a killed task's code does not go on once what it was waiting for arrives")
    @RequiresFeature(Feature.CONCURRENT_TASKS)
    void optional_TASK_15_killedWaitingTaskDoesNotGoOn(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        CountDownLatch wentOn = env.latch(1);
        rt.registerBackgroundTask("waiting", a -> {
            entered.countDown();
            if (env.block(release)) {
                wentOn.countDown();
            }
            return null;
        });
        Task task = launch("TASK-15", launcher(rt), "waiting");
        env.await(entered, "the task to wait");
        read("TASK-15", "waiting", () -> {
            task.kill();
            return null;
        });
        ended(env, task, "waiting");
        expectStatus("TASK-15", "waiting", task, Task.KILLED);
        release.countDown();
        env.expectNoSignal(wentOn, "the killed task's code going on after what it waited for arrived");
    }

    @Test
    @DisplayName("[TASK-16] kill() of a task that already ended does nothing")
    void optional_TASK_16_killOfAnEndedTaskDoesNothing(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("ok", a -> "kept");
        rt.registerBackgroundTask("fails", a -> {
            throw new ValueError("no");
        });
        rt.registerBackgroundTask("killed", a -> {
            me().kill();
            return null;
        });
        Map<String, String> expected = Map.of("ok", Task.COMPLETED, "fails", Task.FAILED, "killed", Task.KILLED);
        for (String name : List.of("ok", "fails", "killed")) {
            Task task = ended(env, launch("TASK-16", launcher(rt), name), name);
            Expect.equal(LAUNCHER, name, "outcome of task.kill()", null, attempt(() -> {
                task.kill();
                return null;
            }));
            expectStatus("TASK-16", name, task, expected.get(name));
        }
        Task ok = ended(env, launch("TASK-16", launcher(rt), "ok"), "ok");
        read("TASK-16", "ok", () -> {
            ok.kill();
            return null;
        });
        Expect.equal(LAUNCHER, "ok", "task.get_return_value() after kill()", "kept",
                read("TASK-16", "ok", ok::getReturnValue));
    }

    // ---------------------------------------------------------------- TASK-17, TASK-18

    @Test
    @DisplayName("[TASK-17] a browser holding a Task may read it, but kill() there raises BackgroundTaskError")
    void optional_TASK_17_browserReadsButCannotKill(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("job", a -> {
            AnvilServer.taskState().put("done", true);
            return "result";
        });
        rt.register("start", a -> AnvilServer.launchBackgroundTask("job"));
        BrowserCaller browser = rt.browser();
        Object held = Expect.returns(browser, "start", () -> browser.call("start"));
        Expect.that(browser, "start", held instanceof Task, "a Task returned to the browser",
                Describe.returned(held));
        Task task = (Task) held;
        Expect.raises(browser, "job", BackgroundTaskError.class, () -> {
            task.kill();
            return null;
        });
        env.awaitTask(task, CallerKind.BROWSER, "job");
        Expect.equal(browser, "job", "task.get_termination_status() in the browser", Task.COMPLETED,
                Expect.returns(browser, "job", task::getTerminationStatus));
        Expect.equal(browser, "job", "task.get_state() in the browser", Map.of("done", true),
                Expect.returns(browser, "job", task::getState));
        Expect.equal(browser, "job", "task.get_return_value() in the browser", "result",
                Expect.returns(browser, "job", task::getReturnValue));
        Expect.equal(browser, "job", "task.is_running() in the browser", false,
                Expect.returns(browser, "job", task::isRunning));
    }

    @Test
    @DisplayName("[TASK-17] only client code is refused kill(): server code holding a Task that a server function"
            + " returned may call it")
    void optional_TASK_17_serverCodeMayKillATaskAFunctionReturned(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("task17_done", a -> "done");
        rt.register("task17_give", a -> AnvilServer.launchBackgroundTask("task17_done"));
        Caller server = launcher(rt);
        Object held = Expect.returns(server, "task17_give", () -> server.call("task17_give"));
        Expect.that(server, "task17_give", held instanceof Task, "a Task returned to server code",
                Describe.returned(held));
        Task task = ended(env, (Task) held, "task17_done");
        Expect.equal(LAUNCHER, "task17_done", "outcome of task.kill() in server code on an ended task", null,
                attempt(() -> {
                    task.kill();
                    return null;
                }));
        expectStatus("TASK-17", "task17_done", task, Task.COMPLETED);
    }

    @Test
    @DisplayName("[TASK-17] a Task that reaches the browser inside a list or dict may be read there, but kill()"
            + " raises BackgroundTaskError")
    void optional_TASK_17_nestedTasksInTheBrowser(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("job", a -> "result");
        rt.register("start", a -> {
            Task task = AnvilServer.launchBackgroundTask("job");
            return List.of(task, Map.of("task", task, "more", List.of(task)), List.of(task));
        });
        BrowserCaller browser = rt.browser();
        Object held = Expect.returns(browser, "start", () -> browser.call("start"));
        List<Object> found = new ArrayList<>();
        if (held instanceof List<?> outer && outer.size() == 3 && outer.get(1) instanceof Map<?, ?> inner
                && inner.get("more") instanceof List<?> more && more.size() == 1
                && outer.get(2) instanceof List<?> last && last.size() == 1) {
            found.add(outer.get(0));
            found.add(inner.get("task"));
            found.add(more.get(0));
            found.add(last.get(0));
        }
        Expect.that(browser, "start", found.size() == 4 && found.stream().allMatch(t -> t instanceof Task),
                "[Task, {'task': Task, 'more': [Task]}, [Task]]", Describe.value(held));
        for (Object each : found) {
            Task task = (Task) each;
            Expect.raises(browser, "job", BackgroundTaskError.class, () -> {
                task.kill();
                return null;
            });
        }
        Task first = (Task) found.get(0);
        env.awaitTask(first, CallerKind.BROWSER, "job");
        Expect.equal(browser, "job", "task.get_return_value() in the browser", "result",
                Expect.returns(browser, "job", first::getReturnValue));
    }

    @Test
    @DisplayName("[TASK-18] a task running on an uplink cannot be killed: it keeps running")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_TASK_18_uplinkTaskCannotBeKilled(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<Object> afterKill = new AtomicReference<>();
        UplinkCaller uplink = rt.uplink();
        uplink.registerBackgroundTask("remote", a -> {
            Task me = me();
            me.kill();
            afterKill.set(attempt(me::isRunning));
            return "finished";
        });
        Task task = ended(env, launch("TASK-18", launcher(rt), "remote"), "remote");
        Expect.equal(LAUNCHER, "remote", "task.is_running() after kill()", true, afterKill.get());
        expectStatus("TASK-18", "remote", task, Task.COMPLETED);
        Expect.equal(LAUNCHER, "remote", "task.get_return_value()", "finished",
                read("TASK-18", "remote", task::getReturnValue));
    }

    // ---------------------------------------------------------------- TASK-19, TASK-20

    @Test
    @DisplayName("[TASK-19] get_background_task(id) finds a task; an unknown id raises BackgroundTaskNotFound")
    void optional_TASK_19_getBackgroundTaskById(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("job", a -> "r");
        AtomicReference<Object> found = new AtomicReference<>();
        rt.register("find", a -> {
            found.set(attempt(() -> AnvilServer.getBackgroundTask((String) a.get(0)).getReturnValue()));
            return null;
        });
        Task task = ended(env, launch("TASK-19", launcher(rt), "job"), "job");
        String id = task.getId();
        Caller browser = rt.browser();
        Expect.returns(browser, "find", () -> browser.call("find", id));
        Expect.equal(CallerKind.SERVER_MODULE, "find", "get_background_task(id).get_return_value()", "r",
                found.get());
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Task again = Expect.returns(uplink, "job", () -> uplink.getBackgroundTask(id));
        Expect.equal(uplink, "job", "get_background_task(id).get_id()", id, again.getId());
        BackgroundTaskNotFound e = Expect.raises(uplink, null, BackgroundTaskNotFound.class,
                () -> uplink.getBackgroundTask("nosuchtask"));
        Expect.equal(uplink, null, "message", "Background Task not found: nosuchtask", e.getMessage());
    }

    @Test
    @DisplayName("[TASK-19] in the browser get_background_task raises RuntimeError")
    void optional_TASK_19_browserCannotLookUpTasks(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("job", a -> null);
        Task task = ended(env, launch("TASK-19", launcher(rt), "job"), "job");
        BrowserCaller browser = rt.browser();
        IllegalStateException e = Expect.raises(browser, null, IllegalStateException.class,
                () -> browser.getBackgroundTask(task.getId()));
        Expect.equal(browser, null, "message", "Cannot call this function from client code",
                e.getMessage());
    }

    @Test
    @DisplayName("[TASK-19] a client uplink's get_background_task request is refused with BackgroundTaskError")
    void optional_TASK_19_clientUplinkCannotLookUpTasks(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("job", a -> null);
        Task task = ended(env, launch("TASK-19", launcher(rt), "job"), "job");
        Caller client = rt.caller(CallerKind.CLIENT_UPLINK);
        Expect.raises(client, "job", BackgroundTaskError.class, () -> client.getBackgroundTask(task.getId()));
    }

    @Test
    @DisplayName("[TASK-20] a client uplink's list_background_tasks request is refused with BackgroundTaskError")
    void optional_TASK_20_clientUplinkCannotListTasks(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("job", a -> null);
        ended(env, launch("TASK-20", launcher(rt), "job"), "job");
        Caller client = rt.caller(CallerKind.CLIENT_UPLINK);
        Expect.raises(client, null, BackgroundTaskError.class, () -> client.listBackgroundTasks(false));
    }

    @Test
    @DisplayName("[TASK-20] list_background_tasks() lists running and finished tasks")
    void optional_TASK_20_listRunningAndFinishedTasks(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("first", a -> null);
        AtomicReference<Object> listed = new AtomicReference<>();
        rt.registerBackgroundTask("second", a -> {
            listed.set(attempt(() -> ids(AnvilServer.listBackgroundTasks())));
            return null;
        });
        Task first = ended(env, launch("TASK-20", launcher(rt), "first"), "first");
        Task second = ended(env, launch("TASK-20", launcher(rt), "second"), "second");
        Object whileRunning = TaskProbes.value("TASK-20", "second", "list_background_tasks() in the task", listed);
        Expect.that(LAUNCHER, "second",
                whileRunning instanceof List<?> l && l.containsAll(List.of(first.getId(), second.getId())),
                "the finished task " + first.getId() + " and the running task " + second.getId() + " listed",
                Describe.value(whileRunning));
        Caller uplink = rt.caller(CallerKind.UPLINK);
        List<Task> after = Expect.returns(uplink, null, () -> uplink.listBackgroundTasks(false));
        Expect.that(uplink, null, ids(after).containsAll(List.of(first.getId(), second.getId())),
                "both finished tasks listed", Describe.value(ids(after)));
        BrowserCaller browser = rt.browser();
        Expect.raises(browser, null, IllegalStateException.class, () -> browser.listBackgroundTasks(false));
    }

    private static List<String> ids(List<Task> tasks) {
        List<String> ids = new ArrayList<>();
        for (Task task : tasks) {
            ids.add(task.getId());
        }
        return ids;
    }

    // ---------------------------------------------------------------- TASK-21, TASK-22, TASK-23

    @Test
    @DisplayName("[TASK-21] returning Media fails the task: 'The state or return value could not be serialised'"
            + " (MEDIA-05)")
    void optional_TASK_21_returningMediaFailsTheTask(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("make_file", a -> new BlobMedia("text/plain", new byte[] {1}, "f.txt"));
        Task task = ended(env, launch("TASK-21", launcher(rt), "make_file"), "make_file");
        expectStatus("TASK-21", "make_file", task, Task.FAILED);
        Throwable error = Expect.raisesAnyOf(LAUNCHER, "make_file", List.of(RuntimeException.class),
                task::isCompleted);
        Expect.equal(LAUNCHER, "make_file", "message of the task's error",
                "The state or return value could not be serialised", error.getMessage());
        Expect.that(LAUNCHER, "make_file", error instanceof AnvilWrappedError w && w.wireType() == null,
                "an error without a type (AnvilWrappedError), as the platform records it",
                Describe.raised(error));
    }

    @Test
    @DisplayName("[TASK-22] a task has no run-time limit by default, even far past the call timeout")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_TASK_22_noRunTimeLimitByDefault(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Duration far = rt.callTimeout().multipliedBy(100).plusHours(1);
        rt.registerBackgroundTask("long", a -> {
            rt.time().advance(far);
            return "done";
        });
        Task task = ended(env, launch("TASK-22", launcher(rt), "long"), "long");
        expectStatus("TASK-22", "long", task, Task.COMPLETED);
        Expect.equal(LAUNCHER, "long", "task.get_return_value()", "done",
                read("TASK-22", "long", task::getReturnValue));
    }

    @Test
    @DisplayName("[TASK-23] a task whose worker dies ends as 'failed' with ExecutionTerminatedError")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_TASK_23_workerDeathFailsTheTask(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("doomed", a -> {
            rt.tasks().workerDies(me());
            return "not kept";
        });
        Task task = ended(env, launch("TASK-23", launcher(rt), "doomed"), "doomed");
        expectStatus("TASK-23", "doomed", task, Task.FAILED);
        Expect.raises(LAUNCHER, "doomed", ExecutionTerminatedError.class, task::isCompleted);
    }

    @Test
    @DisplayName("[TASK-23] a task the runtime lost track of ends as 'missing'; is_completed() raises InternalError"
            + " (TASK-09, TASK-10)")
    @RequiresFeature(Feature.FAULT_INJECTION)
    void optional_TASK_23_lostTaskIsMissing(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("lost", a -> {
            rt.tasks().executorForgets(me());
            return "not kept";
        });
        Task task = ended(env, launch("TASK-23", launcher(rt), "lost"), "lost");
        expectStatus("TASK-23", "lost", task, Task.MISSING);
        Expect.equal(LAUNCHER, "lost", "task.is_running()", false, read("TASK-23", "lost", task::isRunning));
        InternalError e = Expect.raises(LAUNCHER, "lost", InternalError.class, task::isCompleted);
        Expect.equal(LAUNCHER, "lost", "message", "The background task failed (mia).", e.getMessage());
    }

    // ---------------------------------------------------------------- TASK-24, TASK-25

    @Test
    @DisplayName("[TASK-24] a function registered both as callable and as background task is reachable both ways")
    void optional_TASK_24_callableAndBackgroundTask(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicInteger runs = new AtomicInteger();
        dev.anvilcheck.server.ServerFunction both = a -> "run " + runs.incrementAndGet();
        rt.register("both", both);
        rt.registerBackgroundTask("both", both);
        Caller browser = rt.browser();
        Expect.equal(browser, "both", "call('both')", "run 1",
                Expect.returns(browser, "both", () -> browser.call("both")));
        Task task = ended(env, launch("TASK-24", launcher(rt), "both"), "both");
        Expect.equal(LAUNCHER, "both", "task.get_return_value()", "run 2",
                read("TASK-24", "both", task::getReturnValue));
    }

    @Test
    @DisplayName("[TASK-25] finished tasks beyond the retention bound are discarded, oldest first, on the next launch;"
            + " a handle of a discarded task sees a task the runtime does not know")
    void optional_TASK_25_oldestFinishedTasksDiscarded(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        int bound = rt.tasks().retention();
        env.note("TASK-25 retention", String.valueOf(bound));
        Expect.optional(bound < 5_000, "retention bound " + bound
                + " (too many tasks to launch in a test; the App Server keeps 1000)");
        rt.registerBackgroundTask("job", a -> null);
        Caller launcher = launcher(rt);
        Task oldest = ended(env, launch("TASK-25", launcher, "job"), "job");
        Task second = ended(env, launch("TASK-25", launcher, "job"), "job");
        for (int i = 2; i <= bound; i++) {
            ended(env, launch("TASK-25", launcher, "job"), "job");
        }
        Task latest = launch("TASK-25", launcher, "job");
        List<String> listed = ids(Expect.returns(launcher, null, () -> launcher.listBackgroundTasks(false)));
        Expect.that(launcher, "job", !listed.contains(oldest.getId()),
                "the oldest of " + (bound + 1) + " finished tasks discarded", "it is still listed");
        Expect.that(launcher, "job", listed.contains(second.getId()) && listed.contains(latest.getId()),
                "the " + bound + " most recent finished tasks and the new one kept", Describe.value(listed.size())
                        + " tasks listed");
        Expect.raises(launcher, "job", BackgroundTaskNotFound.class,
                () -> launcher.getBackgroundTask(oldest.getId()));
        Expect.raises("TASK-14", launcher, "job", BackgroundTaskNotFound.class, oldest::getTaskName);
        Expect.raises("TASK-14", launcher, "job", BackgroundTaskNotFound.class, oldest::getStartTime);
        Expect.equal(launcher, "job", "get_termination_status() of a discarded task", Task.MISSING,
                Expect.returns(launcher, "job", oldest::getTerminationStatus));
        Expect.equal(launcher, "job", "is_running() of a discarded task", false,
                Expect.returns(launcher, "job", oldest::isRunning));
        InternalError mia = Expect.raises(launcher, "job", InternalError.class, oldest::isCompleted);
        Expect.equal(launcher, "job", "message of is_completed() of a discarded task",
                "The background task failed (mia).", mia.getMessage());
        Expect.equal(launcher, "job", "get_state() of a discarded task", null,
                Expect.returns(launcher, "job", oldest::getState));
        Expect.equal(launcher, "job", "get_return_value() of a discarded task", null,
                Expect.returns(launcher, "job", oldest::getReturnValue));
        Expect.equal(launcher, "job", "get_error() of a discarded task", null,
                Expect.returns(launcher, "job", oldest::getError));
        Expect.equal(launcher, "job", "outcome of kill() of a discarded task", null, attempt(() -> {
            oldest.kill();
            return null;
        }));
        ended(env, latest, "job");
    }

    // ---------------------------------------------------------------- not verified

    // ---------------------------------------------------------------- tasks and connected uplinks

    @Test
    @DisplayName("[TASK-02] a connected server uplink launches a task and follows it through the live handle it gets;"
            + " a client uplink's launch is refused with BackgroundTaskError")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_TASK_02_connectedServerUplinkLaunchesATask(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("task02_job", a -> {
            AnvilServer.taskState().put("seen", a.get(0));
            return List.of("done", a.get(0));
        });
        try (Uplink uplink = RealUplinks.connectServer("TASK-02", RealUplinks.server(rt));
                Uplink client = RealUplinks.connectClient("TASK-02", RealUplinks.client(rt))) {
            Task task = Expect.returns(CallerKind.UPLINK, "task02_job",
                    () -> uplink.launchBackgroundTask("task02_job", 7L));
            String id = Expect.returns(CallerKind.UPLINK, "task02_job", task::getId);
            Task watched = Expect.returns(LAUNCHER, "task02_job", () -> launcher(rt).getBackgroundTask(id));
            ended(env, watched, "task02_job");
            Expect.equal(CallerKind.UPLINK, "task02_job", "[name, status, return value, state, is_completed,"
                    + " is_running, error] through the uplink's handle",
                    java.util.Arrays.asList("task02_job", Task.COMPLETED, List.of("done", 7L), Map.of("seen", 7L), true,
                            false, null),
                    Expect.returns(CallerKind.UPLINK, "task02_job", () -> java.util.Arrays.asList(task.getTaskName(),
                            task.getTerminationStatus(), task.getReturnValue(), task.getState(), task.isCompleted(),
                            task.isRunning(), task.getError())));
            Expect.that(CallerKind.UPLINK, "task02_job", task.getStartTime() != null, "a start time",
                    "task.get_start_time() is None");
            Task again = Expect.returns(CallerKind.UPLINK, "task02_job", () -> uplink.getBackgroundTask(id));
            Expect.equal(CallerKind.UPLINK, "task02_job", "get_background_task(id).get_id()", id, again.getId());
            List<Object> listed = new ArrayList<>();
            for (Task t : Expect.returns(CallerKind.UPLINK, "task02_job", () -> uplink.listBackgroundTasks(false))) {
                listed.add(t.getId());
            }
            Expect.that(CallerKind.UPLINK, "task02_job", listed.contains(id), "list_background_tasks() to hold "
                    + id, "it holds " + listed);
            Expect.raises(CallerKind.CLIENT_UPLINK, "task02_job", BackgroundTaskError.class,
                    () -> client.launchBackgroundTask("task02_job", 1L));
        }
    }

    @Test
    @DisplayName("[TASK-05] the state of a task running on a connected uplink is visible while it runs, and its final"
            + " state and return value once it ended")
    @RequiresFeature({Feature.UPLINK_WIRE, Feature.CONCURRENT_TASKS})
    void optional_TASK_05_stateOfATaskRunningOnAConnectedUplink(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch halfway = env.latch(1);
        CountDownLatch release = env.latch(1);
        try (Uplink uplink = RealUplinks.connectServer("TASK-05", RealUplinks.server(rt))) {
            uplink.registerBackgroundTask("task05_on_uplink", a -> {
                AnvilServer.taskState().put("percent", 50L);
                halfway.countDown();
                env.await(release, "the test to release the task");
                AnvilServer.taskState().put("percent", 100L);
                return List.of("finished", a.get(0));
            });
            Task task = launch("TASK-05", launcher(rt), "task05_on_uplink", "x");
            env.await(halfway, "the task to report progress");
            Expect.equal(LAUNCHER, "task05_on_uplink", "task.get_state() while running", Map.of("percent", 50L),
                    read("TASK-05", "task05_on_uplink", task::getState));
            expectStatus("TASK-05", "task05_on_uplink", task, null);
            release.countDown();
            ended(env, task, "task05_on_uplink");
            Expect.equal(LAUNCHER, "task05_on_uplink", "task.get_state() at the end", Map.of("percent", 100L),
                    read("TASK-05", "task05_on_uplink", task::getState));
            Expect.equal(LAUNCHER, "task05_on_uplink", "task.get_return_value()", List.of("finished", "x"),
                    read("TASK-05", "task05_on_uplink", task::getReturnValue));
            expectStatus("TASK-05", "task05_on_uplink", task, Task.COMPLETED);
        }
    }

    @Test
    @DisplayName("[TASK-17] a connected client uplink holding a Task may read it, but kill() there raises"
            + " BackgroundTaskError")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_TASK_17_connectedClientUplinkReadsButCannotKill(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("task17_job", a -> {
            AnvilServer.taskState().put("done", true);
            return "result";
        });
        rt.register("task17_start", a -> AnvilServer.launchBackgroundTask("task17_job"));
        try (Uplink client = RealUplinks.connectClient("TASK-17", RealUplinks.client(rt))) {
            Object held = Expect.returns(CallerKind.CLIENT_UPLINK, "task17_start", () -> client.call("task17_start"));
            Expect.that(CallerKind.CLIENT_UPLINK, "task17_start", held instanceof Task, "a Task returned to the"
                    + " client uplink", Describe.returned(held));
            Task task = (Task) held;
            Expect.raises(CallerKind.CLIENT_UPLINK, "task17_job", BackgroundTaskError.class, () -> {
                task.kill();
                return null;
            });
            String id = Expect.returns(CallerKind.CLIENT_UPLINK, "task17_job", task::getId);
            ended(env, Expect.returns(LAUNCHER, "task17_job", () -> launcher(rt).getBackgroundTask(id)), "task17_job");
            Expect.equal(CallerKind.CLIENT_UPLINK, "task17_job", "[status, state, return value, is_running] on the"
                    + " client uplink", List.of(Task.COMPLETED, Map.of("done", true), "result", false),
                    Expect.returns(CallerKind.CLIENT_UPLINK, "task17_job", () -> List.of(task.getTerminationStatus(),
                            task.getState(), task.getReturnValue(), task.isRunning())));
        }
    }

    @Test
    @DisplayName("[TASK-13] a task on a connected uplink that raises: get_state() is the final task_state its failure"
            + " reply carries")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_TASK_13_finalStateOfAFailedTaskOnAConnectedUplink(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        try (Uplink uplink = RealUplinks.connectServer("TASK-13", RealUplinks.server(rt))) {
            uplink.registerBackgroundTask("task13_fails_on_uplink", a -> {
                AnvilServer.taskState().put("step", "before the error");
                throw new ValueError("no");
            });
            Task task = ended(env, launch("TASK-13", launcher(rt), "task13_fails_on_uplink"), "task13_fails_on_uplink");
            expectStatus("TASK-13", "task13_fails_on_uplink", task, Task.FAILED);
            Expect.equal(LAUNCHER, "task13_fails_on_uplink", "task.get_state() of the failed task",
                    Map.of("step", "before the error"), read("TASK-13", "task13_fails_on_uplink", task::getState));
        }
    }

    @Test
    @DisplayName("[TASK-17] a connected client uplink that calls a Task it was given with an altered MAC, or another"
            + " Task with its MAC, gets an error (Uplink protocol §2.5: a client uplink's LiveObjects need a valid MAC)")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_TASK_17_connectedClientUplinkCannotAlterOrMoveATaskMac(TestEnvironment env) throws Exception {
        RuntimeUnderTest rt = env.runtime();
        rt.registerBackgroundTask("task17_given", a -> "given");
        rt.register("task17_give", a -> AnvilServer.launchBackgroundTask("task17_given"));
        String other = ended(env, launch("TASK-17", launcher(rt), "task17_given"), "task17_given").getId();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        dev.anvilcheck.spi.UplinkEndpoint target = RealUplinks.target(rt);
        try (RawUplink raw = RawUplink.open(target.url(), target.clientKey(), "TASK-17", env.timeout())) {
            raw.text(json.writeValueAsString(Map.of("type", "CALL", "id", "task17-give", "command", "task17_give",
                    "args", List.of(), "kwargs", Map.of())));
            RawUplink.Frame given = raw.next(env.timeout(), "the reply to task17_give");
            com.fasterxml.jackson.databind.JsonNode handle = null;
            for (com.fasterxml.jackson.databind.JsonNode object : given.isBinary() ? json.createArrayNode()
                    : given.json().path("objects")) {
                if (object.path("mac").isTextual() && object.path("id").isTextual()) {
                    handle = object;
                }
            }
            Expect.that(CallerKind.CLIENT_UPLINK, "task17_give", handle != null, "a Task (a LiveObject with an id and"
                    + " a MAC) in the reply", given.isBinary() ? "a binary frame" : String.valueOf(given.json()));
            String handleId = handle.path("id").asText();
            String mac = handle.path("mac").asText();
            // the handle as given works, so the refusals below are the MAC's
            RawUplink.Frame own = callTask(raw, json, env, handleId, handle.path("backend").asText(), mac, "get_id");
            String givenId = own.isBinary() ? null : own.json().path("response").asText(null);
            Expect.that(CallerKind.CLIENT_UPLINK, "task17_given", givenId != null && !own.json().has("error")
                    && handleId.contains(givenId), "the Task's id from get_id() on the Task given",
                    own.isBinary() ? "a binary frame" : own.json() + " for the handle " + handle);
            RawUplink.Frame running = callTask(raw, json, env, handleId, handle.path("backend").asText(), mac,
                    "is_running");
            Expect.that(CallerKind.CLIENT_UPLINK, "task17_given", !running.isBinary()
                    && running.json().path("response").isBoolean(), "True or False from is_running() on the Task given",
                    String.valueOf(running.json()));
            String altered = (mac.startsWith("A") ? "B" : "A") + mac.substring(Math.min(1, mac.length()));
            String otherHandleId = handleId.replace(givenId, other);
            for (List<String> forged : List.of(List.of(handleId, altered), List.of(otherHandleId, mac))) {
                RawUplink.Frame reply = callTask(raw, json, env, forged.get(0), handle.path("backend").asText(),
                        forged.get(1), "get_id");
                Expect.that(CallerKind.CLIENT_UPLINK, "task17_given", !reply.isBinary() && reply.json().has("error")
                        && !reply.json().has("response"), "an error reply to get_id() on the Task with id "
                        + forged.get(0) + " and MAC " + forged.get(1), String.valueOf(reply.json()));
            }
        }
    }

    /** Calls {@code method()} on the Task handle {@code id}/{@code mac} over {@code raw} (Uplink protocol §3.4). */
    private static RawUplink.Frame callTask(RawUplink raw, com.fasterxml.jackson.databind.ObjectMapper json,
            TestEnvironment env, String id, String backend, String mac, String method) throws Exception {
        raw.text(json.writeValueAsString(Map.of("type", "CALL", "id", "task17-" + method + "-" + mac,
                "liveObjectCall", Map.of("id", id, "backend", backend, "mac", mac, "permissions", List.of(),
                        "method", method), "args", List.of(), "kwargs", Map.of())));
        return raw.next(env.timeout(), "the reply to " + method + "() on the Task " + id);
    }

    @Test
    @DisplayName("[TASK-07] get_state() of a task running on a connected uplink whose state holds Media raises"
            + " SerializationError (MEDIA-05)")
    @RequiresFeature({Feature.UPLINK_WIRE, Feature.CONCURRENT_TASKS})
    void optional_TASK_07_mediaInTheStateOfATaskOnAConnectedUplink(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch stored = env.latch(1);
        CountDownLatch release = env.latch(1);
        try (Uplink uplink = RealUplinks.connectServer("TASK-07", RealUplinks.server(rt))) {
            uplink.registerBackgroundTask("task07_on_uplink", a -> {
                AnvilServer.taskState().put("file", new BlobMedia("text/plain", new byte[] {1}, "f.txt"));
                stored.countDown();
                env.await(release, "the test to release the task");
                AnvilServer.taskState().remove("file");
                return null;
            });
            Task task = launch("TASK-07", launcher(rt), "task07_on_uplink");
            env.await(stored, "the task to store Media in its state");
            try {
                Expect.raises(LAUNCHER, "task07_on_uplink", SerializationError.class, task::getState);
            } finally {
                release.countDown();
            }
            ended(env, task, "task07_on_uplink");
        }
    }
}
