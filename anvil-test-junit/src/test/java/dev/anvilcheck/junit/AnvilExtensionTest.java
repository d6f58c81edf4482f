package dev.anvilcheck.junit;

import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatFunction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.fixtures.Desk;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.BackgroundTasks;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.RuntimeFaults;
import dev.anvilcheck.runtime.SimulatedBackgroundTask;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedClientUplink;
import dev.anvilcheck.runtime.SimulatedEmail;
import dev.anvilcheck.runtime.SimulatedHttp;
import dev.anvilcheck.runtime.SimulatedScheduledTask;
import dev.anvilcheck.runtime.SimulatedServerModule;
import dev.anvilcheck.runtime.SimulatedUplink;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.users.AuthenticationFailed;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extension used as users use it: what it injects, and that each test has its own runtime. */
@AnvilTest(modules = Desk.class, tasks = TaskExecution.DETERMINISTIC)
class AnvilExtensionTest {
    private final AnvilRuntime constructed;
    private AnvilRuntime beforeEach;

    AnvilExtensionTest(AnvilRuntime runtime) {
        this.constructed = runtime;
    }

    @BeforeEach
    void setUp(AnvilRuntime runtime) {
        beforeEach = runtime;
    }

    @AfterEach
    void runtimeStillOpenInAfterEach(AnvilRuntime runtime, SimulatedBrowser browser) {
        assertThat(browser.call("echo", "after")).isEqualTo("after");
        assertThat(runtime).isSameAs(beforeEach);
    }

    @Test
    void injectsTheRuntimeAndItsParts(AnvilRuntime runtime, FakeClock clock, CallJournal journal, BackgroundTasks tasks,
            RuntimeFaults faults) {
        assertThat(runtime).isSameAs(constructed).isSameAs(beforeEach);
        assertThat(clock).isSameAs(runtime.fakeClock());
        assertThat(journal).isSameAs(runtime.journal());
        assertThat(tasks).isSameAs(runtime.tasks());
        assertThat(tasks.execution()).isEqualTo(TaskExecution.DETERMINISTIC);
        assertThat(faults).isSameAs(runtime.faults());
    }

    @Test
    void injectsAFreshCallerForEachParameter(SimulatedBrowser ann, SimulatedBrowser bob, SimulatedServerModule server,
            SimulatedUplink uplink, SimulatedClientUplink client, SimulatedHttp http, SimulatedBackgroundTask task,
            SimulatedEmail email, SimulatedScheduledTask scheduled) {
        assertThat(ann.sessionId()).isNotEqualTo(bob.sessionId());
        assertThat(ann.call("remember", "k")).isEqualTo(1L);
        assertThat(ann.call("remember", "k")).isEqualTo(2L);
        assertThat(bob.call("remember", "k")).isEqualTo(1L);
        assertThat(server.kind()).isEqualTo(CallerKind.SERVER_MODULE);
        assertThat(uplink.kind()).isEqualTo(CallerKind.UPLINK);
        assertThat(client.kind()).isEqualTo(CallerKind.CLIENT_UPLINK);
        assertThat(http.kind()).isEqualTo(CallerKind.HTTP);
        assertThat(task.kind()).isEqualTo(CallerKind.BACKGROUND_TASK);
        assertThat(email.kind()).isEqualTo(CallerKind.EMAIL);
        assertThat(scheduled.kind()).isEqualTo(CallerKind.SCHEDULED_TASK);
    }

    @Test
    void injectsTheRegisteredModuleInstance(Desk desk, SimulatedBrowser browser) {
        browser.call("echo", 1);
        assertThat(desk.calls).hasValue(1);
    }

    @Test
    void eachTestStartsWithAnEmptyJournal(CallJournal journal, SimulatedBrowser browser) {
        assertThat(journal.calls()).isEmpty();
        browser.call("echo", 1);
        assertThat(journal.calls()).hasSize(1);
    }

    @Test
    void callersReadLikeTheStory(SimulatedBrowser browser) {
        SimulatedBrowser ann = browser.user(Map.of("email", "ann@example.com")).withSession("k", 41L)
                .withCookie("theme", "dark").ip("10.0.0.7");
        assertThatCall(ann, "whoami").returned(Map.of("email", "ann@example.com"));
        assertThatCall(ann, "remember", "k").returned(42);
        ann.user(null);
        assertThatCall(ann, "whoami").raised(AuthenticationFailed.class).withMessageContaining("logged in");
    }

    @Test
    void clockDrivesTasksAndTheJournalRecordsThem(SimulatedServerModule server, BackgroundTasks tasks,
            CallJournal journal, FakeClock clock) {
        Task task = (Task) server.call("start_digest", "ann@example.com");
        assertThat(tasks.pending()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        tasks.runAll();
        assertThat(task.getReturnValue()).isEqualTo("mailed ann@example.com");
        assertThatFunction(journal, "task:digest").wasCalledOnce().by(CallerKind.SERVER_MODULE);
        assertThatFunction(journal, "send_mail").wasCalledOnce().by(CallerKind.BACKGROUND_TASK)
                .withArguments("ann@example.com", "digest");
    }
}
