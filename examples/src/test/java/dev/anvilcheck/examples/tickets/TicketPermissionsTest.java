package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.AGENT;
import static dev.anvilcheck.examples.tickets.People.ANN;
import static dev.anvilcheck.examples.tickets.People.BOB;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.PermissionDenied;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** requireUser, a requireUser predicate, a capability per ticket, and what a browser's settings reach. */
@AnvilTest(modules = TicketTracker.class)
class TicketPermissionsTest {

    @Test
    void agentsSeeEveryOpenTicketOthersAreRefused(SimulatedBrowser ann, SimulatedBrowser agent) {
        ann.user(ANN).call("open_ticket", "Printer on fire");

        assertThatCall(ann, "open_tickets").raised(PermissionDenied.class)
                .withMessageContaining("You do not have permission");
        List<?> open = (List<?>) assertThatCall(agent.user(AGENT), "open_tickets").returnedValue();
        assertThat(open).hasSize(1);
    }

    @Test
    void agentsMayCloseAnyonesTicket(SimulatedBrowser ann, SimulatedBrowser agent) {
        Map<?, ?> ticket = (Map<?, ?>) ann.user(ANN).call("open_ticket", "VPN down");
        Map<?, ?> closed = (Map<?, ?>) agent.user(AGENT).call("close_ticket", ticket.get("id"), "restarted");
        assertThat(closed.get("open")).isEqualTo(false);
    }

    @Test
    void whoeverHoldsTheTicketsCapabilityMayComment(SimulatedBrowser ann) {
        Map<?, ?> ticket = (Map<?, ?>) ann.user(ANN).call("open_ticket", "Printer on fire");
        Capability edit = (Capability) ticket.get("edit");

        assertThatCall(ann, "add_comment", edit, "smoke is grey").returned(1);
        assertThatCall(ann, "add_comment", edit.narrow(List.of("extra")), "too narrow")
                .raised(AnvilWrappedError.class).withMessageContaining("too narrow"); // ERR-02: a ValueError arrives wrapped
    }

    @Test
    void aCapabilityIsBoundToTheSessionItWasIssuedTo(SimulatedBrowser ann, SimulatedBrowser bob) {
        Map<?, ?> ticket = (Map<?, ?>) ann.user(ANN).call("open_ticket", "Printer on fire");
        Capability stolen = (Capability) ticket.get("edit");

        // CAP-20: another browser's capability is refused before the function runs
        assertThatCall(bob.user(BOB), "add_comment", stolen, "mine now").raised(AnvilWrappedError.class);
    }

    @Test
    void theBrowsersSettingsReachTheServer(SimulatedBrowser ann) {
        ann.user(ANN).ip("203.0.113.9").withSession("views", 41L).withCookie("theme", "dark");

        Map<?, ?> ticket = (Map<?, ?>) ann.call("open_ticket", "Printer on fire");
        assertThat(ticket.get("opened_from")).isEqualTo("203.0.113.9");
        ann.location(new Location("Oslo", "Oslo", "Norway", "NO", 59.9, 10.7));
        assertThat(((Map<?, ?>) ann.call("open_ticket", "Coffee machine")).get("opened_from")).isEqualTo("Norway");

        ann.call("my_tickets");
        assertThat(ann.sessionData()).containsEntry("views", 42L).containsEntry("last_opened", 2L);
        assertThatCall(ann, "theme").returned("dark");
        ann.call("set_theme", "solarized");
        assertThat(ann.cookies().local().get("theme")).isEqualTo("solarized");
    }
}
