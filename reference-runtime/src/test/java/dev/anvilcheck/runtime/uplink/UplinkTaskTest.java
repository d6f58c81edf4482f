package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.BackgroundTaskKilled;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.Kwargs;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.uplink.Uplink;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Task handles the Java uplink client receives are live (Uplink protocol §3.4, §3.9, §4.6): each
 * method is a LiveObject call back to the reference runtime over the same connection, on loopback.
 */
class UplinkTaskTest {
    private static final String KEY = LoopbackUplinks.KEY;
    private static final String CLIENT_KEY = LoopbackUplinks.CLIENT_KEY;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();
    private final URI uri = loopback.uri();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    private <T extends AutoCloseable> T closing(T c) {
        return loopback.closing(c);
    }

    private Uplink connect(String key) {
        return loopback.connect(key);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("waited 10 s for " + what).isTrue();
    }

    private void awaitEnd(Task task) {
        assertThat(runtime.tasks().awaitTermination(task, WAIT)).as("task ended within 10 s").isTrue();
    }

    @Test
    @DisplayName("TASK-01, TASK-05, TASK-08..14 a server task launched from an uplink function: the live handle"
            + " follows its state to completion and its return value")
    void serverTaskFromUplinkCode() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runtime.registerBackgroundTask("crunch", args -> {
            AnvilServer.taskState().put("step", 1L);
            started.countDown();
            await(release, "the test to release the task");
            AnvilServer.taskState().put("step", 2L);
            return "done " + args.get(0) + args.kw("unit");
        });
        AtomicReference<Task> launched = new AtomicReference<>();
        Uplink uplink = connect(KEY);
        uplink.register("start", args -> {
            Task task = AnvilServer.launchBackgroundTask("crunch", 7L, Kwargs.kw("unit", "kg"));
            launched.set(task);
            return List.of(task.getId(), task);
        });
        List<?> reply = (List<?>) runtime.browser().call("start");
        Task live = launched.get();
        await(started, "the task to start");
        assertThat(live.getId()).isEqualTo(reply.get(0)).matches("[a-z2-7]{25}");
        assertThat(((Task) reply.get(1)).getId()).as("the handle crossed back to the browser").isEqualTo(reply.get(0));
        assertThat(live.isRunning()).isTrue();
        assertThat(live.getTerminationStatus()).isNull();
        assertThat(live.getState()).isEqualTo(Map.of("step", 1L));
        assertThat(live.isCompleted()).isFalse();
        assertThat(live.getReturnValue()).isNull();
        assertThat(live.getError()).isNull();
        assertThat(live.getTaskName()).isEqualTo("crunch");
        assertThat(live.getStartTime()).isInstanceOf(OffsetDateTime.class);
        release.countDown();
        awaitEnd(live);
        assertThat(live.isRunning()).isFalse();
        assertThat(live.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(live.isCompleted()).isTrue();
        assertThat(live.getReturnValue()).isEqualTo("done 7kg");
        assertThat(live.getState()).isEqualTo(Map.of("step", 2L));
        assertThat(live.getError()).isNull();
        assertThat(live).isEqualTo(uplink.getBackgroundTask(live.getId())).hasSameHashCodeAs(live);
    }

    @Test
    @DisplayName("TASK-03, TASK-10..12, ERR-02 a failed task's errors arrive as their own classes; launch from"
            + " top-level uplink code, by the Uplink and by AnvilServer with the uplink bound")
    void failedTaskFromTopLevel() {
        runtime.registerBackgroundTask("denied", args -> {
            throw new PermissionDenied("not you");
        });
        runtime.registerBackgroundTask("bad", args -> {
            throw new ValueError("bad value");
        });
        Uplink uplink = connect(KEY);
        Task denied = uplink.launchBackgroundTask("denied");
        awaitEnd(denied);
        assertThat(denied.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(denied::isCompleted).isInstanceOf(PermissionDenied.class).hasMessage("not you");
        assertThatThrownBy(denied::getError).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(denied::getReturnValue).isInstanceOf(PermissionDenied.class);
        Task bad = uplink.launchBackgroundTask("bad");
        awaitEnd(bad);
        assertThatThrownBy(bad::isCompleted).isInstanceOf(AnvilWrappedError.class).hasMessage("bad value")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo("ValueError"));
        Task unknown;
        try (CallScope.Binding top = uplink.bind()) {
            unknown = AnvilServer.launchBackgroundTask("no_such_task");
            assertThat(AnvilServer.getBackgroundTask(unknown.getId())).isEqualTo(unknown);
            assertThat(AnvilServer.listBackgroundTasks()).contains(denied, bad, unknown);
            assertThat(AnvilServer.context().type()).isEqualTo("uplink");
        }
        awaitEnd(unknown);
        assertThat(unknown.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(unknown::isCompleted).isInstanceOf(NoServerFunctionError.class);
    }

    @Test
    @DisplayName("TASK-15, TASK-10 kill() of a server task through the live handle: 'killed', is_completed raises"
            + " BackgroundTaskKilled")
    void killServerTask() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        runtime.registerBackgroundTask("victim", args -> {
            AnvilServer.taskState().put("phase", "blocked");
            started.countDown();
            new CountDownLatch(1).await();
            return "not kept";
        });
        Uplink uplink = connect(KEY);
        Task task = uplink.launchBackgroundTask("victim");
        await(started, "the task to block");
        task.kill();
        awaitEnd(task);
        assertThat(task.getTerminationStatus()).isEqualTo(Task.KILLED);
        assertThatThrownBy(task::isCompleted).isInstanceOf(BackgroundTaskKilled.class)
                .hasMessage("The background task was killed.");
        assertThat(task.getReturnValue()).isNull();
        assertThat(task.getError()).isNull();
        assertThat(task.getState()).isEqualTo(Map.of("phase", "blocked"));
        task.kill();
        assertThat(task.getTerminationStatus()).as("TASK-16 kill of an ended task does nothing").isEqualTo(Task.KILLED);
    }

    @Test
    @DisplayName("TASK-18, §3.9 a task the uplink itself provides, launched by the uplink: its state while it runs"
            + " comes from the uplink, kill() does nothing, it completes")
    void uplinkTaskCannotBeKilled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Uplink uplink = connect(KEY);
        uplink.registerBackgroundTask("remote", args -> {
            AnvilServer.taskState().put("percent", 50L);
            started.countDown();
            await(release, "the test to release the task");
            AnvilServer.taskState().put("percent", 100L);
            return "finished";
        });
        Task task = uplink.launchBackgroundTask("remote");
        await(started, "the uplink task to start");
        assertThat(task.isRunning()).isTrue();
        assertThat(task.getState()).isEqualTo(Map.of("percent", 50L));
        task.kill();
        assertThat(task.isRunning()).as("still running after kill()").isTrue();
        assertThat(task.getTerminationStatus()).isNull();
        release.countDown();
        awaitEnd(task);
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(task.getReturnValue()).isEqualTo("finished");
        assertThat(task.getState()).isEqualTo(Map.of("percent", 100L));
    }

    @Test
    @DisplayName("TASK-07, §3.9 get_state() of a running uplink task whose state holds Media raises SerializationError")
    void uplinkTaskStateWithMedia() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Uplink uplink = connect(KEY);
        uplink.registerBackgroundTask("media_state", args -> {
            AnvilServer.taskState().put("file", new BlobMedia("text/plain", new byte[] {1}, "f.txt"));
            started.countDown();
            await(release, "the test to release the task");
            AnvilServer.taskState().remove("file");
            return null;
        });
        Task task = uplink.launchBackgroundTask("media_state");
        await(started, "the uplink task to start");
        assertThatThrownBy(task::getState).isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Illegal value in a anvil.server.task_state.");
        release.countDown();
        awaitEnd(task);
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(task.getState()).isEqualTo(Map.of());
    }

    @Test
    @DisplayName("TASK-19, TASK-20 get_background_task and list_background_tasks from uplink code give live handles")
    void lookUpAndList() {
        runtime.registerBackgroundTask("job", args -> "r");
        Uplink uplink = connect(KEY);
        Task task = uplink.launchBackgroundTask("job");
        awaitEnd(task);
        String id = task.getId();
        AtomicReference<Object> inside = new AtomicReference<>();
        uplink.register("find", args -> {
            inside.set(List.of(AnvilServer.getBackgroundTask(id).getReturnValue(),
                    AnvilServer.listBackgroundTasks().size()));
            return null;
        });
        runtime.browser().call("find");
        assertThat(inside.get()).isEqualTo(List.of("r", 1));
        assertThat(uplink.getBackgroundTask(id).getReturnValue()).isEqualTo("r");
        assertThat(uplink.listBackgroundTasks(false)).containsExactly(task);
        assertThatThrownBy(() -> uplink.getBackgroundTask("nosuchtask")).isInstanceOf(BackgroundTaskNotFound.class)
                .hasMessage("Background Task not found: nosuchtask");
    }

    @Test
    @DisplayName("TASK-02, TASK-17 a client uplink cannot launch; holding a task a server function returned, it may"
            + " read it but not kill it")
    void clientUplink() {
        runtime.registerBackgroundTask("job", args -> {
            AnvilServer.taskState().put("done", true);
            return "result";
        });
        runtime.register("start", args -> AnvilServer.launchBackgroundTask("job"));
        Uplink client = connect(CLIENT_KEY);
        assertThatThrownBy(() -> client.launchBackgroundTask("job")).isInstanceOf(BackgroundTaskError.class);
        Task task = (Task) client.call("start");
        awaitEnd(task);
        assertThatThrownBy(task::kill).isInstanceOf(BackgroundTaskError.class);
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
        assertThat(task.getState()).isEqualTo(Map.of("done", true));
        assertThat(task.getReturnValue()).isEqualTo("result");
    }

    @Test
    @DisplayName("TASK-17, §4.6 a client uplink cannot name a task it was not given: a handle without the server's"
            + " MAC is refused as InvalidObjectError")
    void clientUplinkCannotForgeAHandle() {
        runtime.registerBackgroundTask("job", args -> "secret");
        Task task = connect(KEY).launchBackgroundTask("job");
        awaitEnd(task);
        String forged = "{\"type\": \"CALL\", \"id\": \"f1\", \"args\": [], \"kwargs\": {},"
                + " \"liveObjectCall\": {\"id\": \"\\\"" + task.getId() + "\\\"\", \"backend\":"
                + " \"anvil.private.BackgroundTask\", \"mac\": null, \"permissions\": [],"
                + " \"method\": \"get_return_value\"}}";
        try (WsClient client = WsClient.authenticated(uri, CLIENT_KEY)) {
            client.send(forged);
            com.fasterxml.jackson.databind.JsonNode reply = client.nextJson();
            assertThat(reply.path("id").asText()).isEqualTo("f1");
            assertThat(reply.has("response")).as("no value for a forged handle: " + reply).isFalse();
            assertThat(reply.path("error").path("type").asText()).isEqualTo("anvil.server.InvalidObjectError");
        }
    }

    @Test
    @DisplayName("UPL-01, UPL-10 after disconnect() a handle raises the client's 'connect first' error; after a lost"
            + " connection, 'Connection to Anvil Uplink server lost'")
    void handlesAfterDisconnect() throws Exception {
        runtime.registerBackgroundTask("job", args -> "r");
        Uplink uplink = connect(KEY);
        Task task = uplink.launchBackgroundTask("job");
        awaitEnd(task);
        String id = task.getId();
        uplink.disconnect();
        assertThatThrownBy(task::getTerminationStatus).isInstanceOf(RuntimeError.class).hasMessage(Uplink.NOT_CONNECTED);
        assertThatThrownBy(task::kill).isInstanceOf(RuntimeError.class).hasMessage(Uplink.NOT_CONNECTED);

        TcpProxy proxy = closing(new TcpProxy(uri.getPort()));
        Uplink cut = closing(Uplink.builder(URI.create("ws://127.0.0.1:" + proxy.port() + "/_/uplink"), KEY)
                .heartbeatInterval(Duration.ZERO).reconnectDelays(Duration.ofHours(1), Duration.ofHours(1)).connect());
        Task held = cut.getBackgroundTask(id);
        assertThat(held.getReturnValue()).isEqualTo("r");
        proxy.dropAll();
        assertThatThrownBy(held::getReturnValue).isInstanceOf(AnvilWrappedError.class)
                .hasMessage(Uplink.CONNECTION_LOST);
    }
}
