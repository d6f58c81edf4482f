package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.uplink.UplinkConnection;
import dev.anvilcheck.runtime.internal.uplink.UplinkServer;
import dev.anvilcheck.runtime.internal.uplink.UplinkTransport;
import dev.anvilcheck.wire.Encoded;
import dev.anvilcheck.wire.FrameSink;
import dev.anvilcheck.wire.WireCodec;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flush.FlushConsolidationHandler;
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
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.nio.ByteBuffer;

/**
 * The Uplink WebSocket at {@code /_/uplink} on the HTTP listener's port (Uplink protocol §1): the
 * handshake as the official client checks it (status 101, {@code Upgrade: websocket},
 * {@code Connection: Upgrade}, the RFC 6455 accept, no subprotocol, any {@code Origin}), frames of
 * at most 16 MiB (a bigger one closes the socket, §1.5), pings answered, and one
 * {@link UplinkConnection} fed every frame in arrival order on the socket's thread (a binary frame
 * as a view of its buffer, which the connection consumes before the frame is released). Sends hold a
 * lock across a message and its Media chunks and wait, while more than 1 MiB is queued for the
 * socket, for a peer that does not read; one that stays stalled is disconnected. The flushes of
 * messages written while others are still queued are done as one.
 */
final class UplinkSocket extends ChannelInboundHandlerAdapter implements UplinkTransport {
    private static final System.Logger LOG = System.getLogger(UplinkSocket.class.getName());
    private static final String PATH = "/_/uplink";
    /** At most this many messages' flushes are put off to be done as one. */
    private static final int FLUSHES_PER_WRITE = 64;
    /** Sends wait for the peer to read while more than this many bytes are queued... */
    private static final int HIGH_WATER = 1024 * 1024;
    /** ...until no more than this many are. */
    private static final int LOW_WATER = 512 * 1024;

    private final Channel channel;
    private final long stallMillis;
    private final Object sendLock = new Object();
    private final Object writable = new Object();
    private UplinkConnection connection;
    private volatile boolean tooBig;

    private UplinkSocket(Channel channel, long stallMillis) {
        this.channel = channel;
        this.stallMillis = stallMillis;
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
     * Completes the handshake and turns the channel into an uplink socket; the HTTP handlers leave
     * the pipeline.
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
        UplinkSocket socket = new UplinkSocket(channel, uplinks.stallMillis());
        ChannelPipeline pipeline = channel.pipeline();
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
                if (socket.connection != null) {
                    socket.connection.handshakeFailed(String.valueOf(done.cause()));
                }
                channel.close();
            }
        });
        pipeline.remove(ctx.handler());
        // replies that workers write while others are queued go out in one flush (one socket write)
        pipeline.addLast(new FlushConsolidationHandler(FLUSHES_PER_WRITE, true),
                new WebSocketFrameAggregator(WireCodec.MAX_FRAME), socket);
        // a Media's 64 KiB chunks are written without a wait for the event loop after each one
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(LOW_WATER, HIGH_WATER));
        socket.connection = uplinks.open(socket, remote);
        channel.closeFuture().addListener(f -> {
            // a sender waiting for the peer to read must learn at once that there is no peer any more,
            // not when its stall timeout ends (the channel's writability need not change on close)
            synchronized (socket.writable) {
                socket.writable.notifyAll();
            }
            socket.connection.closed(socket.tooBig);
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        WebSocketFrame frame = (WebSocketFrame) msg;
        try {
            if (frame instanceof TextWebSocketFrame text) {
                connection.text(ByteBufUtil.getBytes(text.content()));
            } else if (frame instanceof BinaryWebSocketFrame binary) {
                // a view, not a copy: the decoder consumes the chunk before this returns and the frame is released
                connection.binary(binary.content().nioBuffer());
            } else {
                control(ctx, frame);
            }
        } finally {
            frame.release();
        }
    }

    /** A control frame: a ping is answered with a pong, a close with a close (RFC 6455 §5.5). */
    @OutsideTheSpecification("WebSocket control frames (RFC 6455 §5.5): no clause of SEMANTICS.md speaks of them; the"
            + " close listener tears the connection down however the socket ends")
    private static void control(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // the calls of this read start now, those that a thread finishing its call has not taken
        if (connection != null) {
            connection.readComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    @OutsideTheSpecification("back-pressure on a peer that does not read (ConnectionLimits' stall timeout, issue 13)")
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        synchronized (writable) {
            writable.notifyAll();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    @OutsideTheSpecification("a failed socket and the 16 MiB frame limit of Uplink protocol §1.5, which no clause"
            + " of SEMANTICS.md states")
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException c
                && c.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG) {
            tooBig = true;
        }
        LOG.log(System.Logger.Level.DEBUG, "Uplink socket failed; closing it", cause);
        if (tooBig && ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public boolean send(Encoded message) {
        if (!channel.isActive()) {
            return false;
        }
        boolean[] ok = {true};
        WebSocketFrame[] held = {null};
        synchronized (sendLock) {
            // The last frame goes out with its flush as one event-loop task (one wake-up per
            // message, not a write task and then a flush task); earlier ones are written as they come.
            try {
                message.writeTo(new FrameSink() {
                    @Override
                    public void text(byte[] utf8) {
                        hold(new TextWebSocketFrame(Unpooled.wrappedBuffer(utf8)));
                    }

                    @Override
                    public void binary(ByteBuffer bytes) {
                        hold(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
                    }

                    private void hold(WebSocketFrame frame) {
                        if (!ok[0]) {
                            frame.release();
                            return;
                        }
                        if (held[0] != null) {
                            WebSocketFrame previous = held[0];
                            held[0] = null;
                            // ok[0] is true here: hold returns at once once a write failed
                            ok[0] = write(previous, false);
                        }
                        if (ok[0]) {
                            held[0] = frame;
                        } else {
                            frame.release();
                        }
                    }
                });
            } catch (RuntimeException | Error e) {
                if (held[0] != null) {
                    held[0].release();
                }
                throw e;
            }
            if (held[0] != null) {
                // a frame is held only while every write before it succeeded
                ok[0] = write(held[0], true);
            } else {
                channel.flush();
            }
        }
        return ok[0];
    }

    /** Writes one frame, first waiting while the peer does not read; false once the socket is closed. */
    private boolean write(WebSocketFrame frame, boolean flush) {
        if (!channel.isActive()) {
            frame.release();
            return false;
        }
        if (!awaitWritable(frame)) {
            return false;
        }
        if (flush) {
            channel.writeAndFlush(frame);
        } else {
            channel.write(frame);
        }
        return true;
    }

    /** Waits while the peer does not read; false (the frame released, the socket closed) once it stalled too long. */
    @OutsideTheSpecification("back-pressure on a peer that does not read and its stall timeout (ConnectionLimits,"
            + " issue 13); no clause states them")
    private boolean awaitWritable(WebSocketFrame frame) {
        boolean interrupted = false;
        if (!channel.isWritable() && !channel.eventLoop().inEventLoop()) {
            channel.flush();
            long deadline = System.nanoTime() + stallMillis * 1_000_000L;
            synchronized (writable) {
                while (!channel.isWritable() && channel.isActive()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        if (connection != null) {
                            connection.stalled(stallMillis);
                        }
                        frame.release();
                        channel.close();
                        if (interrupted) {
                            Thread.currentThread().interrupt();
                        }
                        return false;
                    }
                    try {
                        writable.wait(Math.max(1, left / 1_000_000L));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Override
    public void close() {
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
