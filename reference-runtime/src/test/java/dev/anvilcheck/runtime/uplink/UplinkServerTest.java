package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.UplinkDisconnectedError;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The uplink server at /_/uplink, over a real loopback socket with the JDK's WebSocket client. */
class UplinkServerTest {
    private static final String KEY = "server-key";
    private static final String CLIENT_KEY = "client-key";

    private final AnvilRuntime runtime = AnvilRuntime.builder().uplinkKey(KEY).clientUplinkKey(CLIENT_KEY)
            .callTimeout(Duration.ZERO).build();
    private final URI uri = runtime.uplinkUri();

    private final java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        runtime.close();
        callers.shutdownNow();
        assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
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

    private static void reply(WsClient c, String id, String responseJson) {
        c.send("{\"id\": \"" + id + "\", \"response\": " + responseJson + ", \"sessionData\": {\"session\": {},"
                + " \"objects\": []}, \"objects\": []}");
    }

    @Test
    @DisplayName("§1.2 the handshake as ws4py checks it: 101, exact Upgrade and Connection, the RFC 6455 accept, Origin ws://")
    void handshake() throws Exception {
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            out.write(("GET /_/uplink HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: ws://" + uri.getAuthority() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.read());
            }
            String[] lines = head.toString().split("\r\n");
            assertThat(lines[0]).startsWith("HTTP/1.1 101");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                assertThat(lines[i]).contains(":");
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
            assertThat(headers.get("upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(headers.get("connection")).isEqualToIgnoringCase("upgrade");
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            assertThat(headers.get("sec-websocket-accept")).isEqualTo(accept);
            assertThat(headers).doesNotContainKey("sec-websocket-protocol");
        }
    }

    @Test
    @DisplayName("UPL-03 a wrong key gets 'Incorrect uplink key' and a normal close; an old version is told to upgrade")
    void wrongKey() {
        try (WsClient c = WsClient.connect(uri)) {
            c.send("{\"key\": \"WRONG\", \"v\": 8}");
            c.send("{\"type\": \"REGISTER\", \"name\": \"f\"}");
            assertThat(c.nextJson()).isEqualTo(WsClient.JSON.createObjectNode().put("error", "Incorrect uplink key"));
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
        try (WsClient c = WsClient.connect(uri)) {
            c.send("{\"key\": \"" + KEY + "\", \"v\": 4}");
            assertThat(c.nextJson().get("error").asText()).startsWith("You are using an outdated version");
        }
    }

    @Test
    @DisplayName("UPL-05, CALL-07 REGISTERs pipelined behind the key; a browser's call reaches the uplink ahead of server code")
    void registerAndServeCalls() {
        runtime.register("add", args -> "server code");
        try (WsClient c = WsClient.authenticated(uri, KEY, "add")) {
            CompletableFuture<Object> result = async(() -> runtime.browser().call("add", 2, 5));
            JsonNode call = c.nextJson();
            assertThat(call.get("type").asText()).isEqualTo("CALL");
            assertThat(call.get("command").asText()).isEqualTo("add");
            assertThat(call.get("call-stack-id").asText()).isEqualTo(call.get("id").asText());
            assertThat(call.get("args")).isEqualTo(WsClient.JSON.createArrayNode().add(2).add(5));
            assertThat(call.get("client").get("type").asText()).isEqualTo("browser");
            assertThat(call.get("call-stack").get(0).get("type").asText()).isEqualTo("browser");
            assertThat(call.get("sessionData").isObject()).isTrue();
            reply(c, call.get("id").asText(), "7");
            assertThat(await(result)).isEqualTo(7L);
        }
    }

    @Test
    @DisplayName("UPL-06 a client uplink that registers gets the platform's error and is closed")
    void clientUplinkMayNotRegister() {
        try (WsClient c = WsClient.connect(uri)) {
            c.send("{\"key\": \"" + CLIENT_KEY + "\", \"v\": 8}");
            c.send("{\"type\": \"REGISTER\", \"name\": \"f\"}");
            JsonNode auth = c.nextJson();
            assertThat(auth.get("priv").asText()).isEqualTo("client");
            assertThat(c.nextJson().get("error").asText()).isEqualTo(
                    "Cannot register @anvil.server.callable functions from an unprivileged (client) uplink.");
            c.awaitClose();
        }
        assertThatThrownBy(() -> runtime.browser().call("f")).isInstanceOf(NoServerFunctionError.class);
    }

    @Test
    @DisplayName("UPL-07, UPL-08 uplinks call server code as uplink (trusted) and client_uplink (untrusted); echo answers")
    void uplinksCallServerCode() {
        runtime.register("whoami", args -> {
            CallContext ctx = AnvilServer.context();
            return ctx.remoteCaller().type() + "/" + ctx.remoteCaller().isTrusted();
        });
        try (WsClient server = WsClient.authenticated(uri, KEY); WsClient client = WsClient.authenticated(uri, CLIENT_KEY)) {
            server.send("{\"type\": \"CALL\", \"id\": \"a1\", \"command\": \"whoami\", \"args\": [], \"kwargs\": {},"
                    + " \"call-stack-id\": \"outbound-x\", \"originating-call\": null, \"objects\": []}");
            assertThat(server.nextJson().get("response").asText()).isEqualTo("uplink/true");
            client.send("{\"type\": \"CALL\", \"id\": \"b1\", \"command\": \"whoami\", \"args\": [], \"kwargs\": {},"
                    + " \"objects\": []}");
            assertThat(client.nextJson().get("response").asText()).isEqualTo("client_uplink/false");
            client.send("{\"type\": \"CALL\", \"id\": \"b2\", \"command\": \"anvil.private.echo\","
                    + " \"args\": [\"keep-alive\"], \"kwargs\": {}, \"objects\": []}");
            assertThat(client.nextJson()).isEqualTo(WsClient.JSON.createObjectNode().put("id", "b2")
                    .put("response", "keep-alive").set("objects", WsClient.JSON.createArrayNode()));
            client.send("{\"type\": \"CALL\", \"id\": \"b3\", \"command\": \"nope\", \"args\": [], \"kwargs\": {},"
                    + " \"objects\": []}");
            JsonNode error = client.nextJson().get("error");
            assertThat(error.get("type").asText()).isEqualTo("anvil.server.NoServerFunctionError");
            assertThat(error.get("message").asText()).isEqualTo("No server function matching \"nope\" has been registered");
        }
    }

    @Test
    @DisplayName("a CALL declaring two DataMedia with one id is refused with an error response, not left unanswered")
    void duplicateMediaIdsAreRefused() {
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        runtime.register("store", args -> ran.incrementAndGet());
        try (WsClient c = WsClient.authenticated(uri, KEY)) {
            c.send("{\"type\": \"CALL\", \"id\": \"d1\", \"command\": \"store\", \"args\": [null, null],"
                    + " \"kwargs\": {}, \"objects\": [{\"type\": [\"DataMedia\"], \"path\": [\"args\", 0], \"id\": \"m\","
                    + " \"mime-type\": \"text/plain\"}, {\"type\": [\"DataMedia\"], \"path\": [\"args\", 1], \"id\": \"m\","
                    + " \"mime-type\": \"text/plain\"}]}");
            JsonNode reply = c.nextJson();
            assertThat(reply.get("id").asText()).isEqualTo("d1");
            assertThat(reply.get("error").get("message").asText()).contains("Media id 'm' is declared twice");
            assertThat(ran.get()).isZero();
        }
    }

    @Test
    @DisplayName("a CALL whose args, kwargs or command are of the wrong kind is answered with SerializationError,"
            + " and the connection stays")
    void callsOfTheWrongShapeAreAnswered() {
        runtime.register("echo", args -> args.get(0));
        try (WsClient c = WsClient.authenticated(uri, KEY)) {
            for (String bad : List.of("\"args\": 5, \"kwargs\": {}, \"command\": \"echo\"",
                    "\"args\": [], \"kwargs\": [1], \"command\": \"echo\"",
                    "\"args\": [], \"kwargs\": {}, \"command\": 7")) {
                c.send("{\"type\": \"CALL\", \"id\": \"bad1\", " + bad + ", \"objects\": []}");
                JsonNode reply = c.nextJson();
                assertThat(reply.get("id").asText()).as(bad).isEqualTo("bad1");
                assertThat(reply.get("error").get("type").asText()).as(bad).isEqualTo("anvil.server.SerializationError");
            }
            c.send("{\"type\": \"CALL\", \"id\": \"ok\", \"command\": \"echo\", \"args\": [\"still here\"],"
                    + " \"kwargs\": {}, \"objects\": []}");
            assertThat(c.nextJson().get("response").asText()).isEqualTo("still here");
        }
    }

    @Test
    @DisplayName("a client uplink calls a function a server uplink registered; the callee sees client_uplink")
    void clientUplinkCallsServerUplink() {
        try (WsClient server = WsClient.authenticated(uri, KEY, "greet");
                WsClient client = WsClient.authenticated(uri, CLIENT_KEY)) {
            client.send("{\"type\": \"CALL\", \"id\": \"c1\", \"command\": \"greet\", \"args\": [\"Ann\"],"
                    + " \"kwargs\": {}, \"objects\": []}");
            JsonNode call = server.nextJson();
            assertThat(call.get("call-stack").get(0).get("type").asText()).isEqualTo("client_uplink");
            reply(server, call.get("id").asText(), "\"hello Ann\"");
            assertThat(client.nextJson().get("response").asText()).isEqualTo("hello Ann");
        }
    }

    @Test
    @DisplayName("ERR-08, UPL-09 an uplink that leaves fails the call in flight; later calls fall back or raise")
    void disconnectMidCall() {
        runtime.register("both", args -> "server code");
        WsClient c = WsClient.authenticated(uri, KEY, "both", "only");
        CompletableFuture<Object> inFlight = async(() -> runtime.browser().call("only"));
        c.nextJson();
        c.abort();
        assertThatThrownBy(() -> await(inFlight)).isInstanceOf(UplinkDisconnectedError.class);
        assertThat(runtime.browser().call("both")).isEqualTo("server code");
        assertThatThrownBy(() -> runtime.browser().call("only")).isInstanceOf(UplinkDisconnectedError.class)
                .hasMessage("The uplink server for \"only\" has been disconnected");
    }

    @Test
    @DisplayName("MEDIA-01, MEDIA-02 Media both ways: chunks after the CALL, chunks after the response")
    void mediaBothWays() {
        byte[] big = new byte[150_000];
        new java.util.Random(1).nextBytes(big);
        try (WsClient c = WsClient.authenticated(uri, KEY, "echo_media")) {
            CompletableFuture<Object> result = async(() -> runtime.browser().call("echo_media",
                    new BlobMedia("image/png", big, "in.png")));
            JsonNode call = c.nextJson();
            JsonNode entry = call.get("objects").get(0);
            assertThat(entry.get("type").get(0).asText()).isEqualTo("DataMedia");
            assertThat(entry.get("mime-type").asText()).isEqualTo("image/png");
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            boolean last = false;
            while (!last) {
                JsonNode header = c.nextJson();
                assertThat(header.get("type").asText()).isEqualTo("CHUNK_HEADER");
                last = header.get("lastChunk").asBoolean();
                byte[] chunk = (byte[]) c.next();
                assertThat(chunk.length).isLessThanOrEqualTo(65536);
                received.writeBytes(chunk);
            }
            assertThat(received.toByteArray()).isEqualTo(big);
            String id = call.get("id").asText();
            c.send("{\"id\": \"" + id + "\", \"response\": null, \"objects\": [{\"type\": [\"DataMedia\"],"
                    + " \"path\": [\"response\"], \"id\": \"m1\", \"mime-type\": \"text/plain\", \"name\": \"out.txt\"}]}");
            for (int i = 0; i < 3; i++) {
                c.send("{\"type\": \"CHUNK_HEADER\", \"requestId\": \"" + id + "\", \"mediaId\": \"m1\","
                        + " \"chunkIndex\": " + i + ", \"lastChunk\": " + (i == 2) + "}");
                c.sendBinary(i == 2 ? new byte[0] : "ab".getBytes(StandardCharsets.US_ASCII));
            }
            Media out = (Media) await(result);
            assertThat(out.name()).isEqualTo("out.txt");
            assertThat(new String(out.getBytes(), StandardCharsets.US_ASCII)).isEqualTo("abab");
        }
    }

    @Test
    @DisplayName("§3.4 a nested call tied by originating-call runs in the session of the call it serves (SESS-15)")
    void nestedCallsShareTheCallersSession() {
        runtime.register("remember", args -> {
            AnvilServer.session().put("seen", args.get(0));
            return null;
        });
        try (WsClient c = WsClient.authenticated(uri, KEY, "work")) {
            dev.anvilcheck.runtime.SimulatedBrowser browser = runtime.browser();
            CompletableFuture<Object> result = async(() -> browser.call("work"));
            JsonNode call = c.nextJson();
            String id = call.get("id").asText();
            c.send("{\"type\": \"CALL\", \"id\": \"n1\", \"command\": \"remember\", \"args\": [42], \"kwargs\": {},"
                    + " \"call-stack-id\": \"" + id + "\", \"originating-call\": \"" + id + "\", \"objects\": []}");
            assertThat(c.nextJson().has("response")).isTrue();
            reply(c, id, "1");
            await(result);
            assertThat(browser.sessionData()).containsEntry("seen", 42L);
        }
    }

    @Test
    @DisplayName("bad input: malformed JSON closes that socket only; unknown types and unknown response ids are ignored")
    void badInput() {
        runtime.register("ping", args -> "pong");
        try (WsClient good = WsClient.authenticated(uri, KEY, "served"); WsClient bad = WsClient.authenticated(uri, KEY)) {
            CompletableFuture<Object> inFlight = async(() -> runtime.browser().call("served"));
            good.nextJson();
            good.send("{\"type\": \"SOMETHING_NEW\"}");
            good.send("{\"id\": \"nobody-asked\", \"response\": 1, \"objects\": []}");
            good.send("{\"type\": \"CHUNK_HEADER\", \"requestId\": \"x\", \"mediaId\": \"y\", \"chunkIndex\": 0,"
                    + " \"lastChunk\": true}");
            good.sendBinary(new byte[] {1, 2, 3});
            bad.send("this is not json");
            bad.awaitClose();
            good.send("{\"type\": \"CALL\", \"id\": \"p\", \"command\": \"ping\", \"args\": [], \"kwargs\": {},"
                    + " \"objects\": []}");
            assertThat(good.nextJson().get("response").asText()).isEqualTo("pong");
            good.send("{\"type\": \"CALL\", \"id\": \"q\", \"command\": \"ping\", \"args\": [null], \"kwargs\": {},"
                    + " \"objects\": [{\"type\": [\"Martian\"], \"path\": [\"args\", 0]}]}");
            assertThat(good.nextJson().get("error").get("type").asText()).isEqualTo("anvil.server.SerializationError");
            assertThat(inFlight).isNotDone();
        }
    }

    @Test
    @DisplayName("ERR-08, MEDIA-02 an uplink that vanishes halfway through sending Media: its call never runs, the"
            + " call waiting on its reply fails with UplinkDisconnectedError, other uplinks keep being served")
    void uplinkVanishingMidMedia() {
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        runtime.register("store", args -> ran.incrementAndGet());
        runtime.register("ping", args -> "pong");
        try (WsClient other = WsClient.authenticated(uri, KEY)) {
            WsClient c = WsClient.authenticated(uri, KEY, "render");
            CompletableFuture<Object> waiting = async(() -> runtime.browser().call("render"));
            String id = c.nextJson().get("id").asText();
            c.send("{\"id\": \"" + id + "\", \"response\": null, \"objects\": [{\"type\": [\"DataMedia\"],"
                    + " \"path\": [\"response\"], \"id\": \"m1\", \"mime-type\": \"text/plain\"}]}");
            c.send("{\"type\": \"CALL\", \"id\": \"s1\", \"command\": \"store\", \"args\": [null], \"kwargs\": {},"
                    + " \"objects\": [{\"type\": [\"DataMedia\"], \"path\": [\"args\", 0], \"id\": \"m2\","
                    + " \"mime-type\": \"text/plain\"}]}");
            for (String media : List.of("m1", "m2")) {
                c.send("{\"type\": \"CHUNK_HEADER\", \"requestId\": \"" + (media.equals("m1") ? id : "s1")
                        + "\", \"mediaId\": \"" + media + "\", \"chunkIndex\": 0, \"lastChunk\": false}");
                c.sendBinary(new byte[65536]);
            }
            c.abort();

            assertThatThrownBy(() -> await(waiting)).isInstanceOf(UplinkDisconnectedError.class);
            other.send("{\"type\": \"CALL\", \"id\": \"p\", \"command\": \"ping\", \"args\": [], \"kwargs\": {},"
                    + " \"objects\": []}");
            assertThat(other.nextJson().get("response").asText()).isEqualTo("pong");
            assertThat(ran.get()).as("times the call whose Media never completed ran").isZero();
        }
    }

    @Test
    @DisplayName("ERR-08, MEDIA-02 an uplink that vanishes while the server sends it Media: the caller gets"
            + " UplinkDisconnectedError, the runtime keeps serving")
    void uplinkVanishingWhileReceivingMedia() {
        WsClient c = WsClient.authenticated(uri, KEY, "consume");
        byte[] big = new byte[1_000_000];
        CompletableFuture<Object> waiting = async(() -> runtime.browser().call("consume",
                new BlobMedia("application/octet-stream", big, "big.bin")));
        c.nextJson();
        c.next();
        c.abort();
        assertThatThrownBy(() -> await(waiting)).isInstanceOf(UplinkDisconnectedError.class);
        runtime.register("ping", args -> "pong");
        assertThat(runtime.browser().call("ping")).isEqualTo("pong");
    }

    @Test
    @DisplayName("§1.5 a frame over 16 MiB closes the socket; calls in flight fail with 'Data payload too big'")
    void oversizedFrame() {
        try (WsClient c = WsClient.authenticated(uri, KEY, "slow")) {
            CompletableFuture<Object> inFlight = async(() -> runtime.browser().call("slow"));
            c.nextJson();
            try {
                c.sendBinary(new byte[16 * 1024 * 1024 + 1]);
            } catch (java.util.concurrent.CompletionException e) {
                assertThat(e).hasRootCauseInstanceOf(java.io.IOException.class);
            }
            c.awaitClose();
            assertThatThrownBy(() -> await(inFlight)).isInstanceOf(UplinkDisconnectedError.class)
                    .hasMessageContaining("Data payload too big");
        }
    }

    @Test
    @DisplayName("a client that never reads is disconnected once sends stall; its call fails with UplinkDisconnectedError")
    void clientThatNeverReads() {
        try (AnvilRuntime stalled = AnvilRuntime.builder().uplinkKey(KEY).callTimeout(Duration.ZERO)
                .uplinkStallTimeout(Duration.ofMillis(300)).build()) {
            // it reads the reply to its key and to a call behind its REGISTER, so that "sink" is in force, then nothing
            WsClient c = new WsClient(stalled.uplinkUri(), 2);
            c.send("{\"key\": \"" + KEY + "\", \"v\": 8}");
            c.send("{\"type\": \"REGISTER\", \"name\": \"sink\"}");
            c.send("{\"type\": \"CALL\", \"id\": \"registered\", \"command\": \"anvil.private.echo\","
                    + " \"args\": [\"registered\"], \"kwargs\": {}, \"objects\": []}");
            assertThat(c.nextJson().has("auth")).isTrue();
            assertThat(c.nextJson().path("id").asText()).isEqualTo("registered");
            byte[] payload = new byte[8 * 1024 * 1024];
            assertThatThrownBy(() -> {
                for (int i = 0; i < 16; i++) {
                    stalled.browser().call("sink", new BlobMedia("application/octet-stream", payload));
                }
            }).isInstanceOf(UplinkDisconnectedError.class);
            c.close();
        }
    }

    @Test
    @DisplayName("closing the runtime closes its uplinks and leaves no uplink thread behind")
    void noLeaks() {
        java.util.Set<Thread> before = uplinkThreads();
        AnvilRuntime other = AnvilRuntime.builder().uplinkKey(KEY).build();
        WsClient c = WsClient.authenticated(other.uplinkUri(), KEY, "f");
        assertThat(other.uplinkConnections()).isEqualTo(1);
        other.close();
        c.awaitClose();
        c.close();
        java.util.Set<Thread> after = uplinkThreads();
        after.removeAll(before);
        assertThat(after).isEmpty();
    }

    private static java.util.Set<Thread> uplinkThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("anvilcheck-uplink") || t.getName().startsWith("anvilcheck-http"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
