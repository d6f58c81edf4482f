package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.users.AuthenticationFailed;
import java.util.Map;
import org.junit.jupiter.api.Test;

@AnvilTest(modules = TicketTracker.class)
class QuickStartTest {
    // a logged-in user is a row of the Users table; here, a map
    static final Map<String, Object> ANN = Map.of("email", "ann@example.com");
    static final Map<String, Object> BOB = Map.of("email", "bob@example.com");

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
