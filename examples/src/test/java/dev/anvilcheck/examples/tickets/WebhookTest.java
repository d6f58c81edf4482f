package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.examples.tickets.People.ANN;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatFunction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.junit.AnvilExtension;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedHttp;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RawHttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CI webhook: an HTTP endpoint with a shared token from the app's secrets (the builder form). */
class WebhookTest {
    @RegisterExtension
    static AnvilExtension anvil = AnvilExtension.newInstance()
            .modules(TicketTracker.class)
            .configure(runtime -> runtime.secret("webhook_token", "s3cret"))
            .build();

    private long ticket;

    @BeforeEach
    void openATicket(SimulatedBrowser ann) {
        ticket = (Long) ((Map<?, ?>) ann.user(ANN).call("open_ticket", "Flaky test")).get("id");
    }

    @Test
    void ciReportsABuild(SimulatedHttp ci, CallJournal journal) {
        RawHttpResponse response = ci.withHeader("X-Webhook-Token", "s3cret")
                .post("/_/api/webhooks/ci/" + ticket, "application/json", "{\"build\": \"passed\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).contains("\"comments\":1");
        assertThatFunction(journal, "http:/webhooks/ci/:id").wasCalledOnce().by(CallerKind.HTTP);
    }

    @Test
    void aWrongTokenIsRefused(SimulatedHttp stranger) {
        RawHttpResponse response = stranger.withHeader("X-Webhook-Token", "guess")
                .post("/_/api/webhooks/ci/" + ticket, "application/json", "{\"build\": \"passed\"}");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theSameOverARealSocket(AnvilRuntime runtime) throws Exception {
        URI origin = runtime.listen(); // 127.0.0.1, a free port; closed with the runtime
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(origin.resolve("/_/api/webhooks/ci/" + ticket))
                .header("X-Webhook-Token", "s3cret").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"build\": \"failed\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
