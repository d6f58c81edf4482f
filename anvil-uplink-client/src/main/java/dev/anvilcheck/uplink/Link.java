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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One WebSocket connection of an uplink, on the JDK's {@link HttpClient}: it opens the socket, joins
 * the frames that arrive and hands each whole message to its own decoder off the selector thread (on
 * a thread waiting in {@link #await} for a call's answer if there is one, else on a worker), one
 * message at a time and in the order they arrived, sends each message's frames under one lock, closes normally,
 * and reports the messages it reads, those it cannot read and its end to its {@link Handler}. No end
 * of the connection goes unnoticed (UPL-10): its listener always has demand and returns before the
 * socket is read again, so that the JDK reads an end of stream while it may still report it, and a
 * send that fails ends the link too. It also holds the state of this one connection that the
 * {@link ConnectionSupervisor} keeps: the auth reply awaited, and whether the link was authenticated,
 * is closed, or was ended by a fatal error.
 */
final class Link implements WebSocket.Listener {
    /**
     * What a link reports: the messages it decoded and those it could not, on a worker or a thread
     * waiting for a call's answer, one at a time and in the order they arrived, and its end, from
     * {@link #close()} on the closing thread or, when the socket closes or fails or a send fails, on
     * such a thread after the messages that came before
     * (a handler ignores an end reported again).
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
     * behind. Its executor runs each task where it is submitted: the JDK then calls the listener on
     * the selector thread that read the frame, and the listener's demand reaches the socket before
     * that thread reads on. With the JDK's default executor the listener ran on a pool thread while
     * the selector thread read ahead with no demand yet, and the JDK 17 WebSocket loses an end of
     * stream it reads then (an {@code InternalError} inside the HTTP client; neither {@code onClose}
     * nor {@code onError} is ever called), so a call made next waited for ever. The listener only
     * joins frames; decoding, which runs the {@code deserialize} hooks of portable classes, runs on a
     * worker, never on the selector thread that every uplink of the process shares.
     */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder().executor(Runnable::run).build();
    }

    /**
     * Runs the tasks given to it one at a time, in the order given, off the selector thread: a link's
     * messages and its end. Whoever holds the turn runs them; the turn goes first to a thread that
     * waits in {@link #await} for a call's answer (it then runs the tasks itself, up to the one that
     * answers it, and hands the turn on if more remain), else to a thread of the executor. A call
     * that does not nest is thus answered with one thread wake-up on this side (the selector thread
     * waking the caller) instead of two (a worker, then the caller), and the order of the tasks is
     * the same whichever thread runs them.
     */
    static final class Inbox implements Executor {
        /** Whether this thread is running an inbox's tasks, so that it does not wait to be given a turn. */
        private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

        private final Executor threads;
        private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final AtomicInteger waiting = new AtomicInteger();
        private final Queue<Helper> helpers = new ConcurrentLinkedQueue<>();
        /** Helpers that left without being given the turn since the last sweep (about: handOn drops some). */
        private final AtomicInteger gone = new AtomicInteger();
        /** How many helpers may leave before those left in {@link #helpers} are swept out. */
        static final int SWEEP = 64;

        /** A thread waiting in {@link #await} for {@code answer}, which may be given the turn. */
        private static final class Helper {
            static final int WAITING = 0;
            static final int GIVEN = 1;
            static final int GONE = 2;
            final Thread thread = Thread.currentThread();
            final CompletableFuture<?> answer;
            final AtomicInteger state = new AtomicInteger(WAITING);

            Helper(CompletableFuture<?> answer) {
                this.answer = answer;
            }

            /** Gives this waiting thread the turn; false if it has left or its answer has come. */
            boolean give() {
                if (answer.isDone() || !state.compareAndSet(WAITING, GIVEN)) {
                    return false;
                }
                LockSupport.unpark(thread);
                return true;
            }
        }

        Inbox(Executor threads) {
            this.threads = threads;
        }

        /** How many helpers are queued, those that left without being swept out included; for tests. */
        int helpersQueued() {
            return helpers.size();
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
            if (waiting.getAndIncrement() == 0) {
                handOn();
            }
        }

        /** Passes the turn, which this thread holds and tasks remain for, to a waiting caller or a worker. */
        private void handOn() {
            for (Helper h = helpers.poll(); h != null; h = helpers.poll()) {
                if (h.give()) {
                    return;
                }
            }
            threads.execute(() -> drain(null));
        }

        /** Runs tasks while holding the turn: all of them, or for a helper until its answer has come. */
        private void drain(Helper helper) {
            Boolean outer = RUNNING.get();
            RUNNING.set(Boolean.TRUE);
            try {
                while (true) {
                    if (helper != null && helper.answer.isDone()) {
                        handOn();
                        return;
                    }
                    try {
                        tasks.remove().run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "uplink message handling failed", e);
                    }
                    if (waiting.decrementAndGet() == 0) {
                        return;
                    }
                }
            } finally {
                RUNNING.set(outer);
            }
        }

        /**
         * Waits until {@code answer} is done, running this inbox's tasks meanwhile whenever given the
         * turn. A thread already running an inbox's tasks waits as a plain {@code get} does.
         *
         * @throws InterruptedException if the thread was interrupted before the answer came
         */
        void await(CompletableFuture<?> answer) throws InterruptedException {
            if (answer.isDone()) {
                return;
            }
            if (RUNNING.get() != null) {
                try {
                    answer.get();
                } catch (ExecutionException e) {
                    // the caller reads the outcome from the future
                }
                return;
            }
            Thread caller = Thread.currentThread();
            answer.whenComplete((r, e) -> LockSupport.unpark(caller));
            boolean interrupted = false;
            while (!answer.isDone() && !interrupted) {
                Helper me = new Helper(answer);
                helpers.add(me);
                while (!answer.isDone() && me.state.get() == Helper.WAITING) {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true;
                        break;
                    }
                }
                if (!me.state.compareAndSet(Helper.WAITING, Helper.GONE)) {
                    // given the turn: run the tasks up to the answer (all of them if it has not come
                    // when none is left, then wait again), or hand the turn on at once if interrupted
                    if (interrupted) {
                        handOn();
                    } else {
                        drain(me);
                    }
                } else if (gone.incrementAndGet() >= SWEEP) {
                    // left where it was (a removal from the middle walks the queue): handOn skips it,
                    // and those left are swept out now and then, so they never pile up
                    gone.set(0);
                    helpers.removeIf(h -> h.state.get() == Helper.GONE);
                }
            }
            if (interrupted) {
                if (!answer.isDone()) {
                    throw new InterruptedException();
                }
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final byte[] NO_BYTES = new byte[0];

    final CompletableFuture<String> auth = new CompletableFuture<>();
    final Decoder decoder;
    private final Handler handler;
    private final Inbox inbox;
    private final Duration connectTimeout;
    /** Messages waiting to be sent, in order; sent by one thread at a time. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Outgoing> outgoing =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean();
    /** The failure that ended the link's sending, if one did; the sending thread's. */
    private volatile RuntimeException sendFailure;
    /** Completed when the server's close arrives or the socket fails. */
    private final CompletableFuture<Void> peerClosed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private byte[] binary = NO_BYTES;
    private int binaryLength;
    volatile WebSocket socket;
    volatile boolean authenticated;
    volatile boolean closed;
    volatile String fatal;

    /**
     * A link not yet open that decodes with {@code codec}, reports to {@code handler} on the threads
     * of {@code offListener}, and waits {@code connectTimeout} to open and to close.
     */
    Link(WireCodec codec, Handler handler, Executor offListener, Duration connectTimeout) {
        this.handler = handler;
        this.inbox = new Inbox(offListener);
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

    /**
     * Sends one message's frames, none of another message's between them, waiting until they are
     * sent. A send that fails ends the link: the socket is aborted and its end reported, after the
     * messages that came before, so that every outstanding call fails (UPL-10) even if the end of
     * stream was never read.
     *
     * @throws RuntimeException if a frame could not be sent; the link's end has then been reported
     */
    void send(Encoded encoded) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        enqueue(new Outgoing(encoded, sent));
        try {
            sent.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Sends one message as {@link #send} does, without waiting for it to go: a call's CALL, whose
     * caller waits for its answer, which fails with the others if the link ends.
     */
    void post(Encoded encoded) {
        enqueue(new Outgoing(encoded, null));
    }

    /**
     * Queues a message, and sends what is queued unless another thread is sending: callers never
     * wait for each other's sends (issue 13: 64 threads calling through one link otherwise queued
     * on one lock, each parked and woken in turn).
     */
    private void enqueue(Outgoing message) {
        outgoing.add(message);
        while (!outgoing.isEmpty() && sending.compareAndSet(false, true)) {
            try {
                for (Outgoing next = outgoing.poll(); next != null; next = outgoing.poll()) {
                    sendNow(next);
                }
            } finally {
                sending.set(false);
            }
        }
    }

    /** Sends one queued message on the sending thread; after a failure, fails those that follow. */
    private void sendNow(Outgoing message) {
        RuntimeException failed = sendFailure;
        if (failed != null) {
            if (message.sent != null) {
                message.sent.completeExceptionally(failed);
            }
            return;
        }
        WebSocket ws = socket;
        if (message.encoded == null) {
            sendClose(ws, message.sent);
            return;
        }
        try {
            message.encoded.writeTo(new FrameSink() {
                @Override
                public void text(byte[] utf8) {
                    ws.sendText(new String(utf8, StandardCharsets.UTF_8), true).join();
                }

                @Override
                public void binary(ByteBuffer bytes) {
                    ws.sendBinary(bytes, true).join();
                }
            });
            if (message.sent != null) {
                message.sent.complete(null);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "uplink send failed: {0}",
                    esc(String.valueOf(e instanceof CompletionException ? e.getCause() : e)));
            sendFailure = e;
            ws.abort();
            inbox.execute(() -> handler.closed(this));
            if (message.sent != null) {
                message.sent.completeExceptionally(e);
            }
        }
    }

    /** Sends the normal close (1000), waiting for it at most the connect timeout; {@link #close} follows it with the abort. */
    private void sendClose(WebSocket ws, CompletableFuture<Void> sent) {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
            sent.complete(null);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            sent.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.completeExceptionally(e);
        }
    }

    /** A message waiting to be sent ({@code null}: the close), and the future of its sender if it waits. */
    private record Outgoing(Encoded encoded, CompletableFuture<Void> sent) {}

    /**
     * Waits until {@code answer}, the future of a call sent on this link, is done, meanwhile running
     * this link's messages on the calling thread whenever it is given their turn (see {@link Inbox}):
     * in order, one at a time, as a worker would, until the one that answers it.
     *
     * @throws InterruptedException if the thread was interrupted before the answer came
     */
    void await(CompletableFuture<?> answer) throws InterruptedException {
        inbox.await(answer);
    }

    /** Closes the socket normally (code 1000), then aborts it, and reports the end on this thread. */
    void close() {
        close(false);
    }

    /**
     * Closes the socket normally (1000); if {@code awaitPeer}, first waits, at most the connect
     * timeout, for the server's close that answers it (RFC 6455 §7.1.1), by which the server has
     * let the uplink go. Never called with {@code awaitPeer} from the socket's own threads.
     */
    void close(boolean awaitPeer) {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            try {
                // behind the messages already queued, as one of them
                CompletableFuture<Void> closeSent = new CompletableFuture<>();
                enqueue(new Outgoing(null, closeSent));
                closeSent.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (awaitPeer) {
                    peerClosed.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
        // demand never runs out: the JDK 17 WebSocket may read ahead while the listener has none,
        // and an end of stream read then is never reported
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String frame = text.toString();
            text.setLength(0);
            inbox.execute(() -> decodeText(frame));
        }
        return null;
    }

    private void decodeText(String frame) {
        try {
            decoder.text(frame);
        } catch (WireFormatException e) {
            handler.undecodable(this, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable message from the Anvil server: {0}",
                    esc(e.getMessage()));
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        // the JDK reuses data's buffer once this returns: the frame is copied once, into an array
        // of its final size when it comes in one part
        int n = data.remaining();
        if (last && binaryLength == 0) {
            byte[] whole = new byte[n];
            data.get(whole);
            ByteBuffer frame = ByteBuffer.wrap(whole);
            inbox.execute(() -> decodeBinary(frame));
            return null;
        }
        if (binaryLength + n > binary.length) {
            // a Media chunk, the usual binary frame, arrives in parts of the client's read buffer:
            // room for a whole chunk at once, so that it is not grown part by part
            int room = Math.max(binary.length * 2, WireCodec.CHUNK_SIZE);
            binary = Arrays.copyOf(binary, Math.max(binaryLength + n, room));
        }
        data.get(binary, binaryLength, n);
        binaryLength += n;
        if (last) {
            ByteBuffer frame = ByteBuffer.wrap(binary, 0, binaryLength);
            binary = NO_BYTES;
            binaryLength = 0;
            inbox.execute(() -> decodeBinary(frame));
        }
        return null;
    }

    private void decodeBinary(ByteBuffer frame) {
        try {
            // the frame's array is this link's copy, held by no one else: the decoder may keep it
            decoder.binaryAdopting(frame);
        } catch (WireFormatException e) {
            handler.undecodable(this, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "unreadable media chunk from the Anvil server: {0}",
                    esc(e.getMessage()));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        peerClosed.complete(null);
        inbox.execute(() -> handler.closed(this));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "uplink socket error: {0}", esc(error.toString()));
        peerClosed.complete(null);
        inbox.execute(() -> handler.closed(this));
    }
}
