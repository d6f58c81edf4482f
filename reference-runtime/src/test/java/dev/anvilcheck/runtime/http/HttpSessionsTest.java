package dev.anvilcheck.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.users.Users;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions, users, trust and time limits of endpoint calls (CTX-04, HTTP-08, HTTP-09, HTTP-27..29). */
class HttpSessionsTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    private void registerProbe(Endpoint endpoint) {
        runtime.registerEndpoint(endpoint, a -> {
            CallContext c = AnvilServer.context();
            return Map.of("client", c.client().type(), "caller", c.remoteCaller().type(),
                    "trusted", c.remoteCaller().isTrusted(), "session", AnvilServer.getSessionId(),
                    "user", String.valueOf(Users.getUser()));
        });
    }

    @Test
    void withoutASessionCookieEachRequestGetsANewHttpSession() {
        registerProbe(Endpoint.http("/p"));
        String first = runtime.http().get("/_/api/p").text();
        String second = runtime.http().get("/_/api/p").text();
        assertThat(first).contains("\"client\":\"http\"", "\"caller\":\"http\"", "\"trusted\":false");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void theBrowsersCookieFromTheSameSiteRunsInTheBrowsersSession() {
        registerProbe(Endpoint.http("/p"));
        SimulatedBrowser browser = runtime.browser().user("ann");
        RawHttpResponse r = runtime.http().withBrowserSession(browser).send(RawHttpRequest.get("/_/api/p")
                .withHeader("Origin", "http://localhost:3030"));
        assertThat(r.text()).contains("\"client\":\"browser\"", "\"session\":\"" + browser.sessionId() + "\"",
                "\"user\":\"ann\"", "\"caller\":\"http\"");
    }

    @Test
    void crossSiteRequestsGetAFreshSessionUnlessTheEndpointKeepsIt() {
        registerProbe(Endpoint.http("/p"));
        registerProbe(Endpoint.http("/keep").withCrossSiteSession());
        SimulatedBrowser browser = runtime.browser();
        String cookie = browser.sessionCookie();
        for (String[] header : new String[][] {{"Origin", "https://evil.example"},
                {"Referer", "https://evil.example/page"}, {"Referer", "not a url"}}) {
            RawHttpRequest req = RawHttpRequest.get("/_/api/p").withHeader("Cookie", cookie)
                    .withHeader(header[0], header[1]);
            assertThat(runtime.http().send(req).text()).as(header[1]).contains("\"client\":\"http\"")
                    .doesNotContain(browser.sessionId());
        }
        RawHttpRequest kept = RawHttpRequest.get("/_/api/keep").withHeader("Cookie", cookie)
                .withHeader("Origin", "https://evil.example");
        assertThat(runtime.http().send(kept).text()).contains(browser.sessionId());
        RawHttpRequest sameReferer = RawHttpRequest.get("/_/api/p").withHeader("Cookie", cookie)
                .withHeader("Referer", "http://localhost:3030/some/page");
        assertThat(runtime.http().send(sameReferer).text()).contains(browser.sessionId());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requireCredentialsAnswers401WithoutThem() {
        runtime.registerEndpoint(Endpoint.http("/c").withRequireCredentials(),
                a -> AnvilServer.request().username() + "/" + AnvilServer.request().password());
        RawHttpResponse denied = runtime.http().get("/_/api/c");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.text()).isEqualTo("Unauthorized");
        assertThat(denied.header("www-authenticate")).isEqualTo("Basic realm=\"Anvil App API\"");
        RawHttpResponse ok = runtime.http().send(RawHttpRequest.get("/_/api/c").withHeader("Authorization",
                basic("u", "p")));
        assertThat(ok.text()).isEqualTo("u/p");
    }

    @Test
    void authenticateUsersLogsInByEmailAndPassword() {
        runtime.addUser("ann@example.com", "s3cret", Map.of("email", "ann@example.com"));
        runtime.registerEndpoint(Endpoint.http("/me").withAuthenticateUsers(),
                a -> Map.of("user", AnvilServer.request().user(), "get_user", Users.getUser()));
        runtime.registerEndpoint(Endpoint.http("/plain"), a -> String.valueOf(AnvilServer.request().user()));
        assertThat(runtime.http().get("/_/api/me").status()).isEqualTo(401);
        assertThat(runtime.http().send(RawHttpRequest.get("/_/api/me").withHeader("Authorization",
                basic("ann@example.com", "wrong"))).status()).isEqualTo(401);
        RawHttpResponse ok = runtime.http().send(RawHttpRequest.get("/_/api/me").withHeader("Authorization",
                basic("ann@example.com", "s3cret")));
        assertThat(ok.text()).contains("\"user\":{\"email\":\"ann@example.com\"}",
                "\"get_user\":{\"email\":\"ann@example.com\"}");
        SimulatedBrowser loggedIn = runtime.browser().user(Map.of("email", "bob@example.com"));
        assertThat(runtime.http().withBrowserSession(loggedIn).get("/_/api/me").text())
                .contains("bob@example.com");
        assertThat(runtime.http().get("/_/api/plain").text()).isEqualTo("null");
    }

    @Test
    void endpointsPastTheCallTimeoutGet500() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        runtime.registerEndpoint(Endpoint.http("/slow"), a -> {
            entered.countDown();
            never.await(10, TimeUnit.SECONDS);
            return "late";
        });
        CompletableFuture<RawHttpResponse> pending = CompletableFuture.supplyAsync(
                () -> runtime.http().get("/_/api/slow"));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        runtime.fakeClock().advance(Duration.ofSeconds(31));
        RawHttpResponse r = pending.get(5, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).isEqualTo("An exception was raised. Check the application logs for details.");
    }

    @Test
    void sessionWritesOfAnEndpointCommitOnlyOnSuccess() {
        runtime.registerEndpoint(Endpoint.http("/w"), a -> {
            AnvilServer.session().put("k", a.kw("v"));
            if ("fail".equals(a.kw("v"))) {
                throw new IllegalStateException("no");
            }
            return "ok";
        });
        SimulatedBrowser browser = runtime.browser();
        runtime.http().withBrowserSession(browser).get("/_/api/w?v=one");
        assertThat(browser.sessionData()).isEqualTo(Map.of("k", "one"));
        runtime.http().withBrowserSession(browser).get("/_/api/w?v=fail");
        assertThat(browser.sessionData()).isEqualTo(Map.of("k", "one"));
    }
}
