package dev.anvilcheck.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.HttpEndpoint;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What the JUnit extension adds to a test: a fresh runtime per test. Target: a class of 50 tests,
 * each with a fresh runtime, costs well under a second more than the same 50 tests without the
 * extension.
 *
 * <ul>
 *   <li>{@code runtimePerTest}: what the extension does for one test, through the runtime's public
 *       API: build a runtime (fake clock, call journal on), register a module, make a browser and
 *       one call, close the runtime.</li>
 *   <li>{@code fiftyTestsWithExtension} / {@code fiftyTestsPlain}: the Jupiter engine (EngineTestKit)
 *       runs a class of 50 tests that each make one call, with {@code @AnvilTest} and a fresh
 *       runtime injected per test, and the same 50 tests calling the module's method directly. The
 *       difference is the extension's cost for 50 tests.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExtensionSetupBenchmark {

    /** A module the size of a small app's: callables, a background task and an endpoint. */
    public static class Module {
        /**
         * Echoes its argument.
         *
         * @param value the value
         * @return the value
         */
        @Callable("echo")
        public Object echo(Object value) {
            return value;
        }

        /**
         * Greets a logged-in user.
         *
         * @return a greeting
         */
        @Callable(value = "greet", requireUser = true)
        public String greet() {
            return "hello";
        }

        /**
         * A nightly job.
         *
         * @return a count
         */
        @BackgroundTask("nightly")
        public long nightly() {
            return 1;
        }

        /**
         * An endpoint.
         *
         * @param id the id
         * @return the id
         */
        @HttpEndpoint("/items/:id")
        public String item(String id) {
            return id;
        }
    }

    /** 50 tests, each with a fresh runtime and a browser injected. */
    @AnvilTest(modules = Module.class, tasks = TaskExecution.DETERMINISTIC)
    public static class WithExtension {
        /**
         * One call.
         *
         * @param browser a fresh browser of a fresh runtime
         */
        @RepeatedTest(50)
        public void test(SimulatedBrowser browser) {
            browser.call("echo", 1);
        }
    }

    /** The same 50 tests without the extension. */
    public static class Plain {
        private final Module module = new Module();

        /** One direct call. */
        @RepeatedTest(50)
        public void test() {
            module.echo(1);
        }
    }

    /**
     * One test's worth of the extension's work.
     *
     * @return the call's result
     */
    @Benchmark
    public Object runtimePerTest() {
        try (AnvilRuntime runtime = AnvilRuntime.builder().recordCalls(true)
                .taskExecution(TaskExecution.DETERMINISTIC).build()) {
            runtime.register(new Module());
            SimulatedBrowser browser = runtime.browser();
            return browser.call("echo", 1);
        }
    }

    /**
     * A class of 50 tests with the extension.
     *
     * @return the number of successful tests
     */
    @Benchmark
    public long fiftyTestsWithExtension() {
        return run(WithExtension.class);
    }

    /**
     * The same 50 tests without it.
     *
     * @return the number of successful tests
     */
    @Benchmark
    public long fiftyTestsPlain() {
        return run(Plain.class);
    }

    private static long run(Class<?> testClass) {
        long succeeded = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
                .testEvents().succeeded().count();
        if (succeeded != 50) {
            throw new IllegalStateException(testClass.getSimpleName() + ": " + succeeded + " of 50 tests passed");
        }
        return succeeded;
    }
}
