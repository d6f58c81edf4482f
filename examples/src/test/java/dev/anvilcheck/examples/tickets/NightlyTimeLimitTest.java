package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.ANN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.junit.AnvilExtension;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.BackgroundTasks;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedServerModule;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TimeoutError;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A background task with a time limit (hosted plans have one, TASK-22): the fake clock decides when it is over. */
class NightlyTimeLimitTest {
    @RegisterExtension
    static AnvilExtension anvil = AnvilExtension.newInstance()
            .modules(TicketTracker.class)
            .tasks(TaskExecution.DETERMINISTIC)
            .configure(runtime -> runtime.backgroundTaskTimeout(Duration.ofMinutes(10)))
            .build();

    @Test
    void aNightlyRunPastItsLimitFails(AnvilRuntime runtime, SimulatedBrowser ann, SimulatedServerModule scheduler,
            BackgroundTasks tasks, FakeClock clock) {
        ann.user(ANN).call("open_ticket", "Printer on fire");
        runtime.replace("send_digest", args -> {
            clock.advance(Duration.ofMinutes(11)); // the notification service is very slow tonight
            return "msg-1";
        });

        Task nightly = scheduler.launchBackgroundTask("nightly_digest");
        tasks.runAll();

        assertThat(nightly.getTerminationStatus()).isEqualTo(Task.FAILED);
        assertThatThrownBy(nightly::getError).isInstanceOf(TimeoutError.class); // raises the task's error
    }

    @Test
    void withinItsLimitItCompletes(SimulatedBrowser ann, SimulatedServerModule scheduler, BackgroundTasks tasks,
            AnvilRuntime runtime) {
        ann.user(ANN).call("open_ticket", "Printer on fire");
        runtime.replace("send_digest", args -> "msg-1");
        Task nightly = scheduler.launchBackgroundTask("nightly_digest");
        tasks.runAll();
        assertThat(nightly.getTerminationStatus()).isEqualTo(Task.COMPLETED);
    }
}
