package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.AppLog;
import dev.anvilcheck.runtime.ListenerLimits;
import dev.anvilcheck.server.AnvilServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What one uplink connection may hold (issue 13 F2, F5, F9): its time to give a key, its calls
 * running at once and waiting, its unfinished Media and all connections' together; over a real
 * loopback socket, with small limits.
 */
class UplinkLimitsTest {
    private static final String KEY = "server-key";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<AppLog.Entry> written = new LinkedBlockingQueue<>();
    private AnvilRuntime runtime;
    private URI uri;

    private void start(ListenerLimits limits) {
        runtime = AnvilRuntime.builder().uplinkKey(KEY).callTimeout(Duration.ZERO).listenerLimits(limits)
                .appLogListener(written::add).build();
        uri = runtime.uplinkUri();
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The first app log entry that matches, woken by each entry written; bounded by {@link #WAIT}. */
    private AppLog.Entry awaitLog(Predicate<AppLog.Entry> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                for (AppLog.Entry e : runtime.appLog().entries()) {
                    if (wanted.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || written.poll(left, TimeUnit.NANOSECONDS) == null) {
                    throw new AssertionError("no such entry in the app log:\n" + runtime.appLog());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch, String what) {
        try {
            if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String call(String id, String command, String extra) {
        return "{\"type\": \"CALL\", \"id\": \"" + id + "\", \"command\": \"" + command + "\", \"args\": [],"
                + " \"kwargs\": {}, \"objects\": []" + extra + "}";
    }

    /** The replies {@code c} gets until it has one for each of {@code n} calls, by id. */
    private static Map<String, JsonNode> replies(WsClient c, int n) {
        Map<String, JsonNode> byId = new HashMap<>();
        while (byId.size() < n) {
            JsonNode reply = c.nextJson();
            byId.put(reply.get("id").asText(), reply);
        }
        return byId;
    }

    // ------------------------------------------------------------------ F5

    @Test
    @DisplayName("issue 13 F5: an Uplink that sends no key within uplinkKeyTimeout is closed and recorded as refused")
    void uplinkWithoutKeyIsClosed() {
        start(ListenerLimits.defaults().withUplinkKeyTimeout(Duration.ofSeconds(2)));
        // the keyed one opens first, so its key timer would fire before the silent one's, had its key
        // not cancelled it
        try (WsClient keyed = WsClient.authenticated(uri, KEY); WsClient silent = WsClient.connect(uri)) {
            assertThat(silent.awaitClose()).isEqualTo(1000);
            AppLog.Entry refused = awaitLog(e -> e.message().startsWith("uplink refused: it sent no uplink key"));
            assertThat(refused.message()).contains("2000 ms");
            assertThat(runtime.appLog().entries()).noneMatch(e -> e.message().startsWith("uplink disconnected"));
            keyed.send(call("e", "anvil.private.echo", ""));
            assertThat(keyed.nextJson().get("id").asText()).isEqualTo("e");
            assertThat(runtime.uplinkConnections()).isEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ F9

    @Test
    @DisplayName("issue 13 F9: at most callsPerConnection calls of one connection run at once; the others wait, in order")
    void callsPerConnectionAreBounded() {
        start(ListenerLimits.defaults().withCallsPerConnection(2));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Object> started = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twoRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        runtime.register("work", args -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            started.add(args.get(0));
            twoRunning.countDown();
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return args.get(0);
        });
        try (WsClient c = WsClient.authenticated(uri, KEY)) {
            for (int i = 0; i < 10; i++) {
                c.send("{\"type\": \"CALL\", \"id\": \"w" + i + "\", \"command\": \"work\", \"args\": [" + i + "],"
                        + " \"kwargs\": {}, \"objects\": []}");
            }
            await(twoRunning, "two calls running");
            // a round trip behind the ten CALLs: the heartbeat is answered though both slots are taken,
            // and all ten have been read
            c.send(call("hb", "anvil.private.echo", ""));
            assertThat(c.nextJson().get("id").asText()).isEqualTo("hb");
            assertThat(most.get()).isEqualTo(2);
            release.countDown();
            Map<String, JsonNode> replies = replies(c, 10);
            assertThat(replies.values()).allMatch(r -> r.has("response"));
            assertThat(most.get()).isEqualTo(2);
            // the first two started at once; the order of the others is checked with one slot below
            assertThat(started.subList(0, 2)).containsExactlyInAnyOrder(0L, 1L);
            assertThat(started).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    @Test
    @DisplayName("issue 13 F9: when the connection goes, its running calls are interrupted, its waiting ones dropped")
    void disconnectInterruptsItsCalls() {
        start(ListenerLimits.defaults().withCallsPerConnection(1));
        CountDownLatch runningOne = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        runtime.register("hang", args -> {
            ran.incrementAndGet();
            runningOne.countDown();
            try {
                Thread.sleep(WAIT.toMillis() * 3);
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
            return null;
        });
        WsClient c = WsClient.authenticated(uri, KEY);
        c.send(call("h1", "hang", ""));
        c.send(call("h2", "hang", ""));
        await(runningOne, "the first call running");
        c.abort();
        await(interrupted, "the running call interrupted");
        AppLog.Entry gone = awaitLog(e -> e.message().startsWith("uplink disconnected"));
        assertThat(gone.message()).contains("1 still running were interrupted and 1 waiting were dropped");
        assertThat(ran.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("issue 13 F9, §3.4: a call nested in a call the server makes to the uplink runs though its ancestor"
            + " holds the connection's only slot")
    void nestedCallsDoNotWaitForTheirAncestorsSlot() {
        start(ListenerLimits.defaults().withCallsPerConnection(1));
        runtime.register("outer", args -> "outer got " + AnvilServer.call("provided"));
        runtime.register("inner", args -> "inner");
        try (WsClient c = WsClient.authenticated(uri, KEY, "provided")) {
            c.send(call("o1", "outer", ""));
            JsonNode toUplink = c.nextJson();
            assertThat(toUplink.get("command").asText()).isEqualTo("provided");
            String id = toUplink.get("id").asText();
            // as the official client does while it serves the call: a nested call naming it
            c.send(call("n1", "inner", ", \"call-stack-id\": \"" + id + "\""));
            JsonNode nested = c.nextJson();
            assertThat(nested.get("id").asText()).isEqualTo("n1");
            assertThat(nested.get("response").asText()).isEqualTo("inner");
            c.send("{\"id\": \"" + id + "\", \"response\": \"done\", \"objects\": []}");
            JsonNode outer = c.nextJson();
            assertThat(outer.get("id").asText()).isEqualTo("o1");
            assertThat(outer.get("response").asText()).isEqualTo("outer got done");
        }
    }

    @Test
    @DisplayName("issue 13 F9: waiting calls run in arrival order; a connection with too many waiting gets an error"
            + " naming the limit for each one more")
    void waitingCallsAreBounded() {
        start(ListenerLimits.defaults().withCallsPerConnection(1));
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runtime.register("block", args -> {
            blocking.countDown();
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        List<Object> order = java.util.Collections.synchronizedList(new ArrayList<>());
        runtime.register("quick", args -> order.add(args.get(0)));
        try (WsClient c = WsClient.authenticated(uri, KEY)) {
            c.send(call("b", "block", ""));
            await(blocking, "the blocking call running");
            int waiting = 256;
            for (int i = 0; i < waiting + 3; i++) {
                c.send("{\"type\": \"CALL\", \"id\": \"q" + i + "\", \"command\": \"quick\", \"args\": [" + i + "],"
                        + " \"kwargs\": {}, \"objects\": []}");
            }
            List<JsonNode> refused = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                refused.add(c.nextJson());
            }
            assertThat(refused).extracting(r -> r.get("id").asText()).containsExactly("q256", "q257", "q258");
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.get("error").get("type").asText()).isEqualTo("anvil.server.InternalError");
                assertThat(r.get("error").get("message").asText()).contains("at most 1 run at once and 256 wait");
            });
            release.countDown();
            Map<String, JsonNode> replies = replies(c, waiting + 1);
            assertThat(replies.values()).allMatch(r -> r.has("response"));
            assertThat(order).containsExactlyElementsOf(java.util.stream.LongStream.range(0, waiting).boxed().toList());
        }
    }

    // ------------------------------------------------------------------ F2

    private static String mediaCall(String id, int media) {
        StringBuilder objects = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < media; i++) {
            objects.append(i == 0 ? "" : ", ").append("{\"type\": [\"DataMedia\"], \"path\": [\"args\", ").append(i)
                    .append("], \"id\": \"m").append(i).append("\", \"mime-type\": \"application/octet-stream\"}");
            args.append(i == 0 ? "null" : ", null");
        }
        return "{\"type\": \"CALL\", \"id\": \"" + id + "\", \"command\": \"store\", \"args\": [" + args
                + "], \"kwargs\": {}, \"objects\": [" + objects + "]}";
    }

    private static void chunk(WsClient c, String requestId, String mediaId, int index, boolean last, int bytes) {
        c.send("{\"type\": \"CHUNK_HEADER\", \"requestId\": \"" + requestId + "\", \"mediaId\": \"" + mediaId + "\","
                + " \"chunkIndex\": " + index + ", \"lastChunk\": " + last + "}");
        c.sendBinary(new byte[bytes]);
    }

    @Test
    @DisplayName("issue 13 F2: a CALL whose unfinished Media outgrow the connection's bytes is answered with an error"
            + " naming the limit and never runs; what it held is freed")
    void mediaBeyondTheConnectionsBytesIsRefused() {
        start(ListenerLimits.defaults().withMediaBytes(100_000, 1_000_000));
        AtomicInteger ran = new AtomicInteger();
        runtime.register("store", args -> ran.incrementAndGet());
        try (WsClient c = WsClient.authenticated(uri, KEY)) {
            c.send(mediaCall("big", 13));
            chunk(c, "big", "m0", 0, false, 65_536);
            chunk(c, "big", "m1", 0, false, 65_536);
            JsonNode refused = c.nextJson();
            assertThat(refused.get("id").asText()).isEqualTo("big");
            assertThat(refused.get("error").get("type").asText()).isEqualTo("anvil.server.SerializationError");
            assertThat(refused.get("error").get("message").asText())
                    .contains("one uplink connection may hold at most 100000 bytes");
            chunk(c, "big", "m2", 0, true, 65_536);
            // the bytes it held are free again: a CALL with 90 000 bytes of Media runs
            c.send(mediaCall("fits", 2));
            chunk(c, "fits", "m0", 0, true, 45_000);
            chunk(c, "fits", "m1", 0, true, 45_000);
            JsonNode ok = c.nextJson();
            assertThat(ok.get("id").asText()).isEqualTo("fits");
            assertThat(ok.has("response")).as("%s", ok).isTrue();
            assertThat(ran.get()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("issue 13 F2: all connections together hold at most mediaBytesInAll; a closed connection frees its share")
    void mediaOfAllConnectionsIsBounded() {
        start(ListenerLimits.defaults().withMediaBytes(1_000_000, 100_000));
        runtime.register("store", args -> "stored");
        try (WsClient other = WsClient.authenticated(uri, KEY); WsClient c = WsClient.authenticated(uri, KEY)) {
            other.send(mediaCall("hold", 1));
            chunk(other, "hold", "m0", 0, false, 65_536);
            // a round trip: the chunk has been read
            other.send(call("e", "anvil.private.echo", ""));
            other.nextJson();
            c.send(mediaCall("c1", 1));
            chunk(c, "c1", "m0", 0, false, 40_000);
            JsonNode refused = c.nextJson();
            assertThat(refused.get("id").asText()).isEqualTo("c1");
            assertThat(refused.get("error").get("message").asText())
                    .contains("all uplink connections together may hold at most 100000 bytes");
            other.abort();
            awaitLog(e -> e.message().startsWith("uplink disconnected"));
            c.send(mediaCall("c2", 1));
            chunk(c, "c2", "m0", 0, true, 90_000);
            assertThat(c.nextJson().get("response").asText()).isEqualTo("stored");
        }
    }
}
