package dev.anvilcheck.benchmarks;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.wire.Decoder;
import dev.anvilcheck.wire.FrameSink;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls over the Uplink wire, client to serve mode on loopback: a server-key uplink (the JDK's
 * WebSocket client speaking through {@link WireCodec}) calls a Java server function of the
 * reference runtime. {@code roundTrip}: one call at a time; {@code inFlight64}: 64 calls sent at
 * once, time per call; {@code media10MiB}: a 10 MiB Media sent as an argument and returned.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar 'UplinkBenchmark.(roundTrip|inFlight64)' -f 1 -wi 2 -i 3},
 * and {@code UplinkBenchmark.media10MiB -f 1} with its own 100 warm-up shots, which {@code -wi}
 * would override.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UplinkBenchmark {
    private static final String KEY = "bench-key";

    private AnvilRuntime runtime;
    private WebSocket socket;
    private final WireCodec codec = WireCodec.create();
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Object sendLock = new Object();
    private Media tenMiB;

    /** Starts serve mode's runtime with an echo function and connects the uplink. */
    @Setup(Level.Trial)
    public void start() throws Exception {
        runtime = AnvilRuntime.builder().clock(Clock.systemUTC()).uplinkKey(KEY).build();
        runtime.register("echo", args -> args.get(0));
        byte[] bytes = new byte[10 * 1024 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        tenMiB = new BlobMedia("application/octet-stream", bytes, "ten.bin");
        CompletableFuture<Message> auth = new CompletableFuture<>();
        pending.put("auth", auth);
        Decoder decoder = codec.newDecoder(m -> {
            String id = m instanceof Message.Response r ? r.id() : m instanceof Message.Failure f ? f.id() : "auth";
            CompletableFuture<Message> f = pending.remove(id);
            if (f != null) {
                f.complete(m);
            }
        });
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(runtime.uplinkUri(), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private ByteBuffer binary = ByteBuffer.allocate(0);

            @Override
            public void onOpen(WebSocket ws) {
                ws.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    decoder.text(text);
                    text.setLength(0);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
                joined.put(binary).put(data).flip();
                binary = joined;
                if (last) {
                    decoder.binary(binary);
                    binary = ByteBuffer.allocate(0);
                }
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        send(new Message.Authenticate(KEY, 8));
        auth.get(10, TimeUnit.SECONDS);
    }

    private void send(Message m) {
        synchronized (sendLock) {
            codec.encode(m).writeTo(new FrameSink() {
                @Override
                public void text(byte[] utf8) {
                    socket.sendText(new String(utf8, StandardCharsets.UTF_8), true).join();
                }

                @Override
                public void binary(ByteBuffer bytes) {
                    socket.sendBinary(bytes, true).join();
                }
            });
        }
    }

    private CompletableFuture<Message> call(Object argument) {
        String id = "c" + ids.incrementAndGet();
        CompletableFuture<Message> f = new CompletableFuture<>();
        pending.put(id, f);
        send(Message.Call.of(id, "echo", Arguments.of(argument)));
        return f;
    }

    /** One call and its response, the next only after the previous answered; sampled, for p50/p99. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Object roundTrip() throws Exception {
        return ((Message.Response) call("ping").get(10, TimeUnit.SECONDS)).value();
    }

    /** 64 calls in flight at once; the score is per call. */
    @Benchmark
    @OperationsPerInvocation(64)
    public int inFlight64() throws Exception {
        List<CompletableFuture<Message>> calls = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            calls.add(call((long) i));
        }
        int n = 0;
        for (CompletableFuture<Message> c : calls) {
            n += c.get(10, TimeUnit.SECONDS) instanceof Message.Response ? 1 : 0;
        }
        return n;
    }

    /** A 10 MiB Media as the argument, returned as the response: 20 MiB over the socket. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = MediaShots.WARMUP, batchSize = 1)
    @Measurement(iterations = MediaShots.MEASURED, batchSize = 1)
    public long media10MiB() throws Exception {
        Message reply = call(tenMiB).get(60, TimeUnit.SECONDS);
        return ((Media) ((Message.Response) reply).value()).length();
    }

    /** Disconnects and closes the runtime. */
    @TearDown(Level.Trial)
    public void stop() {
        socket.abort();
        runtime.close();
    }
}
