package dev.anvilcheck.examples.tickets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.anvilcheck.junit.AnvilExtension;
import dev.anvilcheck.runtime.SimulatedBackgroundTask;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.PermissionDenied;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code send_digest} calls the external notification API over HTTP; WireMock stands in for it.
 * Both extensions are instance fields, so each test has its own WireMock server on a free port and
 * its own runtime, and the tests may run in parallel. The runtime reads the stub's URL when it is
 * built, after WireMock started: {@code configure(...)} runs for each runtime.
 */
class NotificationApiTest {
    @RegisterExtension
    WireMockExtension notificationApi = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    AnvilExtension anvil = AnvilExtension.newInstance()
            .modules(TicketTracker.class)
            .configure(runtime -> runtime
                    .secret("notify_api_url", notificationApi.baseUrl())
                    .secret("notify_api_key", "test-key"))
            .build();

    @Test
    void sendsTheDigestWithTheApiKey(SimulatedBackgroundTask nightlyJob) {
        notificationApi.stubFor(post("/v1/messages").willReturn(okJson("{\"id\": \"msg-42\"}")));

        assertThatCall(nightlyJob, "send_digest", "ann@example.com", 2).returned("msg-42");

        notificationApi.verify(postRequestedFor(urlEqualTo("/v1/messages"))
                .withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(equalToJson("{\"to\": \"ann@example.com\", \"text\": \"You have 2 open tickets\"}")));
    }

    @Test
    void aRefusalOfTheApiRaisesNotificationFailed(SimulatedBackgroundTask nightlyJob) {
        notificationApi.stubFor(post("/v1/messages").willReturn(aResponse().withStatus(503)));

        assertThatCall(nightlyJob, "send_digest", "ann@example.com", 2)
                .raised(NotificationFailed.class) // ERR-05: a registered error type crosses as itself
                .withMessage("The notification service answered 503 for ann@example.com");
    }

    @Test
    void browsersCannotSendDigests(SimulatedBrowser browser) {
        assertThatCall(browser, "send_digest", "ann@example.com", 2).raised(PermissionDenied.class);
        notificationApi.verify(0, postRequestedFor(urlEqualTo("/v1/messages")));
    }
}
