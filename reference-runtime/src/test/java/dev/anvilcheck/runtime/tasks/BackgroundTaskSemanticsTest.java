package dev.anvilcheck.runtime.tasks;

import static dev.anvilcheck.server.AnvilServer.call;
import static dev.anvilcheck.server.AnvilServer.context;
import static dev.anvilcheck.server.AnvilServer.getBackgroundTask;
import static dev.anvilcheck.server.AnvilServer.launchBackgroundTask;
import static dev.anvilcheck.server.AnvilServer.taskState;
import static dev.anvilcheck.server.Kwargs.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.SimulatedBackgroundTask;
import dev.anvilcheck.runtime.SimulatedUplink;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.BackgroundTaskKilled;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.users.AuthenticationFailed;
import dev.anvilcheck.users.Users;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The semantics of background tasks (TASK-01..25) in both execution modes: every test runs once with
 * tasks on threads and once with deterministic tasks, and must observe the same. Task functions
 * never block here; what a task sees while it runs, it observes itself.
 */
class BackgroundTaskSemanticsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private AnvilRuntime runtime;

    private AnvilRuntime start(TaskExecution mode) {
        return start(AnvilRuntime.builder().taskExecution(mode));
    }

    private AnvilRuntime start(AnvilRuntime.Builder builder) {
        runtime = builder.build();
        return runtime;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private Task launch(String name, Object... args) {
        return runtime.serverModule().launchBackgroundTask(name, args);
    }

    private Task finished(Task task) {
        assertThat(runtime.tasks().awaitTermination(task, WAIT)).as("task ended").isTrue();
        return task;
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void aCompletedTaskKeepsItsReturnValueAndFinalState(TaskExecution mode) {
        start(mode).registerBackgroundTask("sum", a -> {
            TaskState state = taskState();
            assertThat(state).isEmpty();
            state.put("progress", 1L);
            state.put("note", null);
            return ((Long) a.get(0)) + (Long) a.kw("plus");
        });
        Task task = finished(launch("sum", 40L, kw("plus", 2L)));
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(task.isRunning()).isFalse();
        assertThat(task.isCompleted()).isTrue();
        assertThat(task.getError()).isNull();
        assertThat(task.getReturnValue()).isEqualTo(42L);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("progress", 1L);
        expected.put("note", null);
        assertThat(task.getState()).isEqualTo(expected);
        assertThat(task.getTaskName()).isEqualTo("sum");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void whileRunningATaskSeesItselfRunningWithItsLiveState(TaskExecution mode) {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        start(mode).registerBackgroundTask("self", a -> {
            Task me = getBackgroundTask(context().backgroundTaskId());
            taskState().put("step", 3L);
            seen.set(List.of(me.isRunning(), String.valueOf(me.getTerminationStatus()), me.isCompleted(),
                    me.getState(), String.valueOf(me.getReturnValue()), String.valueOf(me.getError())));
            return "done";
        });
        finished(launch("self"));
        assertThat(seen.get()).containsExactly(true, "null", false, Map.of("step", 3L), "null", "null");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void aFailedTaskRaisesItsErrorAsItWouldCrossTheWire(TaskExecution mode) {
        start(mode).registerBackgroundTask("denied", a -> {
            taskState().put("before", "failing");
            throw new PermissionDenied("no");
        });
        runtime.registerBackgroundTask("bad_value", a -> {
            throw new IllegalArgumentException("bad");
        });
        Task denied = finished(launch("denied"));
        assertThat(denied.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(denied::isCompleted).isInstanceOf(PermissionDenied.class).hasMessage("no");
        assertThatThrownBy(denied::getError).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(denied::getReturnValue).isInstanceOf(PermissionDenied.class);
        assertThat(denied.getState()).isEqualTo(Map.of("before", "failing"));
        Task bad = finished(launch("bad_value"));
        assertThatThrownBy(bad::isCompleted).isExactlyInstanceOf(AnvilWrappedError.class).hasMessage("bad")
                .extracting(e -> ((AnvilWrappedError) e).wireType()).isEqualTo("IllegalArgumentException");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void anUnknownTaskNameStillReturnsATaskThatFails(TaskExecution mode) {
        start(mode);
        Task task = finished(launch("nothing_here"));
        assertThat(task.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(task::isCompleted).isInstanceOf(NoServerFunctionError.class)
                .hasMessage("No server function matching \"task:nothing_here\" has been registered");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void mediaInTheReturnValueFailsTheTaskAndDropsItsState(TaskExecution mode) {
        start(mode).registerBackgroundTask("media", a -> {
            taskState().put("fine", 1L);
            return List.of(new BlobMedia("text/plain", new byte[] {1}));
        });
        Task task = finished(launch("media"));
        assertThat(task.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(task::getError).isExactlyInstanceOf(AnvilWrappedError.class)
                .hasMessage("The state or return value could not be serialised");
        assertThat(task.getState()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void mediaInTheStateFailsQueriesWhileRunningAndIsDroppedAtTheEnd(TaskExecution mode) {
        AtomicReference<Throwable> query = new AtomicReference<>();
        start(mode).registerBackgroundTask("state_media", a -> {
            taskState().put("file", new BlobMedia("text/plain", new byte[] {1}));
            try {
                getBackgroundTask(context().backgroundTaskId()).getState();
            } catch (RuntimeException e) {
                query.set(e);
            }
            return "ok";
        });
        Task task = finished(launch("state_media"));
        assertThat(query.get()).isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Illegal value in a anvil.server.task_state.");
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(task.getReturnValue()).isEqualTo("ok");
        assertThat(task.getState()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void aKilledTaskKeepsTheStateOfTheKillAndNothingAfterIt(TaskExecution mode) throws InterruptedException {
        AtomicReference<Throwable> afterKill = new AtomicReference<>();
        CountDownLatch bodyEnded = new CountDownLatch(1);
        start(mode).registerBackgroundTask("victim", a -> {
            try {
                taskState().put("before", true);
                getBackgroundTask(context().backgroundTaskId()).kill();
                taskState().put("after", true);
                call("anything");
            } catch (RuntimeException e) {
                afterKill.set(e);
            } finally {
                bodyEnded.countDown();
            }
            return "ignored";
        });
        runtime.register("anything", a -> "reached");
        Task task = finished(launch("victim"));
        assertThat(bodyEnded.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.KILLED);
        assertThat(task.getState()).isEqualTo(Map.of("before", true));
        assertThat(task.getReturnValue()).isNull();
        assertThat(task.getError()).isNull();
        assertThat(task.isRunning()).isFalse();
        assertThatThrownBy(task::isCompleted).isInstanceOf(BackgroundTaskKilled.class)
                .hasMessage("The background task was killed.");
        assertThat(afterKill.get()).isInstanceOf(ExecutionTerminatedError.class);
        task.kill();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.KILLED);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void killingAFinishedTaskChangesNothing(TaskExecution mode) {
        start(mode).registerBackgroundTask("quick", a -> "v");
        Task task = finished(launch("quick"));
        task.kill();
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(task.getReturnValue()).isEqualTo("v");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void aTaskRunsInAFreshSessionBelowItsLaunchersFrames(TaskExecution mode) {
        AtomicReference<CallContext> inTask = new AtomicReference<>();
        AtomicReference<Object> userInTask = new AtomicReference<>("unset");
        AtomicReference<List<String>> sessionKeys = new AtomicReference<>();
        AtomicReference<CallContext> nested = new AtomicReference<>();
        AtomicReference<Task> launched = new AtomicReference<>();
        start(mode).registerBackgroundTask("observe", a -> {
            inTask.set(context());
            userInTask.set(Users.getUser());
            sessionKeys.set(new ArrayList<>(AnvilServer.session().keys()));
            call("probe");
            return null;
        });
        runtime.register("probe", a -> {
            nested.set(context());
            return null;
        });
        runtime.register("start", a -> {
            AnvilServer.session().put("launcher", "data");
            launched.set(launchBackgroundTask("observe"));
            return null;
        });
        runtime.browser().user(Map.of("email", "ann@example.com")).call("start");
        Task task = finished(launched.get());
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        CallContext context = inTask.get();
        assertThat(context.backgroundTaskId()).isEqualTo(task.getId());
        assertThat(context.client().type()).isEqualTo("background_task");
        assertThat(context.remoteCaller()).isEqualTo(StackFrame.of("server_module"));
        assertThat(context.callStack()).extracting(StackFrame::type).containsExactly("server_module", "browser");
        assertThat(userInTask.get()).isNull();
        assertThat(sessionKeys.get()).isEmpty();
        assertThat(nested.get().backgroundTaskId()).isEqualTo(task.getId());
        assertThat(nested.get().remoteCaller().type()).isEqualTo("server_module");

        SimulatedBackgroundTask simulated = runtime.backgroundTask();
        simulated.call("probe");
        CallContext fromSimulated = nested.get();
        assertThat(fromSimulated.client()).isEqualTo(context.client());
        assertThat(fromSimulated.remoteCaller()).isEqualTo(StackFrame.of("server_module"));
        assertThat(fromSimulated.backgroundTaskId()).matches("[a-z2-7]{25}");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void aRequireUserFunctionCalledFromATaskFails(TaskExecution mode) {
        AtomicReference<Throwable> raised = new AtomicReference<>();
        start(mode).register("secret", RequireUser.loggedIn(), a -> "s");
        runtime.registerBackgroundTask("job", a -> {
            try {
                call("secret");
            } catch (RuntimeException e) {
                raised.set(e);
            }
            return null;
        });
        finished(runtime.uplink().user(Map.of("email", "x")).launchBackgroundTask("job"));
        assertThat(raised.get()).isInstanceOf(AuthenticationFailed.class);
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void taskStateOutsideATasksOwnFunctionRaises(TaskExecution mode) {
        AtomicReference<Throwable> nested = new AtomicReference<>();
        AtomicReference<Throwable> plain = new AtomicReference<>();
        start(mode).register("plain", a -> {
            try {
                taskState().put("k", 1L);
            } catch (RuntimeException e) {
                plain.set(e);
            }
            return null;
        });
        runtime.registerBackgroundTask("job", a -> {
            try {
                call("plain");
            } finally {
                nested.set(plain.getAndSet(null));
            }
            return null;
        });
        runtime.browser().call("plain");
        assertThat(plain.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot access anvil.server.task_state outside a background task");
        finished(launch("job"));
        assertThat(nested.get()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> taskState().get("k")).isInstanceOf(IllegalStateException.class);
        SimulatedUplink uplink = runtime.uplink();
        AtomicReference<Throwable> onUplink = new AtomicReference<>();
        uplink.register("up", a -> {
            try {
                taskState().size();
            } catch (RuntimeException e) {
                onUplink.set(e);
            }
            return null;
        });
        runtime.browser().call("up");
        assertThat(onUplink.get()).hasMessage("anvil.server.task_state is only accessible in background tasks");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void onlyTrustedCodeManagesTasks(TaskExecution mode) {
        start(mode).registerBackgroundTask("job", a -> null);
        assertThatThrownBy(() -> runtime.browser().launchBackgroundTask("job")).isInstanceOf(RuntimeError.class)
                .hasMessage("Cannot launch Background Tasks from client code.");
        assertThatThrownBy(() -> runtime.browser().getBackgroundTask("x")).isInstanceOf(RuntimeError.class)
                .hasMessage("Cannot call this function from client code");
        assertThatThrownBy(() -> runtime.browser().listBackgroundTasks()).isInstanceOf(RuntimeError.class);
        assertThatThrownBy(() -> runtime.clientUplink().launchBackgroundTask("job"))
                .isInstanceOf(BackgroundTaskError.class);
        assertThatThrownBy(() -> runtime.http().getBackgroundTask("x")).isInstanceOf(BackgroundTaskError.class);
        assertThatThrownBy(() -> runtime.email().listBackgroundTasks()).isInstanceOf(BackgroundTaskError.class);
        for (Task task : List.of(runtime.serverModule().launchBackgroundTask("job"),
                runtime.uplink().launchBackgroundTask("job"), runtime.backgroundTask().launchBackgroundTask("job"))) {
            assertThat(finished(task).getTerminationStatus()).isEqualTo(Task.COMPLETED);
        }
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void aTaskReturnedToTheBrowserCanBeReadButNotKilledThere(TaskExecution mode) {
        start(mode).registerBackgroundTask("job", a -> "result");
        runtime.register("start", a -> Map.of("task", launchBackgroundTask("job")));
        runtime.register("kill_it", a -> {
            ((Task) a.get(0)).kill();
            return null;
        });
        Task held = (Task) ((Map<?, ?>) runtime.browser().call("start")).get("task");
        assertThatThrownBy(held::kill).isInstanceOf(BackgroundTaskError.class)
                .hasMessage("Can't manage background tasks from the client");
        finished(held);
        assertThat(held.getReturnValue()).isEqualTo("result");
        Task second = (Task) ((Map<?, ?>) runtime.browser().call("start")).get("task");
        runtime.browser().call("kill_it", second);
        assertThat(finished(second).getTerminationStatus()).isIn(Task.KILLED, Task.COMPLETED);
        assertThat(runtime.serverModule().call("start")).isInstanceOf(Map.class);
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void tasksAreFoundByIdAndListed(TaskExecution mode) {
        start(mode).registerBackgroundTask("job", a -> null);
        Task first = launch("job");
        Task second = launch("job");
        assertThat(runtime.serverModule().getBackgroundTask(first.getId())).isEqualTo(first);
        assertThat(runtime.serverModule().listBackgroundTasks()).containsExactly(first, second);
        assertThat(runtime.serverModule().listBackgroundTasks(true)).containsExactly(first, second);
        assertThatThrownBy(() -> runtime.serverModule().getBackgroundTask("nope"))
                .isInstanceOf(BackgroundTaskNotFound.class).hasMessage("Background Task not found: nope");
        finished(second);
        finished(first);
        assertThat(runtime.uplink().listBackgroundTasks()).containsExactly(first, second);
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void idsHaveTheAppServersShapeAndStartTimesComeFromTheRuntimeClock(TaskExecution mode) {
        FakeClock clock = FakeClock.create();
        start(AnvilRuntime.builder().clock(clock).taskExecution(mode)).registerBackgroundTask("job", a -> null);
        Task first = launch("job");
        clock.advance(Duration.ofMinutes(5));
        Task second = launch("job");
        assertThat(first.getId()).matches("[a-z2-7]{25}").isNotEqualTo(second.getId());
        assertThat(first.getStartTime()).isEqualTo(OffsetDateTime.ofInstant(FakeClock.DEFAULT_START, ZoneOffset.UTC));
        assertThat(second.getStartTime()).isEqualTo(first.getStartTime().plusMinutes(5));
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void finishedRecordsBeyondTheRetentionBoundAreDiscardedOnLaunch(TaskExecution mode) {
        start(AnvilRuntime.builder().taskExecution(mode).taskRetention(2)).registerBackgroundTask("job", a -> null);
        Task oldest = finished(launch("job"));
        finished(launch("job"));
        finished(launch("job"));
        assertThat(runtime.serverModule().listBackgroundTasks()).hasSize(3);
        Task latest = launch("job");
        assertThat(runtime.serverModule().listBackgroundTasks()).hasSize(3).doesNotContain(oldest).contains(latest);
        assertThatThrownBy(() -> runtime.serverModule().getBackgroundTask(oldest.getId()))
                .isInstanceOf(BackgroundTaskNotFound.class);
        assertThat(oldest.getTerminationStatus()).isEqualTo(Task.MISSING);
        assertThat(oldest.isRunning()).isFalse();
        assertThat(oldest.getState()).isNull();
        assertThatThrownBy(oldest::getTaskName).isInstanceOf(BackgroundTaskNotFound.class);
        assertThatThrownBy(oldest::getStartTime).isInstanceOf(BackgroundTaskNotFound.class);
        assertThatThrownBy(oldest::isCompleted).isInstanceOf(InternalError.class)
                .hasMessage("The background task failed (mia).");
        oldest.kill();
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void tasksHaveNoTimeLimitUnlessConfigured(TaskExecution mode) {
        start(mode).registerBackgroundTask("long", a -> {
            runtime.fakeClock().advance(Duration.ofHours(2));
            return "done";
        });
        assertThat(finished(launch("long")).getReturnValue()).isEqualTo("done");
        runtime.close();
        start(AnvilRuntime.builder().taskExecution(mode).backgroundTaskTimeout(Duration.ofMinutes(1)))
                .registerBackgroundTask("long", a -> {
                    runtime.fakeClock().advance(Duration.ofMinutes(2));
                    return "done";
                });
        Task limited = finished(launch("long"));
        assertThat(limited.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(limited::getError).isInstanceOf(TimeoutError.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void workerDeathFailsATaskAndALostTaskIsMissing(TaskExecution mode) {
        start(mode).registerBackgroundTask("dies", a -> {
            runtime.tasks().workerDies(getBackgroundTask(context().backgroundTaskId()));
            return "never kept";
        });
        runtime.registerBackgroundTask("lost", a -> {
            runtime.tasks().executorForgets(getBackgroundTask(context().backgroundTaskId()));
            return "never kept";
        });
        Task dies = finished(launch("dies"));
        assertThat(dies.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(dies::isCompleted).isInstanceOf(ExecutionTerminatedError.class);
        Task lost = finished(launch("lost"));
        assertThat(lost.getTerminationStatus()).isEqualTo(Task.MISSING);
        assertThat(lost.isRunning()).isFalse();
        assertThat(lost.getError()).isNull();
        assertThatThrownBy(lost::isCompleted).isInstanceOf(InternalError.class)
                .hasMessage("The background task failed (mia).");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void aTaskRunningOnAnUplinkCannotBeKilled(TaskExecution mode) {
        AtomicReference<List<Object>> afterKill = new AtomicReference<>();
        start(mode);
        SimulatedUplink uplink = runtime.uplink();
        uplink.registerBackgroundTask("remote", a -> {
            Task me = getBackgroundTask(context().backgroundTaskId());
            me.kill();
            afterKill.set(java.util.Arrays.asList(me.isRunning(), me.getTerminationStatus(), context().type()));
            return "finished anyway";
        });
        Task task = finished(launch("remote"));
        assertThat(afterKill.get()).containsExactly(true, null, "uplink");
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(task.getReturnValue()).isEqualTo("finished anyway");
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void argumentsCrossAtLaunch(TaskExecution mode) {
        AtomicReference<Object> received = new AtomicReference<>();
        start(mode).registerBackgroundTask("keep", a -> {
            received.set(a.args());
            return null;
        });
        List<Object> list = new ArrayList<>(List.of(1, "two"));
        Task task = launch("keep", list, new BlobMedia("text/plain", new byte[] {7}, "a.txt"));
        list.add("three");
        finished(task);
        List<?> args = (List<?>) received.get();
        assertThat(args.get(0)).isEqualTo(List.of(1L, "two"));
        assertThat(((BlobMedia) args.get(1)).getBytes()).containsExactly(7);
        assertThatThrownBy(() -> launch("keep", new Object())).isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Cannot serialize arguments to function.");
    }

    public static class Jobs {
        @BackgroundTask
        public String cleanup(long days) {
            return "cleaned " + days;
        }

        @BackgroundTask("renamed")
        @Callable("both_ways")
        public String both() {
            return "ran";
        }
    }

    @ParameterizedTest
    @EnumSource(TaskExecution.class)
    void annotatedTasksAreRegisteredUnderTheTaskPrefix(TaskExecution mode) {
        start(mode).register(new Jobs());
        assertThatThrownBy(() -> runtime.browser().call("cleanup", 3)).isInstanceOf(NoServerFunctionError.class);
        assertThat(finished(launch("cleanup", 3)).getReturnValue()).isEqualTo("cleaned 3");
        assertThat(runtime.browser().call("both_ways")).isEqualTo("ran");
        assertThat(finished(launch("renamed")).getReturnValue()).isEqualTo("ran");
        assertThat(runtime.serverModule().call("task:cleanup", 1)).isEqualTo("cleaned 1");
    }
}
