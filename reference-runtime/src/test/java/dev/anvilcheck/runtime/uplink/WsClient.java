package dev.anvilcheck.runtime.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Test helper: a raw uplink client on the JDK's WebSocket, which sends and reads frames as they are. */
final class WsClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer binary = ByteBuffer.allocate(0);

    /** Connects, taking {@code demand} frames and then no more (the socket is then not read either). */
    WsClient(URI uri, long demand) {
        HttpClient http = HttpClient.newHttpClient();
        this.socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                if (demand > 0) {
                    webSocket.request(demand);
                }
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frames.add(text.toString());
                    text.setLength(0);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
                joined.put(binary).put(data).flip();
                binary = joined;
                if (last) {
                    byte[] b = new byte[binary.remaining()];
                    binary.get(b);
                    frames.add(b);
                    binary = ByteBuffer.allocate(0);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    static WsClient connect(URI uri) {
        return new WsClient(uri, Long.MAX_VALUE);
    }

    /** Connects and authenticates with {@code key}, sending {@code registers} right behind the key. */
    static WsClient authenticated(URI uri, String key, String... registers) {
        WsClient c = connect(uri);
        c.send("{\"key\": \"" + key + "\", \"v\": 8}");
        for (String r : registers) {
            c.send("{\"type\": \"REGISTER\", \"name\": \"" + r + "\"}");
        }
        JsonNode auth = c.nextJson();
        if (!auth.has("auth")) {
            throw new AssertionError("no auth reply: " + auth);
        }
        if (registers.length > 0) {
            // the server replies to the key before it reads the REGISTERs behind it (Uplink protocol §1.6):
            // a round trip behind them makes sure they are in force before the test calls
            c.send("{\"type\": \"CALL\", \"id\": \"registered\", \"command\": \"anvil.private.echo\","
                    + " \"args\": [\"registered\"], \"kwargs\": {}, \"objects\": []}");
            JsonNode echo = c.nextJson();
            if (!"registered".equals(echo.path("id").asText())) {
                throw new AssertionError("no echo reply: " + echo);
            }
        }
        return c;
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    Object next() {
        try {
            Object f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode nextJson() {
        Object f = next();
        if (!(f instanceof String s)) {
            throw new AssertionError("expected a text frame, got " + ((byte[]) f).length + " bytes");
        }
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    int awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket did not close", e);
        }
    }

    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
