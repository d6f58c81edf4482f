package dev.anvilcheck.benchmarks;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What 100 000 live sessions holding 1 KiB each cost in the reference runtime's heap (issue 13's
 * memory target: at most 300 MB). One operation opens 100 000 simulated browsers on one runtime,
 * each calling a server function that puts a distinct 1 KiB string (1024 ASCII characters) into
 * its session, and keeps them all reachable; then it collects garbage and reads the used heap. The
 * score is the time to open them; the secondary results are the retained heap of the sessions
 * ({@code heapMB}, the used heap after a full collection less the used heap before the browsers
 * were made) and {@code bytesPerSession} (that divided by 100 000, the 1 KiB payload included).
 * Each fork measures one operation per iteration, with the heap the JVM picks by default (G1). JMH
 * adds these counters up over the iterations in its summary line: read each iteration's line.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar SessionMemoryBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
@Fork(1)
public class SessionMemoryBenchmark {
    private static final int SESSIONS = 100_000;
    private static final int PAYLOAD = 1024;

    private AnvilRuntime runtime;
    private List<SimulatedBrowser> browsers;
    private char[] template;

    /** The heap the sessions retain, read by JMH as secondary results of each iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Retained {
        /** The used heap after a full collection with the sessions, less the same before, in MB. */
        public double heapMB;
        /** {@link #heapMB} per session, in bytes. */
        public double bytesPerSession;
    }

    /** A runtime with the function {@code keep}, which puts its argument into the session. */
    @Setup(Level.Iteration)
    public void start() {
        runtime = AnvilRuntime.builder().build();
        runtime.register("keep", args -> {
            AnvilServer.session().put("payload", args.get(0));
            return null;
        });
        template = new char[PAYLOAD];
        Arrays.fill(template, 'x');
        browsers = new ArrayList<>(SESSIONS);
    }

    /** Opens the 100 000 sessions, each holding its own 1 KiB, and measures what they retain. */
    @Benchmark
    public int sessions(Retained retained) {
        long before = usedAfterGc();
        for (int i = 0; i < SESSIONS; i++) {
            SimulatedBrowser b = runtime.browser();
            char[] payload = template.clone();
            String n = Integer.toString(i);
            n.getChars(0, n.length(), payload, 0);
            b.call("keep", new String(payload));
            browsers.add(b);
        }
        long after = usedAfterGc();
        retained.heapMB = (after - before) / 1e6;
        retained.bytesPerSession = (double) (after - before) / SESSIONS;
        return browsers.size();
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Drops the browsers and closes the runtime. */
    @TearDown(Level.Iteration)
    public void stop() {
        browsers = null;
        runtime.close();
    }
}
