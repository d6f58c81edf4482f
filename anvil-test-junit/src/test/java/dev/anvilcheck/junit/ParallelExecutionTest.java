package dev.anvilcheck.junit;

import static dev.anvilcheck.junit.AnvilAssertions.assertThatFunction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.fixtures.Desk;
import dev.anvilcheck.junit.fixtures.FixtureOnly;
import dev.anvilcheck.junit.fixtures.Fixtures;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.SimulatedBrowser;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * The extension under JUnit's parallel execution (CONVENTIONS 9): its own tests, and probes that prove
 * tests ran at the same time, each in its own runtime, pass with
 * {@code junit.jupiter.execution.parallel.enabled=true} and every test concurrent.
 */
class ParallelExecutionTest {
    static final Set<Integer> RUNTIMES = ConcurrentHashMap.newKeySet();
    static final CyclicBarrier MEETING = new CyclicBarrier(2);

    @Test
    void theExtensionsOwnTestsPassInParallel() {
        Fixtures.runInParallel(AnvilExtensionTest.class, MisuseTest.class, AnnotationAndBuilderTest.class)
                .testEvents().assertStatistics(s -> s.failed(0).aborted(0).succeeded(6 + 9 + 3));
    }

    @Test
    void concurrentTestsEachHaveTheirOwnRuntime() {
        RUNTIMES.clear();
        MEETING.reset();
        Fixtures.runInParallel(PerTestProbe.class, PerClassProbe.class)
                .testEvents().assertStatistics(s -> s.failed(0).succeeded(16 + 2 + 8));
        assertThat(RUNTIMES).hasSize(16 + 2);
    }

    @FixtureOnly
    @AnvilTest(modules = Desk.class)
    static class PerTestProbe {
        @RepeatedTest(16)
        void isolated(AnvilRuntime runtime, SimulatedBrowser browser, CallJournal journal, FakeClock clock) {
            RUNTIMES.add(System.identityHashCode(runtime));
            assertThat(clock.instant()).isEqualTo(FakeClock.DEFAULT_START);
            clock.advance(Duration.ofMinutes(1));
            assertThat(browser.call("remember", "k")).isEqualTo(1L);
            browser.call("notify", "ann");
            assertThatFunction(journal, "send_mail").wasCalledOnce().withArguments("ann", "hello");
            assertThat(journal.size()).isEqualTo(3);
        }

        @Test
        void meetsA(AnvilRuntime runtime) throws Exception {
            RUNTIMES.add(System.identityHashCode(runtime));
            MEETING.await(30, TimeUnit.SECONDS);
        }

        @Test
        void meetsB(AnvilRuntime runtime) throws Exception {
            RUNTIMES.add(System.identityHashCode(runtime));
            MEETING.await(30, TimeUnit.SECONDS);
        }
    }

    @FixtureOnly
    @AnvilTest(modules = Desk.class, lifecycle = Lifecycle.PER_CLASS)
    static class PerClassProbe {
        static final Set<Integer> SHARED = ConcurrentHashMap.newKeySet();

        @RepeatedTest(8)
        void shared(AnvilRuntime runtime, SimulatedBrowser browser, FakeClock clock) {
            SHARED.add(System.identityHashCode(runtime));
            assertThat(SHARED).hasSize(1);
            Instant before = clock.instant();
            clock.advance(Duration.ofSeconds(1));
            assertThat(clock.instant()).isAfter(before);
            assertThat(browser.call("remember", "k")).isEqualTo(1L);
        }
    }
}
