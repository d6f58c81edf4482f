package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.AGENT;
import static dev.anvilcheck.examples.tickets.People.ANN;
import static dev.anvilcheck.examples.tickets.People.BOB;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.BackgroundTasks;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.RuntimeFaults;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedServerModule;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.CallerKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nightly background job, run deterministically: the function it calls by name
 * ({@code call("send_digest", ...)}) is replaced with a Mockito mock, and verified with Mockito's
 * own API and with the call journal.
 */
@AnvilTest(modules = TicketTracker.class, tasks = TaskExecution.DETERMINISTIC)
class NightlyDigestTest {
    private final ServerFunction sendDigest = mock(ServerFunction.class);

    @BeforeEach
    void twoReporters(AnvilRuntime runtime, SimulatedBrowser ann, SimulatedBrowser bob) throws Exception {
        ann.user(ANN).call("open_ticket", "Printer on fire");
        ann.call("open_ticket", "Coffee machine empty");
        bob.user(BOB).call("open_ticket", "VPN down");
        when(sendDigest.invoke(any())).thenReturn("msg-1");
        runtime.replace("send_digest", sendDigest);
    }

    @Test
    void sendsEachReporterOneDigest(SimulatedServerModule scheduler, BackgroundTasks tasks, CallJournal journal)
            throws Exception {
        Task nightly = scheduler.launchBackgroundTask("nightly_digest");
        assertThat(tasks.pending()).isEqualTo(1); // DETERMINISTIC: nothing ran yet
        tasks.runAll();

        assertThat(nightly.getReturnValue()).isEqualTo(Map.of("sent", 2L, "failed", 0L));
        verify(sendDigest).invoke(Arguments.of("ann@example.com", 2L));
        verify(sendDigest).invoke(Arguments.of("bob@example.com", 1L));
        assertThatFunction(journal, "send_digest").wasCalled(2).by(CallerKind.BACKGROUND_TASK);
        assertThatFunction(journal, "task:nightly_digest").wasCalledOnce();
    }

    @Test
    void agentsCanStartTheDigestNow(SimulatedBrowser agent, BackgroundTasks tasks)
            throws Exception {
        Task task = (Task) agent.user(AGENT).call("run_nightly_now");
        assertThat(tasks.awaitTermination(task, Duration.ofSeconds(5))).isTrue(); // runs it, deterministically
        verify(sendDigest, times(2)).invoke(any());
        assertThat(task.getTerminationStatus()).isEqualTo(Task.COMPLETED);
    }

    @Test
    void aDigestThatTimesOutIsCountedAndTheJobGoesOn(AnvilRuntime runtime, RuntimeFaults faults,
            SimulatedServerModule scheduler, BackgroundTasks tasks, FakeClock clock) throws Exception {
        runtime.replace("send_digest", args -> {
            if ("ann@example.com".equals(args.get(0))) {
                clock.advance(runtime.callTimeout().plusSeconds(1)); // this call takes too long (ERR-06)
            }
            return "msg-2";
        });
        Task nightly = scheduler.launchBackgroundTask("nightly_digest");
        tasks.runAll();
        assertThat(nightly.getReturnValue()).isEqualTo(Map.of("sent", 1L, "failed", 1L));
        assertThat(nightly.getState()).containsEntry("failed", 1L);

        faults.timeOut("send_digest"); // every call of it now times out
        Task again = scheduler.launchBackgroundTask("nightly_digest");
        tasks.runAll();
        assertThat(again.getReturnValue()).isEqualTo(Map.of("sent", 0L, "failed", 2L));
    }

    @Test
    void aSpyKeepsTheRealFunction(AnvilRuntime runtime, SimulatedServerModule server) throws Exception {
        ServerFunction spy = mock(ServerFunction.class, delegatesTo(runtime.function("open_count")));
        runtime.replace("open_count", spy);

        assertThat(server.user(ANN).call("open_count")).isEqualTo(2L); // the real function answered
        verify(spy).invoke(Arguments.none());
        verify(sendDigest, never()).invoke(any());
    }
}
