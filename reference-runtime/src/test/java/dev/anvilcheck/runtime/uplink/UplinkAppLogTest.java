package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.AppLog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Uplink server writes to the app log: connects, refusals and disconnects, with the remote address. */
class UplinkAppLogTest {
    private static final String KEY = "server-key";
    private static final String CLIENT_KEY = "client-key";

    /** Every entry as it is written: waiting tests wake up on it. */
    private final BlockingQueue<AppLog.Entry> written = new LinkedBlockingQueue<>();
    private final AnvilRuntime runtime = AnvilRuntime.builder().uplinkKey(KEY).clientUplinkKey(CLIENT_KEY)
            .appLogListener(written::add).build();
    private final URI uri = runtime.uplinkUri();

    @AfterEach
    void close() {
        runtime.close();
    }

    /**
     * The first entry that matches, waiting for it without polling: disconnects are written on the
     * socket's thread, and every entry written wakes this up to look again.
     */
    private AppLog.Entry await(Predicate<AppLog.Entry> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
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

    @Test
    void connectsAndDisconnectsAreRecordedWithTheRemoteAddressAndTheSession() {
        try (WsClient server = WsClient.authenticated(uri, KEY); WsClient client = WsClient.authenticated(uri, CLIENT_KEY)) {
            AppLog.Entry connected = await(e -> e.message().equals("server uplink connected"));
            assertThat(connected.level()).isEqualTo(AppLog.Level.INFO);
            assertThat(connected.source()).isEqualTo(AppLog.Source.UPLINK);
            assertThat(connected.name()).isEqualTo("127.0.0.1");
            assertThat(connected.sessionId()).isNotNull();
            assertThat(await(e -> e.message().equals("client uplink connected")).name()).isEqualTo("127.0.0.1");
            server.abort();
            AppLog.Entry disconnected = await(e -> e.message().startsWith("uplink disconnected"));
            assertThat(disconnected.level()).isEqualTo(AppLog.Level.INFO);
            assertThat(disconnected.sessionId()).isEqualTo(connected.sessionId());
        }
    }

    @Test
    void aWrongKeyAndABadHandshakeAreRecordedAsRefusalsWithoutADisconnect() {
        try (WsClient c = WsClient.connect(uri)) {
            c.send("{\"key\": \"WRONG\", \"v\": 8}");
            assertThat(c.nextJson().get("error").asText()).isEqualTo("Incorrect uplink key");
            c.awaitClose();
        }
        try (WsClient c = WsClient.connect(uri)) {
            c.send("{\"type\": \"CALL\", \"id\": \"x\", \"command\": \"f\", \"args\": [], \"kwargs\": {}}");
            assertThat(c.nextJson().get("error").asText()).startsWith("You are using an outdated version");
        }
        AppLog.Entry wrongKey = await(e -> e.message().contains("Incorrect uplink key"));
        assertThat(wrongKey.level()).isEqualTo(AppLog.Level.WARNING);
        assertThat(wrongKey.name()).isEqualTo("127.0.0.1");
        assertThat(wrongKey.message()).isEqualTo("uplink refused: Incorrect uplink key");
        AppLog.Entry badHandshake = await(e -> e.message().contains("bad handshake"));
        assertThat(badHandshake.message()).contains("its first message was not the uplink key");
        // a marker written after the refused connections were torn down: an uplink that connects and leaves
        try (WsClient marker = WsClient.authenticated(uri, KEY)) {
            await(e -> e.message().equals("server uplink connected"));
            marker.abort();
            await(e -> e.message().startsWith("uplink disconnected"));
        }
        assertThat(runtime.appLog().entries()).filteredOn(e -> e.message().startsWith("uplink disconnected"))
                .as("only the marker's disconnect: refusals are not disconnects").hasSize(1);
    }

    @Test
    void aFunctionNameSentOverTheWireCannotForgeALogLine() {
        try (WsClient c = WsClient.authenticated(uri, KEY)) {
            c.send("{\"type\": \"CALL\", \"id\": \"c1\", \"command\": \"f\\n2025-01-01T00:00:00Z SEVERE uplink 10.0.0.1:"
                    + " forged\\u001b[0m\", \"args\": [], \"kwargs\": {}, \"objects\": []}");
            assertThat(c.nextJson().get("error").get("type").asText()).isEqualTo("anvil.server.NoServerFunctionError");
        }
        AppLog.Entry refused = await(e -> e.source() == AppLog.Source.CALL);
        assertThat(refused.name()).isEqualTo("f\n2025-01-01T00:00:00Z SEVERE uplink 10.0.0.1: forged\u001b[0m");
        List<String> lines = List.of(refused.format().split("\n", -1));
        assertThat(lines.get(0)).contains("call f\\n2025-01-01T00:00:00Z SEVERE uplink 10.0.0.1: forged\\u001b[0m")
                .doesNotContain("\u001b");
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith("    "));
    }

    @Test
    void anErrorAnUplinkFunctionRaisesIsRecordedWithItsMessageEscaped() {
        try (WsClient c = WsClient.authenticated(uri, KEY, "remote_fn")) {
            java.util.concurrent.CompletableFuture<Object> call = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return runtime.browser().call("remote_fn");
                        } catch (RuntimeException e) {
                            return e;
                        }
                    });
            String id = c.nextJson().get("id").asText();
            c.send("{\"id\": \"" + id + "\", \"error\": {\"type\": \"ValueError\", \"message\": \"bad\\nSEVERE: forged\","
                    + " \"trace\": [[\"remote.py\", 12]]}, \"objects\": []}");
            assertThat(call.join()).isInstanceOf(RuntimeException.class);
        }
        AppLog.Entry failed = await(e -> e.name().equals("remote_fn"));
        assertThat(failed.message()).isEqualTo("ValueError: bad\nSEVERE: forged");
        assertThat(failed.header()).endsWith("ValueError: bad\\nSEVERE: forged");
        assertThat(failed.format()).contains("at remote.py, line 12 (remote)").doesNotContain("bad\nSEVERE");
    }
}
