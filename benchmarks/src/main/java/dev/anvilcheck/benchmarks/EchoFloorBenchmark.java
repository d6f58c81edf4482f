package dev.anvilcheck.benchmarks;

import dev.anvilcheck.wire.WireCodec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under the Uplink figures: a raw WebSocket echo on loopback with the same server library
 * and pipeline as the runtime's Uplink socket (Netty's {@code HttpServerCodec}, an aggregator, the
 * WebSocket handshake with the same decoder settings, a frame aggregator, on a two-thread NIO event
 * loop group, the frame written back on the event loop) and the same client (the JDK's
 * {@code java.net.http.WebSocket}, its callbacks on its selector thread, sends under one lock and
 * joined, as {@code dev.anvilcheck.uplink.Link} does), with no Anvil logic: no JSON, no worker
 * thread, no dispatch. The client completes the waiting caller straight from its listener.
 * {@code roundTrip}: one short text frame and its echo ({@code Mode.SampleTime}, for p50/p99);
 * {@code inFlight64}: 64 threads each echoing through one connection, frames per second;
 * {@code media10MiB}: the frames a 10 MiB Media is sent as (160 pairs of a small text header and
 * a 64 KiB binary frame) echoed back, 20 MiB over the socket. Run it in the same JMH run as
 * {@link UplinkClientBenchmark} so that the ratios compare figures taken under the same load.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar 'EchoFloorBenchmark|UplinkClientBenchmark'}.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EchoFloorBenchmark {
    private static final int MEDIA = 10 * 1024 * 1024;
    private static final String HEADER = "{\"type\":\"CHUNK_HEADER\",\"requestId\":\"r\",\"mediaId\":\"m\","
            + "\"chunkIndex\":0,\"lastChunk\":false}";

    private EventLoopGroup group;
    private Channel server;
    private WebSocket socket;
    private final Object sendLock = new Object();
    private final Map<String, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile CompletableFuture<Object> mediaDone;
    private long mediaReceived;
    private ByteBuffer chunk;

    /**
     * The binary frame size of {@code media10MiB} in KiB: 64, the codec's chunk size, by default;
     * {@code -p chunkKiB=1024} shows what the frame size alone costs.
     */
    @Param("64")
    public int chunkKiB;

    /** Starts the echo server on 127.0.0.1 and connects the JDK WebSocket client to it. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("echo-io", true),
                NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Upgrade());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        InetSocketAddress address = (InetSocketAddress) server.localAddress();
        URI uri = URI.create("ws://127.0.0.1:" + address.getPort() + "/_/uplink");
        socket = HttpClient.newBuilder().executor(Runnable::run).build().newWebSocketBuilder()
                .buildAsync(uri, new Client()).get(10, TimeUnit.SECONDS);
        byte[] bytes = new byte[chunkKiB * 1024];
        new java.util.Random(7).nextBytes(bytes);
        chunk = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** The HTTP handler: upgrades the request as {@code UplinkSocket.upgrade} does, then echoes. */
    private static final class Upgrade extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            FullHttpRequest request = (FullHttpRequest) msg;
            try {
                WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(WireCodec.MAX_FRAME).allowExtensions(false)
                        .closeOnProtocolViolation(false).build();
                WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                        "ws://127.0.0.1/_/uplink", null, config).newHandshaker(request);
                handshaker.handshake(ctx.channel(), request);
                ctx.pipeline().remove(this);
                ctx.pipeline().addLast(new WebSocketFrameAggregator(WireCodec.MAX_FRAME), new Echo());
            } finally {
                ReferenceCountUtil.release(request);
            }
        }
    }

    /** Writes every text and binary frame back as it came, on the event loop. */
    private static final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                ctx.writeAndFlush(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** The client's listener: completes the caller waiting for a text frame, counts echoed media bytes. */
    private final class Client implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                CompletableFuture<Object> f = pending.remove(frame);
                if (f != null) {
                    f.complete(frame);
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            mediaReceived += data.remaining();
            if (mediaReceived >= MEDIA) {
                mediaReceived = 0;
                mediaDone.complete(MEDIA);
            }
            return null;
        }
    }

    private void send(String text) {
        synchronized (sendLock) {
            socket.sendText(text, true).join();
        }
    }

    private Object echo() throws Exception {
        String id = Long.toString(ids.incrementAndGet());
        CompletableFuture<Object> f = new CompletableFuture<>();
        pending.put(id, f);
        send(id);
        return f.get(10, TimeUnit.SECONDS);
    }

    /** One short text frame and its echo, the next only after the previous came back. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object roundTrip() throws Exception {
        return echo();
    }

    /**
     * 64 threads share the connection, each sending as fast as it is echoed: frames per second. It warms up
     * for 20 s, not the class's 6: the Java client's figure climbs for about 20 s as the JIT compiles
     * both ends' call paths (from 7 000–25 000 in the first 2 s to its steady figure), and the floor
     * gets the same warm-up. A command that passes {@code -wi} or {@code -w} overrides it.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 10, time = 2)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(64)
    public Object inFlight64() throws Exception {
        return echo();
    }

    /** The 320 frames of a 10 MiB Media (header and 64 KiB chunk, 160 times), echoed: 20 MiB over the socket. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = MediaShots.WARMUP, batchSize = 1)
    @Measurement(iterations = MediaShots.MEASURED, batchSize = 1)
    public Object media10MiB() throws Exception {
        mediaDone = new CompletableFuture<>();
        synchronized (sendLock) {
            for (int sent = 0; sent < MEDIA; sent += chunk.capacity()) {
                socket.sendText(HEADER, true).join();
                socket.sendBinary(chunk.duplicate(), true).join();
            }
        }
        return mediaDone.get(60, TimeUnit.SECONDS);
    }

    /** Closes the client and the server. */
    @TearDown(Level.Trial)
    public void stop() {
        socket.abort();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
