package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.AGENT;
import static dev.anvilcheck.examples.tickets.People.ANN;
import static dev.anvilcheck.examples.tickets.People.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.junit.Lifecycle;
import dev.anvilcheck.runtime.SimulatedBrowser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One runtime for the class (PER_CLASS): seeded once in @BeforeAll, read by tests that may run concurrently. */
@AnvilTest(modules = TicketTracker.class, lifecycle = Lifecycle.PER_CLASS)
class AgentDashboardTest {

    @BeforeAll
    static void seed(SimulatedBrowser ann, SimulatedBrowser bob) {
        ann.user(ANN).call("open_ticket", "Printer on fire");
        ann.call("open_ticket", "Coffee machine empty");
        bob.user(BOB).call("open_ticket", "VPN down");
    }

    @Test
    void agentsSeeAllOpenTickets(SimulatedBrowser agent) {
        List<?> open = (List<?>) agent.user(AGENT).call("open_tickets");
        assertThat(open.stream().map(t -> (Object) ((Map<?, ?>) t).get("title")).toList())
                .containsExactly("Printer on fire", "Coffee machine empty", "VPN down");
    }

    @Test
    void reportersSeeTheirOwn(SimulatedBrowser bob) {
        assertThat((List<?>) bob.user(BOB).call("my_tickets")).hasSize(1);
    }
}
