package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.ANN;
import static dev.anvilcheck.examples.tickets.People.BOB;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.users.AuthenticationFailed;
import java.util.Map;
import org.junit.jupiter.api.Test;

// The README's quick example.
@AnvilTest(modules = TicketTracker.class)
class QuickStartTest {

    @Test
    void onlyTheReporterCanCloseATicket(SimulatedBrowser ann, SimulatedBrowser bob) {
        Map<?, ?> ticket = (Map<?, ?>) ann.user(ANN).call("open_ticket", "Printer on fire");

        assertThatCall(bob.user(BOB), "close_ticket", ticket.get("id"), "fixed")
                .raised(PermissionDenied.class)
                .withMessageContaining("not your ticket");
        assertThatCall(ann, "close_ticket", ticket.get("id"), "fixed").returned();
    }

    @Test
    void strangersMustLogInFirst(SimulatedBrowser stranger) {
        assertThatCall(stranger, "open_ticket", "Printer on fire").raised(AuthenticationFailed.class);
    }
}
