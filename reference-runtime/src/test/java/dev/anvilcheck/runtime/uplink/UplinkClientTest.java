package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.serve.Serve;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.Kwargs;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.uplink.UplinkFatalError;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Java uplink client ({@link Uplink}) against the reference runtime's uplink server, on loopback. */
class UplinkClientTest {
    private static final String KEY = LoopbackUplinks.KEY;
    private static final String CLIENT_KEY = LoopbackUplinks.CLIENT_KEY;

    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();
    private final URI uri = loopback.uri();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws Exception {
        loopback.close();
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private <T extends AutoCloseable> T closing(T c) {
        return loopback.closing(c);
    }

    private Uplink connect(String key) {
        return loopback.connect(key);
    }

    private <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, callers);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("UPL-02, UPL-05, CTX-01 connect blocks until authenticated; a registered function serves a browser's call"
            + " on its own thread, with context type uplink and the caller's client and stack")
    void serveCalls() {
        Uplink uplink = connect(KEY);
        assertThat(uplink.isConnected()).isTrue();
        assertThat(uplink.privilege()).isEqualTo("uplink");
        List<Object> seen = new CopyOnWriteArrayList<>();
        uplink.register("add", args -> {
            CallContext ctx = AnvilServer.context();
            seen.add(ctx);
            seen.add(Thread.currentThread().getName());
            return (Long) args.get(0) + (Long) args.get(1) + (Long) args.kw("c");
        });
        runtime.register("add", args -> "server code");
        assertThat(runtime.browser().call("add", 1L, 2L, Kwargs.kw("c", 3L))).isEqualTo(6L);
        CallContext ctx = (CallContext) seen.get(0);
        assertThat(ctx.type()).isEqualTo("uplink");
        assertThat(ctx.client().type()).isEqualTo("browser");
        assertThat(ctx.remoteCaller().type()).isEqualTo("browser");
        assertThat(ctx.remoteCaller().isTrusted()).isFalse();
        assertThat((String) seen.get(1)).startsWith("uplink-call-");
    }

    @Test
    @DisplayName("UPL-03 a wrong key is a clear fatal error from connect, and nothing is left running")
    void wrongKey() {
        assertThatThrownBy(() -> Uplink.connect(uri, "WRONG")).isInstanceOf(UplinkFatalError.class)
                .hasMessage("Anvil fatal error: Incorrect uplink key")
                .extracting(e -> ((UplinkFatalError) e).serverMessage()).isEqualTo("Incorrect uplink key");
    }

    @Test
    @DisplayName("ERR-01, ERR-02 calls from the uplink: results, Kwargs, errors by their wire types, unknown names")
    void callTheApp() {
        runtime.register("greet", args -> "hello " + args.get(0) + args.kw("punct"));
        runtime.register("bad", args -> {
            throw new ValueError("bad x");
        });
        Uplink uplink = connect(KEY);
        assertThat(uplink.call("greet", "ann", Kwargs.kw("punct", "!"))).isEqualTo("hello ann!");
        assertThatThrownBy(() -> uplink.call("bad")).isInstanceOf(AnvilWrappedError.class).hasMessage("bad x")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).errorObj().type()).isEqualTo("ValueError"));
        assertThatThrownBy(() -> uplink.call("missing")).isInstanceOf(NoServerFunctionError.class);
        assertThat(uplink.heartbeat()).isEqualTo("keep-alive");
        assertThat(uplink.heartbeats()).isEqualTo(1);
    }

    @Test
    @DisplayName("ERR-02 an error raised by an uplink function reaches the caller by its wire type")
    void errorsFromTheUplink() {
        Uplink uplink = connect(KEY);
        uplink.register("fails", args -> {
            throw new ValueError("nope");
        });
        assertThatThrownBy(() -> runtime.browser().call("fails")).isInstanceOf(AnvilWrappedError.class).hasMessage("nope")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).errorObj().type()).isEqualTo("ValueError"));
        uplink.register("denies", args -> {
            throw new PermissionDenied("no");
        });
        assertThatThrownBy(() -> runtime.browser().call("denies")).isInstanceOf(PermissionDenied.class);
    }

    @Test
    @DisplayName("CTX-02, UPL-06, UPL-07 a client key: untrusted calls, no scoped names, registering is fatal")
    void clientKey() {
        runtime.register("whoami", args -> {
            CallContext ctx = AnvilServer.context();
            return List.of(ctx.client().type(), ctx.remoteCaller().isTrusted());
        });
        runtime.registerBackgroundTask("job", args -> null);
        Uplink client = connect(CLIENT_KEY);
        assertThat(client.privilege()).isEqualTo("client");
        assertThat(client.call("whoami")).isEqualTo(List.of("client_uplink", false));
        assertThatThrownBy(() -> client.call("task:job")).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> closing(Uplink.builder(uri, CLIENT_KEY).heartbeatInterval(Duration.ZERO)
                .register("f", args -> 1).connect()))
                .isInstanceOf(UplinkFatalError.class)
                .hasMessageContaining("Cannot register @anvil.server.callable functions from an unprivileged");
    }

    @Test
    @DisplayName("SESS-01, §3.4, SESS-15 the uplink's session writes reach the caller; a nested call runs in the session of"
            + " the call it serves")
    void nestedCallsShareTheSession() {
        runtime.register("remember", args -> {
            AnvilServer.session().put("seen", args.get(0));
            return AnvilServer.context().remoteCaller().type();
        });
        Uplink uplink = connect(KEY);
        uplink.register("plain", args -> {
            AnvilServer.session().put("plain", "wrote");
            return null;
        });
        dev.anvilcheck.runtime.SimulatedBrowser b0 = runtime.browser();
        b0.call("plain");
        assertThat(b0.sessionData()).containsEntry("plain", "wrote");
        uplink.register("outer", args -> {
            return AnvilServer.call("remember", "x");
        });
        dev.anvilcheck.runtime.SimulatedBrowser browser = runtime.browser();
        assertThat(browser.call("outer")).isEqualTo("uplink");
        assertThat(browser.sessionData()).containsEntry("seen", "x");
    }

    @Test
    @DisplayName("§3.4, §4.7, SESS-07, SESS-08 an uplink that writes the session and makes a nested call that leaves"
            + " the session alone keeps its writes; when the nested call committed a change, the uplink's reply"
            + " fails the compare-and-set and the nested call's writes stand, as on the official server")
    void nestedCallSessionWrites() {
        runtime.register("reads", args -> AnvilServer.session().get("mine"));
        runtime.register("writes", args -> {
            AnvilServer.session().put("theirs", "nested");
            return null;
        });
        Uplink uplink = connect(KEY);
        uplink.register("outer", args -> {
            AnvilServer.session().put("mine", "uplink");
            return AnvilServer.call((String) args.get(0));
        });
        dev.anvilcheck.runtime.SimulatedBrowser quiet = runtime.browser();
        assertThat(quiet.call("outer", "reads")).isNull();
        assertThat(quiet.sessionData()).containsEntry("mine", "uplink");
        dev.anvilcheck.runtime.SimulatedBrowser conflicting = runtime.browser();
        conflicting.call("outer", "writes");
        assertThat(conflicting.sessionData()).containsEntry("theirs", "nested").doesNotContainKey("mine");
        runtime.register("via", args -> AnvilServer.call("outer", args.get(0)));
        dev.anvilcheck.runtime.SimulatedBrowser quietVia = runtime.browser();
        quietVia.call("via", "reads");
        assertThat(quietVia.sessionData()).containsEntry("mine", "uplink");
        dev.anvilcheck.runtime.SimulatedBrowser conflictingVia = runtime.browser();
        conflictingVia.call("via", "writes");
        assertThat(conflictingVia.sessionData()).containsEntry("theirs", "nested").doesNotContainKey("mine");
    }

    @Test
    @DisplayName("MEDIA-01, MEDIA-02 Media both ways between the Java uplink and Java server code")
    void media() {
        byte[] big = new byte[150_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        runtime.register("size", args -> ((Media) args.get(0)).getBytes().length);
        Uplink uplink = connect(KEY);
        uplink.register("make", args -> new BlobMedia("application/pdf", big, "r.pdf"));
        assertThat(uplink.call("size", new BlobMedia("text/plain", big, "a.txt"))).isEqualTo(150_000L);
        Media made = (Media) runtime.browser().call("make");
        assertThat(made.getBytes()).isEqualTo(big);
        assertThat(made.name()).isEqualTo("r.pdf");
        assertThat(made.contentType()).isEqualTo("application/pdf");
    }

    /** Background tasks provided by the uplink, registered by annotation. */
    public static final class Jobs {
        final CountDownLatch release = new CountDownLatch(1);

        @Callable("double_it")
        public Object doubleIt(Object x) {
            return (Long) x * 2;
        }

        @BackgroundTask("crunch")
        public Object crunch(Object n) throws InterruptedException {
            AnvilServer.taskState().put("progress", n);
            release.await(10, TimeUnit.SECONDS);
            return "done";
        }
    }

    @Test
    @DisplayName("UPL-05, TASK-05 @Callable and @BackgroundTask methods by reflection; task_state reaches the server")
    void annotatedAndTasks() {
        Jobs jobs = new Jobs();
        Uplink uplink = connect(KEY);
        uplink.registerAll(jobs);
        assertThat(runtime.browser().call("double_it", 21L)).isEqualTo(42L);
        runtime.register("start", args -> AnvilServer.launchBackgroundTask("crunch", 7L));
        jobs.release.countDown();
        Task task = (Task) runtime.browser().call("start");
        assertThat(runtime.tasks().awaitTermination(task, Duration.ofSeconds(10))).isTrue();
        assertThat(task.getState()).containsEntry("progress", 7L);
        assertThat(task.getReturnValue()).isEqualTo("done");
    }

    @Test
    @DisplayName("UPL-04, UPL-01 disconnect clears the key: the socket closes, nothing reconnects, calls say connect first")
    void disconnect() {
        runtime.register("f", args -> 1);
        Uplink uplink = connect(KEY);
        uplink.register("mine", args -> 1);
        uplink.disconnect();
        assertThat(uplink.isConnected()).isFalse();
        assertThatThrownBy(() -> uplink.call("f")).isInstanceOf(RuntimeError.class)
                .hasMessage(Uplink.NOT_CONNECTED);
        assertThat(uplink.awaitConnected(Duration.ofMillis(1))).isFalse();
    }

    @Test
    @DisplayName("UPL-10 on connection loss outstanding calls fail at once as 'Connection to Anvil Uplink server lost';"
            + " the client reconnects after the first delay and registers its functions again")
    void reconnect() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        runtime.register("hang", args -> {
            entered.countDown();
            never.await(10, TimeUnit.SECONDS);
            return null;
        });
        TcpProxy proxy = closing(new TcpProxy(uri.getPort()));
        RecordingScheduler scheduler = closing(new RecordingScheduler());
        Uplink uplink = closing(Uplink.builder(URI.create("ws://127.0.0.1:" + proxy.port() + "/_/uplink"), KEY)
                .heartbeatInterval(Duration.ZERO).reconnectDelays(Duration.ofMillis(5), Duration.ofMillis(7))
                .scheduler(scheduler).register("served", args -> "by uplink").connect());
        assertThat(runtime.browser().call("served")).isEqualTo("by uplink");
        CompletableFuture<Object> outstanding = async(() -> uplink.call("hang"));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        proxy.dropAll();
        assertThatThrownBy(() -> await(outstanding)).isInstanceOf(AnvilWrappedError.class)
                .hasMessage(Uplink.CONNECTION_LOST)
                .satisfies(e -> assertThat(((AnvilWrappedError) e).errorObj().type()).isNull());
        never.countDown();
        assertThat(uplink.awaitConnected(Duration.ofSeconds(10))).isTrue();
        assertThat(uplink.connections()).isEqualTo(2);
        assertThat(scheduler.delays).contains(5L);
        assertThat(runtime.browser().call("served")).isEqualTo("by uplink");
    }

    @Test
    @DisplayName("UPL-10 a connection cut right behind a response: the call gets its answer, the next call fails as"
            + " 'Connection to Anvil Uplink server lost' (each of 10 connections)")
    void cutRightBehindAResponse() throws Exception {
        runtime.register("answer", args -> "r");
        for (int i = 0; i < 10; i++) {
            TcpProxy proxy = closing(new TcpProxy(uri.getPort()));
            Uplink uplink = closing(Uplink.builder(URI.create("ws://127.0.0.1:" + proxy.port() + "/_/uplink"), KEY)
                    .heartbeatInterval(Duration.ZERO).reconnectDelays(Duration.ofHours(1), Duration.ofHours(1))
                    .connect());
            proxy.cutAfterNextReply();
            assertThat(uplink.call("answer")).as("connection %d: the answer read before the end", i).isEqualTo("r");
            assertThatThrownBy(() -> uplink.call("answer")).as("connection %d: the call after the end", i)
                    .isInstanceOf(AnvilWrappedError.class).hasMessage(Uplink.CONNECTION_LOST);
        }
    }

    @Test
    @DisplayName("§1.4 the heartbeat calls anvil.private.echo on the configured interval, on the given scheduler")
    void heartbeatOnTheScheduler() throws Exception {
        RecordingScheduler scheduler = closing(new RecordingScheduler());
        Uplink uplink = closing(Uplink.builder(uri, KEY).heartbeatInterval(Duration.ofSeconds(10))
                .scheduler(scheduler).connect());
        assertThat(scheduler.periods).containsExactly(10_000L);
        scheduler.periodic.get(0).run();
        scheduler.periodic.get(0).run();
        assertThat(uplink.heartbeats()).isEqualTo(2);
    }

    /** Records delays; runs one-shot tasks without waiting; keeps periodic ones for the test to run. */
    static final class RecordingScheduler extends ScheduledThreadPoolExecutor implements AutoCloseable {
        final List<Long> delays = new CopyOnWriteArrayList<>();
        final List<Long> periods = new CopyOnWriteArrayList<>();
        final List<Runnable> periodic = new CopyOnWriteArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toMillis(delay));
            return super.schedule(command, 0, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            periods.add(unit.toMillis(delay));
            periodic.add(command);
            return super.schedule(() -> { }, 1, TimeUnit.DAYS);
        }

        @Override
        public void close() throws InterruptedException {
            shutdownNow();
            awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("closing the uplink leaves no uplink thread behind")
    void noThreadLeaks() throws InterruptedException {
        Uplink uplink = Uplink.connect(uri, KEY);
        uplink.register("f", args -> 1);
        assertThat(runtime.browser().call("f")).isEqualTo(1L);
        uplink.close();
        for (Thread t : uplinkThreads()) {
            t.join(10_000);
        }
        assertThat(uplinkThreads()).isEmpty();
    }

    @Test
    @DisplayName("serve mode: the Java client serves and calls through the address line serve mode prints")
    void againstServeMode() throws Exception {
        Serve.Options options = Serve.Options.parse(List.of("--port", "0", "--uplink-key", "k1",
                "--client-uplink-key", "k2", "--module", ServeModeTest.Greeter.class.getName()));
        try (AnvilRuntime served = Serve.start(options)) {
            URI address = URI.create(Serve.banner(served).get(0).substring("uplink: ".length()));
            try (Uplink server = Uplink.builder(address, "k1").heartbeatInterval(Duration.ZERO)
                    .register("shout", args -> ((String) args.get(0)).toUpperCase(java.util.Locale.ROOT)).connect();
                    Uplink client = Uplink.builder(address, "k2").heartbeatInterval(Duration.ZERO).connect()) {
                assertThat(client.call("greet", "Ann")).isEqualTo("hello Ann");
                assertThat(client.call("shout", "hi")).isEqualTo("HI");
                assertThat(server.call("greet", "Bob")).isEqualTo("hello Bob");
            }
        }
    }

    private static List<Thread> uplinkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().startsWith("uplink-call-") || t.getName().startsWith("uplink-timer-")))
                .toList();
    }
}
