package dev.anvilcheck.tck.clauses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.tck.Expect;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An uplink connection the suite drives frame by frame, for clauses that are about the frames
 * themselves (MEDIA-02): it sends the text and binary frames a test writes and hands back every
 * whole frame the runtime sends, in order. Only the JDK's WebSocket and Jackson; no Anvil logic.
 */
final class RawUplink implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A frame from the runtime: text (JSON) or binary. */
    record Frame(JsonNode json, byte[] binary) {
        boolean isBinary() {
            return binary != null;
        }
    }

    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private final WebSocket socket;
    private final String clause;

    private RawUplink(URI url, String clause) {
        this.clause = clause;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(url, new Collector()).join();
    }

    /**
     * Connects and authenticates with {@code key} (Uplink protocol §2).
     *
     * @throws AssertionError (a violation of {@code clause}) if the runtime does not answer with {@code auth}
     */
    static RawUplink open(URI url, String key, String clause, Duration timeout) {
        RawUplink raw = new RawUplink(url, clause);
        raw.text(JSON.createObjectNode().put("key", key).put("v", 8).toString());
        Frame reply = raw.next(timeout, "the authentication reply");
        if (reply.isBinary() || !reply.json().has("auth")) {
            raw.close();
            throw Expect.violation(clause, CallerKind.UPLINK, null, "an 'auth' reply to the key",
                    String.valueOf(reply.json()));
        }
        return raw;
    }

    /**
     * Connects without authenticating: the test sends the first message itself ({@link #sendKey}).
     */
    static RawUplink connect(URI url, String clause) {
        return new RawUplink(url, clause);
    }

    /** Sends the first message, {@code {"key": key, "v": version}} (Uplink protocol §2.1). */
    void sendKey(String key, int version) {
        text(JSON.createObjectNode().put("key", key).put("v", version).toString());
    }

    /** Whether the runtime closes the connection (or it breaks) within {@code wait}. */
    boolean closesWithin(Duration wait) {
        try {
            return closed.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void text(String json) {
        socket.sendText(json, true).join();
    }

    void binary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next frame, skipping console output ({@code output}, §3.8). */
    Frame next(Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame frame;
            try {
                frame = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            if (frame == null) {
                throw Expect.violation(clause, CallerKind.UPLINK, null, what + " within " + timeout.toMillis() + " ms",
                        "no frame arrived");
            }
            if (frame.isBinary() || !frame.json().has("output")) {
                return frame;
            }
        }
    }

    /** The next frame, console output ({@code output}, §3.8) included. */
    Frame nextIncludingOutput(Duration timeout, String what) {
        try {
            Frame frame = received.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw Expect.violation(clause, CallerKind.UPLINK, null, what + " within " + timeout.toMillis()
                        + " ms", "no frame arrived");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        }
    }

    /** Whether a frame arrives within {@code wait}; it is kept for {@link #next}. */
    boolean anyFrameWithin(Duration wait) {
        try {
            Frame frame = received.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                return false;
            }
            BlockingQueue<Frame> rest = new LinkedBlockingQueue<>();
            received.drainTo(rest);
            received.add(frame);
            received.addAll(rest);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    received.add(new Frame(JSON.readTree(text.toString()), null));
                } catch (java.io.IOException e) {
                    received.add(new Frame(JSON.createObjectNode().put("unparsable", text.toString()), null));
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.countDown();
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] part = new byte[data.remaining()];
            data.get(part);
            binary.write(part, 0, part.length);
            if (last) {
                received.add(new Frame(null, binary.toByteArray()));
                binary.reset();
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
