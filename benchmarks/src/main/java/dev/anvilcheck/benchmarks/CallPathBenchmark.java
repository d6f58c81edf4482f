package dev.anvilcheck.benchmarks;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.Session;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of one call through the reference runtime's call path, against invoking the same Java
 * method directly. Target: a call from a simulated browser with small arguments costs a few hundred
 * nanoseconds over the direct call.
 *
 * <p>Run from the shaded jar (see {@code benchmarks/README.md}):
 * {@code java -jar benchmarks/target/benchmarks.jar CallPathBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallPathBenchmark {

    /** Server code registered as {@code @Callable} methods. */
    public static final class Arithmetic {
        /**
         * Adds two integers.
         *
         * @param a the first
         * @param b the second
         * @return the sum
         */
        @Callable("add_annotated")
        public long add(long a, long b) {
            return a + b;
        }

        /**
         * Joins two short strings and a value from a small map.
         *
         * @param first the first string
         * @param second the second string
         * @param options a map with an int under {@code "k"}
         * @return the joined string
         */
        @Callable("describe")
        public String describe(String first, String second, Map<String, Object> options) {
            return first + second + options.get("k");
        }
    }

    // Non-final fields so the JIT cannot constant-fold the arguments.
    private int a = 2;
    private int b = 3;
    private long la = 2;
    private long lb = 3;
    private String first = "ab";
    private String second = "cd";
    private Map<String, Object> options = Map.of("k", 1);

    private Arithmetic arithmetic;
    private AnvilRuntime runtime;
    private SimulatedBrowser browser;

    /** Creates the runtime, registers the functions and checks each returns what it should. */
    @Setup(Level.Trial)
    public void setUp() {
        arithmetic = new Arithmetic();
        runtime = AnvilRuntime.create();
        runtime.register("add", args -> ((Long) args.get(0)) + ((Long) args.get(1)));
        runtime.register(arithmetic);
        runtime.register("bump_session", args -> {
            Session session = AnvilServer.session();
            long n = (Long) session.get("n", 0L);
            session.put("n", n + 1);
            return n;
        });
        runtime.register("nested_add", args -> AnvilServer.call("add", 1, 2));
        browser = runtime.browser();

        check(5L, browser.call("add", a, b));
        check(5L, browser.call("add_annotated", a, b));
        check("abcd1", browser.call("describe", first, second, options));
        check(0L, browser.call("bump_session", 0));
        check(1L, browser.call("bump_session", 0));
        check(3L, browser.call("nested_add"));
    }

    private static void check(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("expected " + expected + " but the call returned " + actual);
        }
    }

    /** Closes the runtime. */
    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
    }

    /**
     * Baseline: the {@code @Callable} method invoked directly.
     *
     * @return the sum, consumed by JMH
     */
    @Benchmark
    public long directJavaCall() {
        return arithmetic.add(la, lb);
    }

    /**
     * Baseline for {@link #browserCallWithStrings()}: the same method invoked directly.
     *
     * @return the string, consumed by JMH
     */
    @Benchmark
    public String directJavaCallWithStrings() {
        return arithmetic.describe(first, second, options);
    }

    /**
     * A browser calls a {@code ServerFunction} lambda with two small ints.
     *
     * @return the sum
     */
    @Benchmark
    public Object browserCallLambda() {
        return browser.call("add", a, b);
    }

    /**
     * A browser calls {@code @Callable long add(long a, long b)} with two small ints.
     *
     * @return the sum
     */
    @Benchmark
    public Object browserCallAnnotated() {
        return browser.call("add_annotated", a, b);
    }

    /**
     * A browser calls a function of two short strings and a small map, which returns a string.
     *
     * @return the string
     */
    @Benchmark
    public Object browserCallWithStrings() {
        return browser.call("describe", first, second, options);
    }

    /**
     * A browser calls a function that reads and writes one session key, so the session is copied
     * and committed on every call.
     *
     * @return the previous counter value
     */
    @Benchmark
    public Object browserCallTouchingSession() {
        return browser.call("bump_session", a);
    }

    /**
     * A browser calls a function that itself calls {@code add} with {@code AnvilServer.call}: two
     * trips through the call path.
     *
     * @param blackhole consumes the result
     */
    @Benchmark
    public void nestedServerCall(Blackhole blackhole) {
        blackhole.consume(browser.call("nested_add"));
    }

    /**
     * Runs this class's benchmarks; extra arguments are JMH options (e.g. {@code -prof gc}).
     *
     * @param args JMH options
     * @throws Exception if JMH fails
     */
    public static void main(String[] args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = CallPathBenchmark.class.getSimpleName();
        System.arraycopy(args, 0, all, 1, args.length);
        org.openjdk.jmh.Main.main(all);
    }
}
