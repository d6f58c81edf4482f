package dev.anvilcheck.benchmarks;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.uplink.Uplink;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The project's Java uplink client ({@link Uplink}) calling a Java server function of the
 * reference runtime in serve mode's configuration (system clock), over loopback: what a user's
 * uplink code pays per {@code anvil.server.call}. {@code roundTrip}: one call at a time (sampled,
 * for p50/p99);
 * {@code inFlight64}: 64 threads calling at once through one connection, calls per second;
 * {@code media10MiB}: a 10 MiB Media sent as an argument and returned.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar 'UplinkClientBenchmark.(roundTrip|inFlight64)'},
 * and {@code UplinkClientBenchmark.media10MiB} with its own 100 warm-up shots: the annotations set
 * each benchmark's warm-up, which {@code -wi} and {@code -w} would override.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UplinkClientBenchmark {
    private static final String KEY = "bench-key";

    private AnvilRuntime runtime;
    private Uplink uplink;
    private Media tenMiB;

    /** Starts the runtime with an echo function and connects the uplink. */
    @Setup(Level.Trial)
    public void start() {
        runtime = AnvilRuntime.builder().clock(Clock.systemUTC()).uplinkKey(KEY).build();
        runtime.register("echo", args -> args.get(0));
        byte[] bytes = new byte[10 * 1024 * 1024];
        new java.util.Random(7).nextBytes(bytes);
        tenMiB = new BlobMedia("application/octet-stream", bytes, "ten.bin");
        uplink = Uplink.builder(runtime.uplinkUri(), KEY).heartbeatInterval(Duration.ZERO).connect();
    }

    /**
     * One call and its response, the next only after the previous answered; sampled
     * ({@code Mode.SampleTime}), so that JMH reports p50 and p99 as well as the mean.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object roundTrip() {
        return uplink.call("echo", "ping");
    }

    /**
     * 64 threads share the connection, each calling as fast as it is answered: calls per second. It warms up
     * for 20 s, not the class's 6: the Java client's figure climbs for about 20 s as the JIT compiles
     * both ends' call paths (from 7 000–25 000 in the first 2 s to its steady figure), and the floor
     * gets the same warm-up. A command that passes {@code -wi} or {@code -w} overrides it.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Warmup(iterations = 10, time = 2)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(64)
    public Object inFlight64() {
        return uplink.call("echo", 42L);
    }

    /** A 10 MiB Media as the argument, returned as the response: 20 MiB over the socket. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = MediaShots.WARMUP, batchSize = 1)
    @Measurement(iterations = MediaShots.MEASURED, batchSize = 1)
    public long media10MiB() {
        return ((Media) uplink.call("echo", tenMiB)).length();
    }

    /** Disconnects and closes the runtime. */
    @TearDown(Level.Trial)
    public void stop() {
        uplink.close();
        runtime.close();
    }
}
