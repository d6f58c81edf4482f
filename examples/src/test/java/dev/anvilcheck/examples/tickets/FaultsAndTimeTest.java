package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.ANN;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatFunction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.RuntimeFaults;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedUplink;
import dev.anvilcheck.server.AppOfflineError;
import dev.anvilcheck.server.QuotaExceededError;
import dev.anvilcheck.server.SessionExpiredError;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.users.AuthenticationFailed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the app copes when the platform fails, with time driven by the fake clock: nothing sleeps. */
@AnvilTest(modules = TicketTracker.class)
class FaultsAndTimeTest {

    @Test
    void anIdleSessionExpiresAndTheBrowserStartsAgain(SimulatedBrowser ann, FakeClock clock) {
        ann.user(ANN).call("open_ticket", "Printer on fire");
        clock.advance(Duration.ofMinutes(31)); // SESS-10: idle past the 30-minute session timeout

        assertThatCall(ann, "my_tickets").raised(SessionExpiredError.class);
        ann.resetSession(); // SESS-12: a fresh session, nobody logged in
        assertThatCall(ann, "my_tickets").raised(AuthenticationFailed.class);
        assertThat((List<?>) ann.user(ANN).call("my_tickets")).hasSize(1);
    }

    @Test
    void oneSessionCanBeExpiredWithoutMovingTime(SimulatedBrowser ann, SimulatedBrowser bob, RuntimeFaults faults) {
        ann.user(ANN);
        faults.expireSession(ann);
        assertThatCall(ann, "my_tickets").raised(SessionExpiredError.class);
        assertThatCall(bob.user(People.BOB), "my_tickets").returned();
    }

    @Test
    void offlineTheBrowserKnowsAndCallsFail(SimulatedBrowser ann, RuntimeFaults faults) {
        faults.appOffline(true);
        assertThat(ann.isAppOnline()).isFalse();
        assertThatCall(ann.user(ANN), "open_ticket", "Printer on fire").raised(AppOfflineError.class);
        faults.appOffline(false);
        assertThat(ann.isAppOnline()).isTrue();
        assertThatCall(ann, "open_ticket", "Printer on fire").returned();
    }

    @Test
    void anExhaustedQuotaFailsEveryCall(SimulatedBrowser ann, RuntimeFaults faults, CallJournal journal) {
        faults.quotaExceeded(true);
        assertThatCall(ann.user(ANN), "open_ticket", "Printer on fire").raised(QuotaExceededError.class);
        assertThat(journal.calls()).singleElement().satisfies(c -> assertThat(c.reachedFunction()).isFalse());
    }

    @Test
    void aSlowFunctionTimesOut(SimulatedBrowser ann, RuntimeFaults faults) {
        ann.user(ANN).call("open_ticket", "Printer on fire");
        faults.timeOut("my_tickets"); // ERR-06: runs past the 30-second call timeout, by the fake clock
        assertThatCall(ann, "my_tickets").raised(TimeoutError.class).withMessage("Server code took too long");
    }

    @Test
    void theClassifierOnAnUplinkLabelsTicketsWhileConnected(SimulatedUplink classifier, SimulatedBrowser ann,
            CallJournal journal) {
        classifier.register("classify_ticket", args -> ((String) args.get(0)).contains("fire") ? "urgent" : "normal");

        Map<?, ?> urgent = (Map<?, ?>) ann.user(ANN).call("open_ticket", "Printer on fire");
        assertThat(urgent.get("label")).isEqualTo("urgent");

        classifier.disconnect(); // UPL-09: now calls of classify_ticket raise UplinkDisconnectedError (ERR-08)
        Map<?, ?> later = (Map<?, ?>) ann.call("open_ticket", "Printer on fire again");
        assertThat(later.get("label")).isEqualTo("unclassified");
        assertThatFunction(journal, "classify_ticket").wasCalled(2).by(CallerKind.SERVER_MODULE);
    }
}
