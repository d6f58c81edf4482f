package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The uplink socket once it has left the listener's event loop (issue 13, fifth pass): a lone
 * call runs on the thread that read it while another thread reads on, and pings are answered.
 */
class UplinkSocketTest {
    private static final String KEY = "server-key";

    private final AnvilRuntime runtime = AnvilRuntime.builder().uplinkKey(KEY).callTimeout(Duration.ZERO).build();
    private final URI uri = runtime.uplinkUri();

    @AfterEach
    void close() {
        runtime.close();
    }

    private static String call(String id, String command, String argsJson) {
        return "{\"type\": \"CALL\", \"id\": \"" + id + "\", \"command\": \"" + command + "\", \"args\": " + argsJson
                + ", \"kwargs\": {}, \"objects\": []}";
    }

    @Test
    @DisplayName("a lone call that blocks does not stop the socket: a call sent after it is read, and releases it")
    void loneCallThatBlocks() {
        CountDownLatch released = new CountDownLatch(1);
        runtime.register("block", args -> {
            try {
                return released.await(10, TimeUnit.SECONDS) ? "released" : "timed out";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        });
        runtime.register("release", args -> {
            released.countDown();
            return "done";
        });
        try (WsClient c = WsClient.authenticated(uri, KEY)) {
            c.send(call("b", "block", "[]"));
            c.send(call("r", "release", "[]"));
            // "block" returns only once "release" ran: both answered means the second call was read meanwhile
            java.util.Set<String> answers = new java.util.HashSet<>();
            for (int i = 0; i < 2; i++) {
                JsonNode answer = c.nextJson();
                answers.add(answer.get("id").asText() + "=" + answer.get("response").asText());
            }
            assertThat(answers).containsExactlyInAnyOrder("r=done", "b=released");
        }
    }

    @Test
    @DisplayName("a lone call that calls a function of its own uplink gets the answer the uplink sends on the same socket")
    void loneCallThatCallsItsOwnUplink() {
        runtime.register("twice", args -> 2 * ((Number) AnvilServer.call("half", args.get(0))).longValue());
        try (WsClient c = WsClient.authenticated(uri, KEY, "half")) {
            c.send(call("t", "twice", "[21]"));
            JsonNode nested = c.nextJson();
            assertThat(nested.get("command").asText()).isEqualTo("half");
            c.send("{\"id\": \"" + nested.get("id").asText() + "\", \"response\": 21, \"objects\": []}");
            JsonNode answer = c.nextJson();
            assertThat(answer.get("id").asText()).isEqualTo("t");
            assertThat(answer.get("response").asLong()).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("a ping is answered with a pong that carries its payload (RFC 6455 §5.5.2)")
    void pingIsAnswered() throws IOException {
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(upgradeRequest());
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            assertThat(readHead(in)).startsWith("HTTP/1.1 101");
            out.write(maskedFrame(0x9, "are you there".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            Frame pong = readFrame(in);
            assertThat(pong.opcode).isEqualTo(0xA);
            assertThat(new String(pong.payload, StandardCharsets.UTF_8)).isEqualTo("are you there");
        }
    }

    private byte[] upgradeRequest() {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        return ("GET /_/uplink HTTP/1.1\r\nHost: " + uri.getAuthority() + "\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A client's frame (RFC 6455 §5.2): FIN, the opcode, a payload under 126 bytes, masked. */
    private static byte[] maskedFrame(int opcode, byte[] payload) {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        byte[] frame = new byte[2 + 4 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    private record Frame(int opcode, byte[] payload) {}

    /** A server's frame: unmasked, the payload's length in 7, 16 or 64 bits. */
    private static Frame readFrame(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        assertThat(second & 0x80).as("a server's frames are not masked").isZero();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }
}
