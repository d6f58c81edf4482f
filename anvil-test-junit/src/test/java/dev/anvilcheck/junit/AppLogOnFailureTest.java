package dev.anvilcheck.junit;

import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.anvilcheck.junit.fixtures.FixtureOnly;
import dev.anvilcheck.junit.fixtures.Fixtures;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.Callable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** A failed test shows the runtime's app log with its failure; a passing test gets nothing. */
class AppLogOnFailureTest {

    /** Server code that fails. */
    public static class Checkout {
        @Callable("checkout")
        public String checkout(String order) {
            throw new IllegalStateException("card declined for " + order);
        }

        @Callable("echo")
        public String echo(String text) {
            return text;
        }
    }

    private static Throwable failureOf(EngineExecutionResults results, String method) {
        Event failed = results.testEvents().failed().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .findFirst().orElseThrow(() -> new AssertionError("no failed test " + method));
        return failed.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }

    private static Optional<String> excerptOf(Throwable failure) {
        return Arrays.stream(failure.getSuppressed()).filter(s -> s.getClass().getSimpleName().equals("AppLogExcerpt"))
                .map(Throwable::getMessage).findFirst();
    }

    private static List<String> reportedLogs(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .map(Map::entrySet).flatMap(java.util.Set::stream)
                .filter(kv -> kv.getKey().equals("anvilcheck.appLog")).map(Map.Entry::getValue).toList();
    }

    @Test
    void aFailedTestShowsTheServerSideStackTraceOfTheErrorItsServerCodeRaised() {
        EngineExecutionResults results = Fixtures.run(Failing.class);

        Throwable failure = failureOf(results, "serverCodeThrows");
        assertThat(failure).isInstanceOf(RuntimeException.class).hasMessageContaining("card declined for A-1");
        String excerpt = excerptOf(failure).orElseThrow(() -> new AssertionError("no app log in " + failure));
        assertThat(excerpt).startsWith("App log of the AnvilRuntime during this test (1 entry):\n")
                .contains(" ERROR call checkout [session ")
                .contains("IllegalStateException: card declined for A-1")
                .contains("at " + Checkout.class.getName() + ".checkout(AppLogOnFailureTest.java:");
        assertThat(reportedLogs(results)).contains(excerpt);

        Throwable assertion = failureOf(results, "assertionFailsAfterAServerError");
        assertThat(assertion).isInstanceOf(AssertionError.class);
        assertThat(excerptOf(assertion)).hasValueSatisfying(e -> assertThat(e).contains("card declined for B-2")
                .doesNotContain("A-1"));
    }

    @Test
    void aPassingTestAndAFailedTestWithAnEmptyLogGetNothing() {
        EngineExecutionResults results = Fixtures.run(Failing.class);

        assertThat(results.testEvents().succeeded().count()).isEqualTo(1);
        assertThat(excerptOf(failureOf(results, "failsWithoutServerErrors"))).isEmpty();
        assertThat(reportedLogs(results)).hasSize(2).noneMatch(log -> log.contains("C-3"));
    }

    @Test
    void aFailingAfterEachMethodShowsTheTestsAppLog() {
        EngineExecutionResults results = Fixtures.run(FailingAfterEach.class);

        assertThat(excerptOf(failureOf(results, "callsAndPasses")))
                .hasValueSatisfying(e -> assertThat(e).contains("card declined for D-4"));
    }

    @Test
    void withOneRuntimePerClassATestShowsOnlyTheEntriesWrittenSinceItStarted() {
        EngineExecutionResults results = Fixtures.run(PerClass.class);

        assertThat(excerptOf(failureOf(results, "first")))
                .hasValueSatisfying(e -> assertThat(e).contains("E-5").doesNotContain("F-6"));
        assertThat(excerptOf(failureOf(results, "second")))
                .hasValueSatisfying(e -> assertThat(e).contains("(1 entry)").contains("F-6").doesNotContain("E-5"));
    }

    @FixtureOnly
    @AnvilTest(modules = Checkout.class)
    static class Failing {
        @Test
        void serverCodeThrows(SimulatedBrowser browser) {
            browser.call("checkout", "A-1");
        }

        @Test
        void assertionFailsAfterAServerError(SimulatedBrowser browser) {
            assertThatCall(browser, "checkout", "B-2").returned();
        }

        @Test
        void passesAlthoughServerCodeFailed(SimulatedBrowser browser) {
            assertThatCall(browser, "checkout", "C-3").raised(RuntimeException.class);
        }

        @Test
        void failsWithoutServerErrors(SimulatedBrowser browser) {
            assertEquals("expected", browser.call("echo", "actual"));
        }
    }

    @FixtureOnly
    static class FailingAfterEach {
        @RegisterExtension
        final AnvilExtension anvil = AnvilExtension.newInstance().modules(Checkout.class).build();

        @Test
        void callsAndPasses(SimulatedBrowser browser) {
            assertThatCall(browser, "checkout", "D-4").raised(RuntimeException.class);
        }

        @AfterEach
        void tidyUp(AnvilRuntime runtime) {
            throw new IllegalStateException("tidying up failed");
        }
    }

    @FixtureOnly
    @AnvilTest(modules = Checkout.class, lifecycle = Lifecycle.PER_CLASS)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        @Test
        @Order(1)
        void first(SimulatedBrowser browser) {
            browser.call("checkout", "E-5");
        }

        @Test
        @Order(2)
        void second(SimulatedBrowser browser) {
            browser.call("checkout", "F-6");
        }
    }
}
