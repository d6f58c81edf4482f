package dev.anvilcheck.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one thread wake-up costs on this machine, the unit the Uplink round trip is counted in
 * (benchmarks/README.md): {@code pingPong} hands a token to a partner thread that is parked and
 * waits, parked, for it to come back, so one operation is two wake-ups of a parked thread
 * ({@code LockSupport.unpark}, the partner scheduled, then the same back), with no I/O.
 * {@code Mode.SampleTime}, so the p50 is the figure to divide by two.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar WakeUpBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WakeUpBenchmark {
    private volatile long sent;
    private volatile long returned;
    private volatile Thread caller;
    private volatile boolean running;
    private Thread partner;

    /** Starts the partner thread, which parks until a token arrives and sends it back. */
    @Setup(Level.Trial)
    public void start() {
        running = true;
        partner = new Thread(() -> {
            long seen = 0;
            while (running) {
                long s = sent;
                if (s == seen) {
                    LockSupport.park(this);
                    continue;
                }
                seen = s;
                returned = s;
                LockSupport.unpark(caller);
            }
        }, "wake-up-partner");
        partner.setDaemon(true);
        partner.start();
    }

    /** One token to the parked partner and back: two wake-ups. */
    @Benchmark
    public long pingPong() {
        caller = Thread.currentThread();
        long token = sent + 1;
        sent = token;
        LockSupport.unpark(partner);
        while (returned != token) {
            LockSupport.park(this);
        }
        return token;
    }

    /** Stops the partner thread. */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        LockSupport.unpark(partner);
        partner.join(1000);
    }
}
