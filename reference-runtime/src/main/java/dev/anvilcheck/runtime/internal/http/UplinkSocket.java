package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.uplink.UplinkConnection;
import dev.anvilcheck.runtime.internal.uplink.UplinkServer;
import dev.anvilcheck.runtime.internal.uplink.UplinkTransport;
import dev.anvilcheck.wire.Encoded;
import dev.anvilcheck.wire.FrameSink;
import dev.anvilcheck.wire.WireCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Uplink WebSocket at {@code /_/uplink} on the HTTP listener's port (Uplink protocol §1).
 *
 * <p>The handshake is Netty's, on the connection's event loop, as the official client checks it
 * (status 101, {@code Upgrade: websocket}, {@code Connection: Upgrade}, the RFC 6455 accept, no
 * subprotocol, any {@code Origin}). Then the socket leaves the event loop (issue 13, fifth pass):
 * the channel is deregistered, and the socket is read by one of the uplink server's threads at a
 * time and written by whichever thread sends, each directly, with Netty's WebSocket frame decoder
 * and encoder (frames of at most 16 MiB; a bigger one closes the socket with 1009, §1.5). The
 * thread that reads is the socket's reader until it hands the socket on: when what it read holds
 * the connection's only call ({@link UplinkConnection#readComplete()}), it starts another thread
 * reading and runs that call itself, so a lone call's reply is written by the thread that read it,
 * with no thread woken between. A call that blocks never stops the socket, since another thread
 * already reads it.
 *
 * <p>Frames are fed to one {@link UplinkConnection} in arrival order (a binary frame as a view of
 * its buffer, which the connection consumes before it is released); pings are answered, the
 * latest one when several wait. A message is encoded whole, its Media chunks behind it (§3.6), and
 * put in the outbox; whichever sender finds no other writing writes everything the outbox holds,
 * in order, in one system call where the socket takes it, so that concurrent replies go out
 * together and no sender waits for another's write. When the socket is full, a sender waits for
 * the peer to read (the reader never does: another thread waits for it); more than 1 MiB waiting
 * makes senders wait too, and a peer that stays stalled for the stall timeout is disconnected.
 * The channel, though deregistered, stays the listener's until the socket closes, so the
 * listener's cap on connections and its shutdown count it as before.
 */
final class UplinkSocket implements UplinkTransport {
    private static final System.Logger LOG = System.getLogger(UplinkSocket.class.getName());
    private static final String PATH = "/_/uplink";
    /** At most this many bytes are read from the socket at a time. */
    private static final int READ_AT_MOST = 64 * 1024;
    /** Senders wait while more than this many bytes wait in the outbox... */
    private static final long HIGH_WATER = 1024 * 1024;
    /** ...until no more than this many do. */
    private static final long LOW_WATER = 512 * 1024;
    /** At most this many messages go out in one write. */
    private static final int MESSAGES_PER_WRITE = 64;

    private final Channel channel;
    private final SocketChannel socket;
    private final UplinkServer uplinks;
    private final long stallNanos;
    private final Selector readable;
    private final Selector writable;
    /** Netty's frame decoder and aggregator: used only by the socket's reader of the moment. */
    private final EmbeddedChannel frames;
    /** Netty's frame encoder: guarded by itself. */
    private final EmbeddedChannel encoder;
    /** Encoded messages waiting for the socket, each whole, in order. */
    private final ConcurrentLinkedQueue<ByteBuf> outbox = new ConcurrentLinkedQueue<>();
    /** The bytes in the outbox and in the batch being written. */
    private final AtomicLong outboxBytes = new AtomicLong();
    /** Whether a thread writes the outbox now; only the thread that set it touches the batch. */
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Senders waiting for the outbox to drain wait on it. */
    private final Object drained = new Object();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean shut = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean told = new AtomicBoolean();
    /** The messages being written, their views, and the bytes of them not yet written: the writer's. */
    private final java.util.ArrayList<ByteBuf> batch = new java.util.ArrayList<>();
    private ByteBuffer[] batchViews;
    private long batchLeft;
    /** Whether the batch ends with the close frame, after which the socket closes. */
    private boolean batchCloses;
    /** The close frame, once one is in the outbox. */
    private volatile ByteBuf closeFrame;
    /** The thread that reads the socket now, which never waits to send. */
    private volatile Thread reader;
    /**
     * Whether the reader is between two waits for the socket: then it writes the outbox before it
     * waits again, and a sender leaves its message to it, so that the replies of one read's calls go
     * out together.
     */
    private volatile boolean readerAwake;
    private volatile int drainWaiters;
    private volatile boolean tooBig;
    private volatile UplinkConnection connection;

    private UplinkSocket(Channel channel, SocketChannel socket, UplinkServer uplinks, WebSocketDecoderConfig config)
            throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.uplinks = uplinks;
        this.stallNanos = TimeUnit.MILLISECONDS.toNanos(uplinks.stallMillis());
        this.frames = new EmbeddedChannel(new WebSocket08FrameDecoder(config),
                new WebSocketFrameAggregator(WireCodec.MAX_FRAME));
        this.encoder = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        Selector r = null;
        Selector w = null;
        try {
            r = Selector.open();
            w = Selector.open();
            socket.register(r, SelectionKey.OP_READ);
            socket.register(w, SelectionKey.OP_WRITE);
        } catch (IOException | RuntimeException e) {
            closeQuietly(r);
            closeQuietly(w);
            frames.finishAndReleaseAll();
            encoder.finishAndReleaseAll();
            throw e;
        }
        this.readable = r;
        this.writable = w;
    }

    /** Whether {@code request} asks for the Uplink WebSocket (any sub-path and query, §1.1). */
    static boolean isUpgrade(FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        return request.method() == HttpMethod.GET && (path.equals(PATH) || path.startsWith(PATH + "/"))
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    /**
     * Completes the handshake on the event loop, then takes the socket off it and starts reading
     * it. The HTTP handlers leave the pipeline unless the WebSocket version is one the listener does
     * not speak, which gets its answer and stays HTTP.
     */
    static void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, UplinkServer uplinks, String remote) {
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(WireCodec.MAX_FRAME)
                .allowExtensions(false)
                .closeOnProtocolViolation(false)
                .build();
        String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "127.0.0.1") + PATH;
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(location, null, config)
                .newHandshaker(request);
        if (handshaker == null) {
            uplinks.refused(remote, "bad WebSocket handshake: unsupported version "
                    + request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION));
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        Channel channel = ctx.channel();
        // nothing more is read on the event loop: a client sends no frame before it has the 101 (RFC 6455 §4.1)
        channel.config().setAutoRead(false);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.remove(ctx.handler());
        io.netty.channel.ChannelFuture handshake;
        try {
            handshake = handshaker.handshake(channel, request);
        } catch (RuntimeException e) {
            uplinks.refused(remote, "bad WebSocket handshake: " + e.getMessage());
            channel.close();
            return;
        }
        handshake.addListener((ChannelFutureListener) done -> {
            if (!done.isSuccess()) {
                uplinks.refused(remote, "bad WebSocket handshake: " + done.cause());
                channel.close();
                return;
            }
            for (String name : pipeline.names()) {
                if (pipeline.context(name) != null) {
                    pipeline.remove(name);
                }
            }
            channel.deregister().addListener(off -> takeOver(channel, uplinks, config, remote));
        });
    }

    /** The channel is off its event loop: its socket becomes an uplink's. */
    private static void takeOver(Channel channel, UplinkServer uplinks, WebSocketDecoderConfig config, String remote) {
        UplinkSocket socket;
        try {
            socket = new UplinkSocket(channel, ((ListenerChannel.Accepted) channel).socket(), uplinks, config);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not take over the socket of an uplink; closing it", e);
            channel.close();
            return;
        }
        // the listener closing its channels closes this one too: the reader must hear of it
        channel.closeFuture().addListener(f -> socket.shut());
        socket.connection = uplinks.open(socket, remote);
        if (!socket.startReader()) {
            socket.end();
        }
    }

    /** Starts a thread reading the socket; false if the uplink server has no thread to give. */
    private boolean startReader() {
        try {
            uplinks.execute(this::read);
            return true;
        } catch (RejectedExecutionException e) {
            shut();
            return false;
        }
    }

    /**
     * The reader's turn: frames to the connection until the socket ends, or until it hands the
     * socket on to run a lone call itself.
     */
    private void read() {
        reader = Thread.currentThread();
        readerAwake = true;
        try {
            while (true) {
                WebSocketFrame frame = frames.readInbound();
                if (frame != null) {
                    deliver(frame);
                    continue;
                }
                Runnable lone = connection.readComplete();
                if (lone != null) {
                    // another thread reads from here on; this one runs the call and writes its reply
                    readerSleeps();
                    reader = null;
                    if (!startReader()) {
                        end();
                    }
                    lone.run();
                    return;
                }
                flush(false);
                if (!fill()) {
                    break;
                }
            }
        } catch (io.netty.handler.codec.DecoderException e) {
            if (isTooBig(e) || isTooBig(e.getCause())) {
                refuseTooBig(e);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "Uplink socket sent a bad frame; closing it", e);
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.DEBUG, "Uplink socket failed; closing it", e);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.WARNING, "Reading an uplink socket failed; closing it", e);
        }
        end();
    }

    /** Whether a decoder's complaint is of a frame over 16 MiB (Uplink protocol §1.5). */
    private static boolean isTooBig(Throwable t) {
        return t instanceof TooLongFrameException || t instanceof CorruptedWebSocketFrameException c
                && c.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG;
    }

    /** Reads what the socket has, waiting until it has something; false once it ended. */
    private boolean fill() throws IOException {
        while (true) {
            if (shut.get()) {
                return false;
            }
            ByteBuf in = frames.alloc().ioBuffer(READ_AT_MOST);
            int n;
            try {
                n = in.writeBytes(socket, READ_AT_MOST);
            } catch (IOException | RuntimeException e) {
                in.release();
                throw e;
            }
            if (n > 0) {
                frames.writeInbound(in);
                return true;
            }
            in.release();
            if (n < 0) {
                return false;
            }
            readerSleeps();
            readable.select();
            readerAwake = true;
            readable.selectedKeys().clear();
        }
    }

    /**
     * The reader stops being awake, and writes what senders left to it: a sender that puts a message
     * in the outbox and then finds the reader not awake writes it itself, so one of the two does.
     */
    private void readerSleeps() {
        readerAwake = false;
        flush(false);
    }

    /** One frame, in order: a message's to the connection, a control frame answered (RFC 6455 §5.5). */
    private void deliver(WebSocketFrame frame) {
        try {
            if (frame instanceof TextWebSocketFrame text) {
                connection.text(ByteBufUtil.getBytes(text.content()));
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                // a view, not a copy: the decoder consumes the chunk before this returns and the frame is released
                connection.binary(binary.content().nioBuffer());
            } else {
                control(frame);
            }
        } finally {
            frame.release();
        }
    }

    /** A ping is answered with a pong, a close with a close (RFC 6455 §5.5). */
    @OutsideTheSpecification("WebSocket control frames (RFC 6455 §5.5): no clause of SEMANTICS.md speaks of them; the"
            + " reader tears the connection down however the socket ends")
    private void control(WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            // while much waits to go out, a peer that pings is not also answered each time (§5.5.3
            // lets an endpoint answer only the latest ping)
            ByteBuf pong = outboxBytes.get() <= LOW_WATER ? encode(new PongWebSocketFrame(frame.content().retain()))
                    : null;
            if (pong != null) {
                post(pong, false);
            }
        } else if (frame instanceof CloseWebSocketFrame) {
            // the uplink leaves: forgotten before the close that answers it says so, so that a client
            // that waits for that answer (RFC 6455 §7.1.1) finds its functions gone
            tellClosed();
            close();
        }
    }

    @OutsideTheSpecification("the 16 MiB frame limit of Uplink protocol §1.5, which no clause of SEMANTICS.md states")
    private void refuseTooBig(Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "Uplink socket sent a frame too big; closing it", e);
        tooBig = true;
        closeWith(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG));
    }

    @Override
    public boolean send(Encoded message) {
        if (closing.get() || shut.get()) {
            return false;
        }
        CompositeByteBuf bytes = encoder.alloc().compositeBuffer(Integer.MAX_VALUE);
        boolean[] encoded = {true};
        try {
            // the encoder is held a frame at a time: writeTo may take its time producing a Media's chunks
            message.writeTo(new FrameSink() {
                @Override
                public void text(byte[] utf8) {
                    encoded[0] &= encodeInto(bytes, new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)));
                }

                @Override
                public void binary(ByteBuffer chunk) {
                    encoded[0] &= encodeInto(bytes, new BinaryWebSocketFrame(Unpooled.wrappedBuffer(chunk)));
                }
            });
        } catch (RuntimeException | Error e) {
            bytes.release();
            throw e;
        }
        if (!encoded[0]) {
            bytes.release();
            return false;
        }
        return post(bytes, Thread.currentThread() != reader);
    }

    /** One frame's bytes, by Netty's encoder (a server's frames are not masked). */
    private ByteBuf encode(WebSocketFrame frame) {
        CompositeByteBuf bytes = encoder.alloc().compositeBuffer(Integer.MAX_VALUE);
        if (!encodeInto(bytes, frame)) {
            bytes.release();
            return null;
        }
        return bytes;
    }

    /** Appends a frame's bytes to {@code bytes}; false (the frame let go) once the socket has ended. */
    private boolean encodeInto(CompositeByteBuf bytes, WebSocketFrame frame) {
        synchronized (encoder) {
            if (!encoder.isOpen()) {
                frame.release();
                return false;
            }
            encoder.writeOutbound(frame);
            for (ByteBuf b = encoder.readOutbound(); b != null; b = encoder.readOutbound()) {
                bytes.addComponent(true, b);
            }
            return true;
        }
    }

    /**
     * Puts a message in the outbox and writes the outbox unless another thread does; then, if much
     * waits and {@code mayWait}, waits for the peer to read.
     *
     * @return false once the socket is closed
     */
    private boolean post(ByteBuf message, boolean mayWait) {
        long waiting = outboxBytes.addAndGet(message.readableBytes());
        outbox.add(message);
        if (!readerAwake || !mayWait || waiting > HIGH_WATER) {
            flush(mayWait);
        }
        if (mayWait && waiting > HIGH_WATER) {
            awaitDrained();
        }
        if (shut.get()) {
            discardOutbox();
            return false;
        }
        return true;
    }

    /**
     * Writes the outbox while no other thread does. A thread that may wait waits for a full socket;
     * the reader hands the wait to another thread.
     */
    private void flush(boolean mayWait) {
        while (!outbox.isEmpty() && !shut.get() && writing.compareAndSet(false, true)) {
            boolean handedOn = false;
            try {
                if (!pump(mayWait)) {
                    handedOn = handOnTheWrite();
                }
            } finally {
                if (!handedOn) {
                    writing.set(false);
                }
            }
            if (handedOn) {
                return;
            }
        }
    }

    /** A thread that may wait finishes writing what the reader could not; false if none is left. */
    private boolean handOnTheWrite() {
        try {
            uplinks.execute(() -> {
                try {
                    pump(true);
                } finally {
                    writing.set(false);
                }
                flush(true);
            });
            return true;
        } catch (RejectedExecutionException e) {
            shut();
            releaseBatch();
            return false;
        }
    }

    /**
     * Writes batches from the outbox until it is empty (true) or, unless {@code wait}, the socket
     * is full (false). Waiting, a peer that reads nothing for the stall timeout is disconnected.
     * The caller has set {@link #writing}.
     */
    @OutsideTheSpecification("back-pressure on a peer that does not read and its stall timeout (ConnectionLimits,"
            + " issue 13); no clause states them")
    private boolean pump(boolean wait) {
        long deadline = System.nanoTime() + stallNanos;
        boolean interrupted = false;
        try {
            while (true) {
                if (shut.get()) {
                    releaseBatch();
                    discardOutbox();
                    return true;
                }
                if (batchLeft == 0 && !gather()) {
                    return true;
                }
                long n = socket.write(batchViews);
                batchLeft -= n;
                if (batchLeft == 0) {
                    written();
                    continue;
                }
                if (!wait) {
                    return false;
                }
                long now = System.nanoTime();
                if (n > 0) {
                    deadline = now + stallNanos;
                } else if (now - deadline >= 0) {
                    stalled();
                    continue;
                }
                // an interrupt would end every wait at once; it is given back when the write is done
                interrupted |= Thread.interrupted();
                writable.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now)));
                writable.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.DEBUG, "Writing to an uplink socket failed; closing it", e);
            shut();
            releaseBatch();
            discardOutbox();
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes the next messages from the outbox as the batch to write; false if it is empty. */
    private boolean gather() {
        java.util.ArrayList<ByteBuffer> views = new java.util.ArrayList<>();
        for (ByteBuf m = outbox.poll(); m != null; m = batch.size() < MESSAGES_PER_WRITE ? outbox.poll() : null) {
            batch.add(m);
            batchLeft += m.readableBytes();
            java.util.Collections.addAll(views, m.nioBuffers());
            if (m == closeFrame) {
                // nothing is sent after it
                batchCloses = true;
                break;
            }
        }
        batchViews = views.toArray(new ByteBuffer[0]);
        return !batch.isEmpty();
    }

    /** The batch is out: its bytes leave the outbox, and senders waiting for it to drain may go on. */
    private void written() {
        long bytes = 0;
        for (ByteBuf m : batch) {
            bytes += m.readableBytes();
        }
        boolean closes = batchCloses;
        releaseBatch();
        long left = outboxBytes.addAndGet(-bytes);
        if (drainWaiters > 0 && left <= LOW_WATER) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
        if (closes) {
            shut();
        }
    }

    private void releaseBatch() {
        for (ByteBuf m : batch) {
            m.release();
        }
        batch.clear();
        batchViews = null;
        batchLeft = 0;
        batchCloses = false;
    }

    /** Waits while more than {@link #LOW_WATER} bytes wait to go out; a peer stalled for the stall timeout is disconnected. */
    @OutsideTheSpecification("back-pressure on a peer that does not read and its stall timeout (ConnectionLimits,"
            + " issue 13); no clause states them")
    private void awaitDrained() {
        long deadline = System.nanoTime() + stallNanos;
        boolean interrupted = false;
        synchronized (drained) {
            drainWaiters++;
            try {
                while (outboxBytes.get() > LOW_WATER && !shut.get()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        stalled();
                        break;
                    }
                    try {
                        drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                drainWaiters--;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The peer read nothing for the stall timeout: the app log says so, and the socket closes. */
    @OutsideTheSpecification("the stall timeout of a peer that does not read (ConnectionLimits, issue 13); no clause"
            + " states it")
    private void stalled() {
        if (connection != null) {
            connection.stalled(TimeUnit.NANOSECONDS.toMillis(stallNanos));
        }
        shut();
    }

    /** Lets go of what waits to go out of a socket that closed. */
    private void discardOutbox() {
        for (ByteBuf m = outbox.poll(); m != null; m = outbox.poll()) {
            m.release();
        }
    }

    @Override
    public void close() {
        closeWith(new CloseWebSocketFrame(1000, ""));
    }

    /** Sends the close frame behind what waits to go out; the socket closes once it is out (RFC 6455 §5.5.1). */
    private void closeWith(CloseWebSocketFrame frame) {
        if (shut.get() || !closing.compareAndSet(false, true)) {
            frame.release();
            return;
        }
        ByteBuf bytes = encode(frame);
        if (bytes == null) {
            shut();
            return;
        }
        closeFrame = bytes;
        post(bytes, false);
    }

    /** Closes the socket and wakes whoever waits on it; the reader then ends the connection. */
    private void shut() {
        if (!shut.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing an uplink socket failed", e);
        }
        readable.wakeup();
        writable.wakeup();
        synchronized (drained) {
            drained.notifyAll();
        }
        // the listener's count of connections and its group learn of it
        channel.close();
    }

    /** The reader's last act: the connection is told, and what the socket held is let go. */
    private void end() {
        shut();
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            tellClosed();
        } finally {
            // the selectors first: until both are closed the socket's descriptor is not released
            closeQuietly(readable);
            closeQuietly(writable);
            discardOutbox();
            release(frames);
            synchronized (encoder) {
                release(encoder);
            }
        }
    }

    /** Tells the connection, once, that the socket is gone. */
    private void tellClosed() {
        if (told.compareAndSet(false, true)) {
            connection.closed(tooBig);
        }
    }

    /**
     * Lets go of what a codec holds. A frame cut short by the close is no error here (the
     * aggregator says it is, as the channel it thinks it is in closes), since the connection has
     * already been told the socket ended.
     */
    private static void release(EmbeddedChannel codec) {
        try {
            codec.finishAndReleaseAll();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "A frame was cut short by the socket's close", e);
            codec.releaseInbound();
            codec.releaseOutbound();
        }
    }

    private static void closeQuietly(Selector selector) {
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing a selector failed", e);
            }
        }
    }
}
