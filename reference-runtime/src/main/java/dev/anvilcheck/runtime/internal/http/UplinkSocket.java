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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

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
 * its buffer, which the connection consumes before it is released); pings are answered from
 * another thread, the latest ping of any still unanswered, so that reading never waits to send.
 * Sends hold a lock across a message and its Media chunks; a send that finds the socket full waits
 * for the peer to read, and one whose peer stays stalled for the stall timeout disconnects it. The
 * channel, though deregistered, stays the listener's until the socket closes, so the listener's
 * cap on connections and its shutdown count it as before.
 */
final class UplinkSocket implements UplinkTransport {
    private static final System.Logger LOG = System.getLogger(UplinkSocket.class.getName());
    private static final String PATH = "/_/uplink";
    /** At most this many bytes are read from the socket at a time. */
    private static final int READ_AT_MOST = 64 * 1024;
    /** How long {@link #close()} waits for a send in progress before it closes without a close frame. */
    private static final long CLOSE_WAITS_MILLIS = 100;

    private final Channel channel;
    private final SocketChannel socket;
    private final UplinkServer uplinks;
    private final long stallMillis;
    private final Selector readable;
    private final Selector writable;
    /** Netty's frame decoder and aggregator: used only by the socket's reader of the moment. */
    private final EmbeddedChannel frames;
    /** Netty's frame encoder: guarded by {@link #sendLock}. */
    private final EmbeddedChannel encoder;
    private final ReentrantLock sendLock = new ReentrantLock();
    /** The payload of the latest ping not yet answered, if any; a thread answers it. */
    private final AtomicReference<ByteBuf> ping = new AtomicReference<>();
    private final AtomicBoolean shut = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean tooBig;
    private volatile UplinkConnection connection;

    private UplinkSocket(Channel channel, SocketChannel socket, UplinkServer uplinks, WebSocketDecoderConfig config)
            throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.uplinks = uplinks;
        this.stallMillis = uplinks.stallMillis();
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
                    if (!startReader()) {
                        end();
                    }
                    lone.run();
                    return;
                }
                if (!fill()) {
                    break;
                }
            }
        } catch (TooLongFrameException e) {
            refuseTooBig(e);
        } catch (CorruptedWebSocketFrameException e) {
            if (e.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
                refuseTooBig(e);
            } else {
                LOG.log(System.Logger.Level.DEBUG, "Uplink socket sent a bad frame; closing it", e);
            }
        } catch (io.netty.handler.codec.DecoderException e) {
            if (e.getCause() instanceof TooLongFrameException || e.getCause() instanceof CorruptedWebSocketFrameException c
                    && c.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
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
            readable.select();
            readable.selectedKeys().clear();
        }
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

    /** A ping is answered with a pong from another thread, a close with a close (RFC 6455 §5.5). */
    @OutsideTheSpecification("WebSocket control frames (RFC 6455 §5.5): no clause of SEMANTICS.md speaks of them; the"
            + " reader tears the connection down however the socket ends")
    private void control(WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame) {
            ByteBuf previous = ping.getAndSet(frame.content().retainedDuplicate());
            if (previous != null) {
                // a pong for it is on its way, and answers this ping now
                previous.release();
                return;
            }
            try {
                uplinks.execute(this::pong);
            } catch (RejectedExecutionException e) {
                shut();
            }
        } else if (frame instanceof CloseWebSocketFrame) {
            close();
        }
    }

    /** Answers the latest ping. */
    private void pong() {
        ByteBuf payload = ping.getAndSet(null);
        if (payload != null) {
            send(new PongWebSocketFrame(payload));
        }
    }

    @OutsideTheSpecification("the 16 MiB frame limit of Uplink protocol §1.5, which no clause of SEMANTICS.md states")
    private void refuseTooBig(Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "Uplink socket sent a frame too big; closing it", e);
        tooBig = true;
        if (sendLock.tryLock()) {
            try {
                write(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG), 0);
            } finally {
                sendLock.unlock();
            }
        }
        shut();
    }

    @Override
    public boolean send(Encoded message) {
        if (shut.get()) {
            return false;
        }
        boolean[] ok = {true};
        sendLock.lock();
        try {
            message.writeTo(new FrameSink() {
                @Override
                public void text(byte[] utf8) {
                    frame(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)));
                }

                @Override
                public void binary(ByteBuffer bytes) {
                    frame(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
                }

                private void frame(WebSocketFrame frame) {
                    if (ok[0]) {
                        ok[0] = write(frame, stallMillis);
                    } else {
                        frame.release();
                    }
                }
            });
        } finally {
            sendLock.unlock();
        }
        return ok[0];
    }

    /** Sends one frame by itself (a pong); false once the socket is closed. */
    private boolean send(WebSocketFrame frame) {
        sendLock.lock();
        try {
            return write(frame, stallMillis);
        } finally {
            sendLock.unlock();
        }
    }

    /**
     * Writes one frame, waiting while the socket is full for at most {@code stallMillis} (then the
     * peer is disconnected); false once the socket is closed. The caller holds the send lock.
     */
    @OutsideTheSpecification("back-pressure on a peer that does not read and its stall timeout (ConnectionLimits,"
            + " issue 13); no clause states them")
    private boolean write(WebSocketFrame frame, long stallMillis) {
        if (shut.get()) {
            frame.release();
            return false;
        }
        ByteBuf bytes = encoded(frame);
        boolean interrupted = false;
        try {
            ByteBuffer[] buffers = bytes.nioBuffers();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stallMillis);
            while (bytes.isReadable()) {
                long n = socket.write(buffers);
                bytes.skipBytes((int) n);
                if (!bytes.isReadable()) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (stallMillis > 0 && connection != null) {
                        connection.stalled(stallMillis);
                    }
                    shut();
                    return false;
                }
                // an interrupt would end every wait at once; it is given back when the frame is out
                interrupted |= Thread.interrupted();
                writable.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                writable.selectedKeys().clear();
            }
            return true;
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.DEBUG, "Writing to an uplink socket failed; closing it", e);
            shut();
            return false;
        } finally {
            bytes.release();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The frame's bytes, by Netty's encoder (a server's frames are not masked). */
    private ByteBuf encoded(WebSocketFrame frame) {
        encoder.writeOutbound(frame);
        ByteBuf first = encoder.readOutbound();
        ByteBuf next = encoder.readOutbound();
        if (next == null) {
            return first;
        }
        CompositeByteBuf all = encoder.alloc().compositeBuffer();
        all.addComponent(true, first);
        for (; next != null; next = encoder.readOutbound()) {
            all.addComponent(true, next);
        }
        return all;
    }

    @Override
    public void close() {
        if (shut.get()) {
            return;
        }
        boolean locked = false;
        try {
            locked = sendLock.tryLock(CLOSE_WAITS_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (locked) {
            try {
                // written if the socket takes it at once; a peer that does not read is closed without it
                write(new CloseWebSocketFrame(1000, ""), 0);
            } finally {
                sendLock.unlock();
            }
        }
        shut();
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
            connection.closed(tooBig);
        } finally {
            // the selectors first: until both are closed the socket's descriptor is not released
            closeQuietly(readable);
            closeQuietly(writable);
            ByteBuf unanswered = ping.getAndSet(null);
            if (unanswered != null) {
                unanswered.release();
            }
            release(frames);
            sendLock.lock();
            try {
                release(encoder);
            } finally {
                sendLock.unlock();
            }
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
