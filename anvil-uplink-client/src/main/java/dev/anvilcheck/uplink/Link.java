package dev.anvilcheck.uplink;

import static dev.anvilcheck.uplink.UplinkLog.LOG;
import static dev.anvilcheck.uplink.UplinkLog.esc;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.Decoder;
import dev.anvilcheck.wire.Encoded;
import dev.anvilcheck.wire.FrameSink;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import dev.anvilcheck.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection of an uplink, on the JDK's {@link HttpClient}: it opens the socket, joins
 * the frames that arrive and feeds them to its own decoder, sends each message's frames under one
 * lock, closes normally, and reports the messages it reads, those it cannot read and its end to its
 * {@link Handler}. It asks for the next frame before it handles the current one, so that an end of
 * stream is noticed while a caller's future is being completed. It also holds the state of this one
 * connection that the {@link ConnectionSupervisor} keeps: the auth reply awaited, and whether the
 * link was authenticated, is closed, or was ended by a fatal error.
 */
final class Link implements WebSocket.Listener {
    /**
     * What a link reports: the messages it decoded and those it could not, on the listener's thread
     * and in the order they arrived, and its end, once, from {@link #close()} on the closing thread
     * or, when the socket closes or fails, handed over to a worker.
     */
    interface Handler {
        /** A message decoded from {@code link}. */
        void received(Link link, Message message);

        /** A message from {@code link} the codec could not read. */
        void undecodable(Link link, WireFormatException e);

        /** {@code link} ended, asked or not. */
        void closed(Link link);
    }

    /**
     * One HTTP client for every uplink of the process, so that no uplink leaves its selector thread
     * behind. It keeps the JDK's default executor: the listener's work (decoding, which runs the
     * {@code deserialize} hooks of portable classes) then never runs on the selector thread that
     * every uplink of the process shares. (Running it on the selector thread was measured: no
     * difference in round-trip time worth that risk.)
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newHttpClient();
    }

    final CompletableFuture<String> auth = new CompletableFuture<>();
    final Decoder decoder;
    private final Handler handler;
    private final Executor offListener;
    private final Duration connectTimeout;
    private final Object sendLock = new Object();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    volatile WebSocket socket;
    volatile boolean authenticated;
    volatile boolean closed;
    volatile String fatal;

    /**
     * A link not yet open that decodes with {@code codec}, reports to {@code handler}, hands the end
     * of its socket over to {@code offListener}, and waits {@code connectTimeout} to open and to close.
     */
    Link(WireCodec codec, Handler handler, Executor offListener, Duration connectTimeout) {
        this.handler = handler;
        this.offListener = offListener;
        this.connectTimeout = connectTimeout;
        this.decoder = codec.newDecoder(m -> handler.received(this, m));
        decoder.onAnomaly(a -> LOG.log(System.Logger.Level.DEBUG, "uplink frame anomaly: {0}", esc(a)));
    }

    /**
     * Opens the socket to {@code url}, waiting up to the connect timeout.
     *
     * @throws AnvilWrappedError "Failed to connect to Anvil Uplink server at ..." if it could not be
     *     opened, or the connection-lost error if the thread was interrupted
     */
    void open(URI url) {
        WebSocket ws;
        try {
            ws = Http.CLIENT.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(url, this)
                    .get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AnvilWrappedError(new WireError(null, "Failed to connect to Anvil Uplink server at " + url
                    + ": " + (e.getCause() == null ? e : e.getCause()), List.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OutboundCalls.lost();
        }
        socket = ws;
    }

    /** Sends one message's frames, none of another message's between them, waiting until they are sent. */
    void send(Encoded encoded) {
        WebSocket ws = socket;
        synchronized (sendLock) {
            encoded.writeTo(new FrameSink() {
                @Override
                public void text(byte[] utf8) {
                    ws.sendText(new String(utf8, StandardCharsets.UTF_8), true).join();
                }

                @Override
                public void binary(ByteBuffer bytes) {
                    ws.sendBinary(bytes, true).join();
                }
            });
        }
    }

    /** Closes the socket normally (code 1000), then aborts it, and reports the end on this thread. */
    void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            try {
                synchronized (sendLock) {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.DEBUG, "uplink close: {0}", esc(e.toString()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ws != null) {
            ws.abort();
        }
        handler.closed(this);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        // the next frame is asked for before this one is handled: handling it may complete a
        // caller's future, and with no demand outstanding the JDK's WebSocket does not read, so
        // an end of stream arriving meanwhile would go unnoticed and a call made next would wait
        // for ever (the JDK still calls the listener one frame at a time)
        webSocket.request(1);
        text.append(data);
        if (last) {
            String frame = text.toString();
            text.setLength(0);
            try {
                decoder.text(frame);
            } catch (WireFormatException e) {
                handler.undecodable(this, e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "unreadable message from the Anvil server: {0}",
                        esc(e.getMessage()));
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        binary.write(bytes, 0, bytes.length);
        if (last) {
            ByteBuffer frame = ByteBuffer.wrap(binary.toByteArray());
            binary.reset();
            try {
                decoder.binary(frame);
            } catch (WireFormatException e) {
                handler.undecodable(this, e);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "unreadable media chunk from the Anvil server: {0}",
                        esc(e.getMessage()));
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        offListener.execute(() -> handler.closed(this));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "uplink socket error: {0}", esc(error.toString()));
        offListener.execute(() -> handler.closed(this));
    }
}
