package dev.anvilcheck.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The loopback listener: same answers as in memory, the real origin, and a clean close (MISC-01, HTTP-02). */
class HttpListenerTest {
    private static final Set<String> IGNORED = Set.of("content-length", "connection", "date");

    private static RawHttpResponse overSocket(HttpClient client, URI origin, RawHttpRequest request)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin + request.target()))
                .timeout(Duration.ofSeconds(10))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new RawHttpResponse(r.statusCode(), r.headers().map(), r.body());
    }

    private static Map<String, List<String>> comparable(RawHttpResponse r) {
        return r.headers().entrySet().stream().filter(e -> !IGNORED.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Set<String> httpThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("anvilcheck-http")).collect(Collectors.toSet());
    }

    @Test
    void answersOverTheSocketAsInMemoryAndClosesCleanly() throws Exception {
        URI origin;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (AnvilRuntime runtime = AnvilRuntime.builder().maxHttpBody(64).build()) {
            runtime.registerEndpoint(Endpoint.http("/users/:id").withMethods("GET", "PUT").withCors(),
                    a -> Map.of("id", a.kw("id"), "q", String.valueOf(a.kw("q"))));
            runtime.registerEndpoint(Endpoint.http("/boom"), a -> {
                throw new IllegalStateException("x");
            });
            runtime.registerEndpoint(Endpoint.route("/origin"), a -> AnvilServer.getAppOrigin() + " "
                    + AnvilServer.getApiOrigin() + " " + AnvilServer.request().remoteAddress());
            runtime.registerEndpoint(Endpoint.wellknown("/w"), a -> AnvilServer.request().path());
            origin = runtime.listen();
            assertThat(runtime.listen()).as("listen() twice keeps one listener").isEqualTo(origin);
            assertThat(origin.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            List<RawHttpRequest> requests = List.of(
                    RawHttpRequest.get("/_/api/users/John%20Smith?q=1"),
                    RawHttpRequest.of("PUT", "/_/api/users/7").withBody("application/json", "{}"),
                    RawHttpRequest.of("DELETE", "/_/api/users/7"),
                    RawHttpRequest.of("OPTIONS", "/_/api/users/7").withHeader("Access-Control-Request-Headers", "x-a"),
                    RawHttpRequest.get("/_/api/nothing"),
                    RawHttpRequest.get("/_/api/boom"),
                    RawHttpRequest.get("/.well-known/w"),
                    RawHttpRequest.get("/_/api/users/1").withHeader("Authorization", "Basic %%%"),
                    RawHttpRequest.of("POST", "/_/api/users/1").withBody("text/plain", new byte[65]));
            for (RawHttpRequest request : requests) {
                RawHttpResponse memory = runtime.http().send(request);
                RawHttpResponse socket = overSocket(client, origin, request);
                assertThat(socket.status()).as(request.toString()).isEqualTo(memory.status());
                assertThat(socket.body()).as(request.toString()).isEqualTo(memory.body());
                assertThat(comparable(socket)).as(request.toString()).isEqualTo(comparable(memory));
            }
            String expected = origin + " " + origin + "/_/api 127.0.0.1";
            assertThat(overSocket(client, origin, RawHttpRequest.get("/origin")).text()).isEqualTo(expected);
            runtime.register("origin_fn", a -> AnvilServer.getAppOrigin());
            assertThat(runtime.serverModule().call("origin_fn")).isEqualTo(origin.toString());
            assertThat(httpThreads()).isNotEmpty();
        }
        assertThat(httpThreads()).as("threads left after close").isEmpty();
        try (ServerSocket again = new ServerSocket(origin.getPort(), 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the port is released").isEqualTo(origin.getPort());
        }
    }

    @Test
    void withoutListeningTheConfiguredOriginIsUsed() {
        try (AnvilRuntime runtime = AnvilRuntime.builder().appOrigin("https://my-app.example").build()) {
            runtime.register("origin_fn", a -> List.of(AnvilServer.getAppOrigin(), AnvilServer.getApiOrigin(),
                    AnvilServer.getAppOrigin("published")));
            assertThat(runtime.serverModule().call("origin_fn")).isEqualTo(List.of("https://my-app.example",
                    "https://my-app.example/_/api", "https://my-app.example"));
        }
    }
}
