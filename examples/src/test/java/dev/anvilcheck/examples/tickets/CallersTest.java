package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.ANN;
import static dev.anvilcheck.examples.tickets.People.BOB;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.AnvilTest;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedClientUplink;
import dev.anvilcheck.runtime.SimulatedEmail;
import dev.anvilcheck.runtime.SimulatedServerModule;
import dev.anvilcheck.server.PermissionDenied;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same functions reached by other callers: a command-line tool, the email handler, server code. */
@AnvilTest(modules = TicketTracker.class)
class CallersTest {

    @Test
    void theBrowserPollsWithoutTheLoadingIndicator(SimulatedBrowser ann) {
        ann.user(ANN).call("open_ticket", "Printer on fire");
        int shown = ann.loadingIndicatorCount();

        assertThat(ann.callS("open_count")).isEqualTo(1L); // call_s: no spinner (CALL-16)
        var quiet = ann.noLoadingIndicator();            // with anvil.server.no_loading_indicator:
        try (quiet) {
            ann.call("my_tickets");
        }
        assertThat(ann.loadingIndicatorCount()).isEqualTo(shown);
    }

    @Test
    void aCommandLineToolWithTheClientKey(SimulatedClientUplink cli) {
        cli.user(ANN).call("open_ticket", "Printer on fire");
        assertThat((List<?>) cli.call("my_tickets")).hasSize(1);
        // UPL-07, CALL-11: client code cannot reach the background task's scoped name
        assertThatCall(cli, "task:nightly_digest").raised(PermissionDenied.class);
    }

    @Test
    void repliesToNotificationEmailsBecomeComments(SimulatedBrowser ann, SimulatedEmail mailbox,
            SimulatedServerModule server) {
        Map<?, ?> ticket = (Map<?, ?>) ann.user(ANN).call("open_ticket", "Printer on fire");

        assertThatCall(mailbox, "comment_by_email", ticket.get("id"), "ann@example.com", "still burning")
                .returned(1);
        assertThatCall(mailbox, "comment_by_email", ticket.get("id"), "mallory@example.com", "lol")
                .raised(PermissionDenied.class).withMessageContaining("did not report");
        assertThatCall(server, "comment_by_email", ticket.get("id"), "ann@example.com", "forged")
                .raised(PermissionDenied.class).withMessageContaining("for the email handler");
    }

    @Test
    void serverCodeCallsAsATrustedCaller(SimulatedServerModule server) {
        Map<?, ?> ticket = (Map<?, ?>) server.user(BOB).call("open_ticket", "Disk full");
        assertThat(ticket.get("reporter")).isEqualTo("bob@example.com");
    }
}
