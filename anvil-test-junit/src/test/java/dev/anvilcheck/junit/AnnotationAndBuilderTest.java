package dev.anvilcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.fixtures.Desk;
import dev.anvilcheck.junit.fixtures.FixtureOnly;
import dev.anvilcheck.junit.fixtures.Fixtures;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.TaskExecution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@code @AnvilTest(...)} and {@code AnvilExtension.newInstance()...build()} behave identically
 * (CONVENTIONS 8): the same probe tests, run in both forms and both lifecycles, observe the same facts.
 */
class AnnotationAndBuilderTest {
    static final Map<Class<?>, List<String>> OBSERVED = new ConcurrentHashMap<>();

    @Test
    void perTestFormsObserveTheSame() {
        assertThat(observe(AnnotatedPerTest.class)).isEqualTo(observe(BuiltPerTest.class))
                .contains("runtimes=3", "a: journal 0, clock 2026-01-01T09:00:00Z, tasks=DETERMINISTIC");
    }

    @Test
    void perClassFormsObserveTheSame() {
        assertThat(observe(AnnotatedPerClass.class)).isEqualTo(observe(BuiltPerClass.class))
                .contains("runtimes=1", "a: journal 0, clock 2026-01-01T09:00:00Z, tasks=THREADS");
    }

    @Test
    void anExtensionInAnInstanceFieldUsesItsOwnInstancesSettings() {
        Fixtures.runInParallel(InstanceField.class).testEvents().assertStatistics(s -> s.started(4).succeeded(4));
    }

    private static List<String> observe(Class<? extends Probe> probe) {
        OBSERVED.remove(probe);
        EngineExecutionResults results = Fixtures.run(probe);
        results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
        List<String> seen = new ArrayList<>(OBSERVED.get(probe));
        long runtimes = seen.stream().filter(s -> s.startsWith("runtime@")).distinct().count();
        seen.removeIf(s -> s.startsWith("runtime@"));
        seen.add("runtimes=" + runtimes);
        return seen;
    }

    /** The probe tests, the same in every form. */
    @TestMethodOrder(MethodOrderer.MethodName.class)
    abstract static class Probe {
        private void note(String fact) {
            OBSERVED.computeIfAbsent(getClass(), k -> new ArrayList<>()).add(fact);
        }

        @BeforeEach
        void beforeEach(AnvilRuntime runtime) {
            note("runtime@" + System.identityHashCode(runtime));
        }

        @Test
        void a(AnvilRuntime runtime, CallJournal journal, FakeClock clock, SimulatedBrowser browser, Desk desk) {
            note("a: journal " + journal.size() + ", clock " + clock.instant() + ", tasks=" + runtime.tasks().execution());
            note("a: remember " + browser.call("remember", "k") + ", module calls before " + desk.calls.get());
            browser.call("echo", 1);
            note("a: module calls after " + desk.calls.get());
        }

        @Test
        void b(FakeClock clock, SimulatedBrowser browser) {
            clock.advance(Duration.ofMinutes(5));
            note("b: clock " + clock.instant() + ", remember " + browser.call("remember", "k"));
        }

        @Test
        void c(CallJournal journal, SimulatedBrowser browser) {
            browser.call("notify", "ann");
            note("c: send_mail calls " + journal.callsOf("send_mail").size() + " by "
                    + journal.callsOf("send_mail").get(0).caller());
        }
    }

    /** Each test instance has its own field, and its runtime must see that instance's value. */
    @FixtureOnly
    static class InstanceField {
        private final String token = java.util.UUID.randomUUID().toString();

        @RegisterExtension
        AnvilExtension anvil = AnvilExtension.newInstance().configure(builder -> builder.secret("token", token)).build();

        @org.junit.jupiter.api.RepeatedTest(4)
        void seesItsOwnSecret(AnvilRuntime runtime) {
            runtime.register("token", args -> dev.anvilcheck.secrets.Secrets.getSecret("token"));
            assertThat(runtime.serverModule().call("token")).isEqualTo(token);
        }
    }

    @FixtureOnly
    @AnvilTest(modules = Desk.class, tasks = TaskExecution.DETERMINISTIC)
    static class AnnotatedPerTest extends Probe {
    }

    @FixtureOnly
    static class BuiltPerTest extends Probe {
        @RegisterExtension
        static AnvilExtension anvil = AnvilExtension.newInstance().modules(Desk.class)
                .tasks(TaskExecution.DETERMINISTIC).build();
    }

    @FixtureOnly
    @AnvilTest(modules = Desk.class, lifecycle = Lifecycle.PER_CLASS)
    static class AnnotatedPerClass extends Probe {
    }

    @FixtureOnly
    static class BuiltPerClass extends Probe {
        @RegisterExtension
        static AnvilExtension anvil = AnvilExtension.newInstance().modules(Desk.class).perClass().build();
    }
}
