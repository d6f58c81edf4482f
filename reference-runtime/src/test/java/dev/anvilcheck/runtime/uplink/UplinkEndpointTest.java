package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AppResponder;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.FormResponse;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.users.Users;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HTTP endpoints an uplink provides (UPL-05, HTTP-01..29): the Java uplink client registers them on
 * the reference runtime over loopback, and requests reach them through the runtime's HTTP listener,
 * ahead of server code's endpoints (CALL-07), with the same answers as server code's.
 */
class UplinkEndpointTest {
    private static final String KEY = "server-key";
    private static final String EXCEPTION_BODY = "An exception was raised. Check the application logs for details.";

    private final AnvilRuntime runtime = AnvilRuntime.builder().uplinkKey(KEY).callTimeout(Duration.ZERO).build();
    private final URI origin = runtime.listen();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService requests = Executors.newCachedThreadPool();
    private final List<Uplink> uplinks = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        try (AnvilRuntime closedLast = runtime) {
            uplinks.forEach(Uplink::close);
        } finally {
            requests.shutdownNow();
        }
        assertThat(requests.awaitTermination(10, TimeUnit.SECONDS)).as("request threads ended").isTrue();
    }

    private Uplink connect() {
        Uplink uplink = Uplink.builder(runtime.uplinkUri(), KEY).heartbeatInterval(Duration.ZERO).connect();
        uplinks.add(uplink);
        return uplink;
    }

    /** Sends a request to the runtime's listener over a real socket. */
    private RawHttpResponse send(RawHttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(origin + request.target()))
                .timeout(Duration.ofSeconds(10))
                .method(request.method(), request.body() == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        try {
            java.net.http.HttpResponse<byte[]> r = HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return new RawHttpResponse(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError("sending " + request + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private RawHttpResponse get(String target) {
        return send(RawHttpRequest.get(target));
    }

    @Test
    @DisplayName("UPL-05, HTTP-03, HTTP-05, HTTP-20..23, HTTP-29 GET and POST reach the uplink's endpoint with path,"
            + " query and form parameters, anvil.server.request and an http caller's context")
    void getAndPostWithParameters() {
        AtomicReference<Map<String, Object>> kwargs = new AtomicReference<>();
        AtomicReference<HttpRequest> request = new AtomicReference<>();
        AtomicReference<CallContext> context = new AtomicReference<>();
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/users/:id/items/:item"), a -> {
            kwargs.set(a.kwargs());
            request.set(AnvilServer.request());
            context.set(AnvilServer.context());
            return Map.of("id", a.kw("id"));
        });
        RawHttpResponse r = get("/_/api/users/7/items/John%20Smith?q=1&q=2&x=y");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/json");
        assertThat(r.text()).isEqualTo("{\"id\":\"7\"}");
        assertThat(kwargs.get()).isEqualTo(Map.of("id", "7", "item", "John Smith", "q", List.of("1", "2"), "x", "y"));
        HttpRequest seen = request.get();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.path()).isEqualTo("/users/7/items/John%20Smith");
        assertThat(seen.queryParams()).isEqualTo(Map.of("q", List.of("1", "2"), "x", "y"));
        assertThat(seen.remoteAddress()).isEqualTo("127.0.0.1");
        assertThat(seen.body()).isNull();
        assertThat(context.get().remoteCaller().type()).isEqualTo("http");
        assertThat(context.get().remoteCaller().isTrusted()).isFalse();
        assertThat(context.get().client().type()).isEqualTo("http");

        RawHttpResponse posted = send(RawHttpRequest.of("POST", "/_/api/users/8/items/i?item=query&q=query")
                .withBody("application/x-www-form-urlencoded", "q=form&f=J%C3%BCrgen+M"));
        assertThat(posted.status()).isEqualTo(200);
        assertThat(kwargs.get()).isEqualTo(Map.of("id", "8", "item", "i", "q", "query", "f", "J\u00fcrgen M"));
        assertThat(request.get().formParams()).isEqualTo(Map.of("q", "form", "f", "J\u00fcrgen M"));
        assertThat(request.get().method()).isEqualTo("POST");
    }

    @Test
    @DisplayName("HTTP-18, HTTP-04 no matching endpoint gives 404; of an uplink's endpoints the first registered wins")
    void noMatchAndFirstRegisteredWins() {
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/items/:id"), a -> "first");
        uplink.registerEndpoint(Endpoint.http("/items/special"), a -> "second");
        assertThat(get("/_/api/items/special").text()).isEqualTo("first");
        RawHttpResponse missing = get("/_/api/absent");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).isEqualTo("No matching API endpoint");
        assertThat(get("/_/api/items/special/more").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("CALL-07 an uplink's endpoint serves ahead of server code's endpoint of the same path")
    void uplinkBeforeServerCode() {
        runtime.registerEndpoint(Endpoint.http("/who"), a -> "server code");
        assertThat(get("/_/api/who").text()).isEqualTo("server code");
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/who"), a -> "uplink");
        assertThat(get("/_/api/who").text()).isEqualTo("uplink");
    }

    @Test
    @DisplayName("HTTP-06, HTTP-07, HTTP-08 405 with Allow, CORS headers and preflight, 401 without credentials")
    void methodsCorsAndCredentials() {
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/m").withMethods("GET", "PUT"), a -> "ok");
        uplink.registerEndpoint(Endpoint.http("/cors").withCors(), a -> new HttpResponse(201, "made",
                Map.of("Access-Control-Allow-Origin", "ignored", "X-Id", "7")));
        uplink.registerEndpoint(Endpoint.http("/secret").withRequireCredentials(),
                a -> AnvilServer.request().username() + ":" + AnvilServer.request().password());
        RawHttpResponse refused = send(RawHttpRequest.of("DELETE", "/_/api/m"));
        assertThat(refused.status()).isEqualTo(405);
        assertThat(refused.text()).isEqualTo("Method not supported");
        assertThat(refused.header("allow")).isEqualTo("GET, PUT");

        RawHttpResponse preflight = send(RawHttpRequest.of("OPTIONS", "/_/api/cors")
                .withHeader("Access-Control-Request-Headers", "X-Token, Content-Type"));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.text()).isEmpty();
        assertThat(preflight.header("access-control-allow-origin")).isEqualTo("*");
        assertThat(preflight.header("access-control-allow-headers")).isEqualTo("content-type, x-token");
        RawHttpResponse created = get("/_/api/cors");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text()).isEqualTo("made");
        assertThat(created.header("x-id")).isEqualTo("7");
        assertThat(created.headerValues("access-control-allow-origin")).containsExactly("*");
        assertThat(created.header("content-type")).isEqualTo("text/plain; charset=utf-8");

        RawHttpResponse unauthorized = get("/_/api/secret");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.text()).isEqualTo("Unauthorized");
        assertThat(unauthorized.header("www-authenticate")).isEqualTo("Basic realm=\"Anvil App API\"");
        String basic = "Basic " + Base64.getEncoder().encodeToString("ada:p:w".getBytes(StandardCharsets.UTF_8));
        assertThat(send(RawHttpRequest.get("/_/api/secret").withHeader("Authorization", basic)).text())
                .isEqualTo("ada:p:w");
    }

    @Test
    @DisplayName("HTTP-09 authenticate_users on an uplink asks the app's Users service (login_with_email), which"
            + " this runtime answers with its accounts: 401 for wrong credentials, the user for right ones")
    void authenticateUsersAsksTheServer() {
        runtime.addUser("ada@example.com", "s3cret", "ada");
        List<Object> runs = new CopyOnWriteArrayList<>();
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/me").withAuthenticateUsers(), a -> runs.add(Users.getUser()));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("ada@example.com:nope".getBytes(StandardCharsets.UTF_8));
        RawHttpResponse refused = send(RawHttpRequest.get("/_/api/me").withHeader("Authorization", wrong));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("www-authenticate")).isEqualTo("Basic realm=\"Anvil App API\"");
        assertThat(runs).isEmpty();
        String basic = "Basic " + Base64.getEncoder().encodeToString("ada@example.com:s3cret".getBytes(StandardCharsets.UTF_8));
        RawHttpResponse r = send(RawHttpRequest.get("/_/api/me").withHeader("Authorization", basic));
        assertThat(r.status()).isEqualTo(200);
        assertThat(runs).containsExactly("ada");
    }

    @Test
    @DisplayName("HTTP-17, HTTP-05, HTTP-14 an endpoint that raises, refuses a keyword, returns bytes (which cannot"
            + " cross the wire) or a datetime gives 500, as server code's")
    void raisingGives500() {
        runtime.registerEndpoint(Endpoint.http("/java-boom"), a -> {
            throw new IllegalStateException("secret detail 4711");
        });
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/boom"), a -> {
            throw new IllegalStateException("secret detail 4711");
        });
        uplink.registerEndpoint(Endpoint.http("/strict"), a -> {
            if (a.kwargs().containsKey("b")) {
                throw new TypeError("strict() got an unexpected keyword argument 'b'");
            }
            return "ok";
        });
        uplink.registerEndpoint(Endpoint.http("/when"), a -> Map.of("at", java.time.OffsetDateTime.parse(
                "2024-05-06T07:08:09Z")));
        uplink.registerEndpoint(Endpoint.http("/bytes"), a -> new byte[] {1, 2});
        RawHttpResponse boom = get("/_/api/boom");
        RawHttpResponse javaBoom = get("/_/api/java-boom");
        assertThat(boom.status()).isEqualTo(javaBoom.status()).isEqualTo(500);
        assertThat(boom.text()).isEqualTo(javaBoom.text());
        assertThat(boom.text()).isEqualTo(EXCEPTION_BODY);
        assertThat(boom.header("content-type")).isEqualTo("text/plain");
        assertThat(get("/_/api/strict?a=1").status()).isEqualTo(200);
        assertThat(get("/_/api/strict?b=1").status()).isEqualTo(500);
        RawHttpResponse bytes = get("/_/api/bytes");
        assertThat(bytes.status()).isEqualTo(500);
        assertThat(bytes.text()).isEqualTo(EXCEPTION_BODY);
        RawHttpResponse when = get("/_/api/when");
        assertThat(when.status()).isEqualTo(500);
        assertThat(when.text()).startsWith("Cannot send a datetime object over HTTP as response[\"at\"].");
    }

    @Test
    @DisplayName("UPL-09, ERR-08, HTTP-17 an uplink that disconnects mid-request gives 500; afterwards server code's"
            + " endpoint answers, a path only the uplink served gives 500, and any other path 404")
    void disconnectingUplink() throws Exception {
        runtime.registerEndpoint(Endpoint.http("/shared"), a -> "server code");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/shared"), a -> "uplink");
        uplink.registerEndpoint(Endpoint.http("/slow/:n"), a -> {
            started.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            return "too late";
        });
        assertThat(get("/_/api/shared").text()).isEqualTo("uplink");
        CompletableFuture<RawHttpResponse> pending = CompletableFuture.supplyAsync(() -> get("/_/api/slow/1"), requests);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        uplink.disconnect();
        RawHttpResponse lost = pending.get(10, TimeUnit.SECONDS);
        release.countDown();
        assertThat(lost.status()).isEqualTo(500);
        assertThat(lost.text()).isEqualTo(EXCEPTION_BODY);
        assertThat(get("/_/api/shared").text()).isEqualTo("server code");
        RawHttpResponse stale = get("/_/api/slow/2");
        assertThat(stale.status()).isEqualTo(500);
        assertThat(stale.text()).isEqualTo(EXCEPTION_BODY);
        assertThat(get("/_/api/never").status()).isEqualTo(404);
    }

    @Test
    @DisplayName("HTTP-01, HTTP-19, HTTP-21 an uplink's routes and well-known endpoints; FormResponse and AppResponder"
            + " open the app from a route only")
    void routesAndWellKnownEndpoints() {
        AtomicReference<String> wellknownPath = new AtomicReference<>();
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.route("/where"), a -> "route");
        uplink.registerEndpoint(Endpoint.wellknown("/where"), a -> {
            wellknownPath.set(AnvilServer.request().path());
            return "wellknown";
        });
        uplink.registerEndpoint(Endpoint.route("/form"), a -> new FormResponse("Home", List.of(1L), Map.of()));
        uplink.registerEndpoint(Endpoint.route("/app"), a -> new AppResponder(Map.of("k", 1L), null).loadForm("Start"));
        uplink.registerEndpoint(Endpoint.http("/form"), a -> new FormResponse("Home", List.of(), Map.of()));
        assertThat(get("/where").text()).isEqualTo("route");
        assertThat(get("/.well-known/where").text()).isEqualTo("wellknown");
        assertThat(wellknownPath.get()).isEqualTo("/where");
        assertThat(get("/_/api/where").status()).isEqualTo(404);
        RawHttpResponse form = get("/form");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(form.text()).contains("\"action\":\"open_form\"").contains("\"form\":\"Home\"");
        assertThat(get("/_/api/form").status()).isEqualTo(500);
        SimulatedBrowser browser = runtime.browser();
        assertThat(browser.openPage("/app").status()).isEqualTo(200);
        assertThat(browser.startupData()).isEqualTo(Map.of("k", 1L));
    }

    @Test
    @DisplayName("HTTP-12, HTTP-24, MEDIA-07 a request body reaches the uplink as Media, and Media it returns is served")
    void mediaBothWays() {
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 255};
        AtomicReference<Media> received = new AtomicReference<>();
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/echo"), a -> {
            Media body = AnvilServer.request().body();
            received.set(body);
            return new BlobMedia("image/png", body.getBytes(), "pic \"1\".png");
        });
        RawHttpResponse r = send(RawHttpRequest.of("POST", "/_/api/echo").withBody("application/octet-stream", bytes));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(bytes);
        assertThat(r.header("content-type")).isEqualTo("image/png");
        assertThat(r.header("content-disposition")).isEqualTo("inline; filename=\"pic%20_1_.png\"");
        assertThat(received.get().contentType()).isEqualTo("application/octet-stream");
        assertThat(received.get().getBytes()).isEqualTo(bytes);
    }

    @Test
    @DisplayName("HTTP-12 LazyMedia an uplink made itself reaches the server as a reference nobody can fetch: the"
            + " platform's 500 for Lazy Media")
    void unfetchableLazyMedia() {
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/lazy"),
                a -> new LazyMedia("row/7", () -> new BlobMedia("text/plain", new byte[] {1}, "row7.txt")));
        RawHttpResponse r = get("/_/api/lazy");
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).matches("Internal server error serving Lazy Media: [0-9a-f]{6}");
    }

    @Test
    @DisplayName("HTTP-25 body_json of an uplink's request decodes application/json once, as server code's")
    void bodyJson() {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/j"), a -> {
            Object first = AnvilServer.request().bodyJson();
            seen.set(java.util.Arrays.asList(first, AnvilServer.request().bodyJson()));
            return first;
        });
        RawHttpResponse r = send(RawHttpRequest.of("POST", "/_/api/j").withBody("application/json", "{\"a\":[1,\"x\",null]}"));
        assertThat(r.text()).isEqualTo("{\"a\":[1,\"x\",null]}");
        assertThat(seen.get().get(1)).isSameAs(seen.get().get(0));
        assertThat(send(RawHttpRequest.of("POST", "/_/api/j").withBody("application/json", "{oops")).status())
                .isEqualTo(500);
    }

    @Test
    @DisplayName("CTX-04, HTTP-27 an uplink's endpoint runs in the browser's session from the same site; from another"
            + " site in a fresh one, unless cross_site_session, which moves it to the browser's and keeps its writes")
    void sessionsAndCrossSiteRequests() {
        SimulatedBrowser browser = runtime.browser();
        browser.putSession("k", "v");
        String cookie = browser.sessionCookie();
        Uplink uplink = connect();
        uplink.registerEndpoint(Endpoint.http("/plain"), a -> String.valueOf(AnvilServer.session().get("k")));
        uplink.registerEndpoint(Endpoint.http("/keep").withCrossSiteSession(), a -> {
            AnvilServer.session().put("seen", "yes");
            return String.valueOf(AnvilServer.session().get("k")) + " " + AnvilServer.context().client().type();
        });
        String elsewhere = "https://elsewhere.example";
        assertThat(send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie)).text()).isEqualTo("v");
        assertThat(send(RawHttpRequest.get("/_/api/plain").withHeader("Cookie", cookie).withHeader("Origin", elsewhere))
                .text()).isEqualTo("null");
        assertThat(send(RawHttpRequest.get("/_/api/keep").withHeader("Cookie", cookie).withHeader("Origin", elsewhere))
                .text()).isEqualTo("v http");
        assertThat(browser.sessionData()).containsEntry("seen", "yes");
        uplink.registerEndpoint(Endpoint.http("/logout").withCrossSiteSession(), a -> {
            for (String key : java.util.List.copyOf(AnvilServer.session().keys())) {
                AnvilServer.session().remove(key);
            }
            return "bye";
        });
        assertThat(send(RawHttpRequest.get("/_/api/logout").withHeader("Cookie", cookie).withHeader("Origin", elsewhere))
                .text()).isEqualTo("bye");
        assertThat(browser.sessionData()).as("the browser's session after a cross-site endpoint cleared it").isEmpty();
    }

    @Test
    @DisplayName("Uplink protocol §3.1 an endpoint name that is not a regular expression gets 'Invalid function name"
            + " specification' and the close")
    void invalidPatternIsFatal() {
        try (WsClient c = WsClient.connect(runtime.uplinkUri())) {
            c.send("{\"key\": \"" + KEY + "\", \"v\": 8}");
            c.send("{\"type\": \"REGISTER\", \"name\": \"http:/a((\"}");
            assertThat(c.nextJson().get("priv").asText()).isEqualTo("uplink");
            JsonNode error = c.nextJson();
            assertThat(error.get("error").asText()).isEqualTo("Invalid function name specification");
            assertThat(c.awaitClose()).isEqualTo(1000);
        }
        assertThat(get("/_/api/a((").status()).isEqualTo(404);
    }
}
