package dev.anvilcheck.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedHttp;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.spi.RawHttpResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one HTTP endpoint request, {@code GET /_/api/users/7?full=true} answered with a small
 * JSON object: in memory through {@link SimulatedHttp}; over the runtime's loopback listener with
 * {@link HttpClient}; and, for scale, a WireMock stub answering the same request with the same body
 * on loopback with the same client.
 *
 * <p>Run from the shaded jar (see {@code benchmarks/README.md}):
 * {@code java -jar benchmarks/target/benchmarks.jar HttpEndpointBenchmark -f 1 -wi 2 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpEndpointBenchmark {
    private static final String TARGET = "/_/api/users/7?full=true";
    private static final String BODY = "{\"id\":\"7\",\"full\":\"true\"}";

    private AnvilRuntime runtime;
    private SimulatedHttp inMemory;
    private HttpClient client;
    private HttpRequest toRuntime;
    private WireMockServer wireMock;
    private HttpRequest toWireMock;

    /** Starts the runtime with its listener, the client and the WireMock stub, and checks each answers alike. */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        runtime = AnvilRuntime.create();
        runtime.registerEndpoint(Endpoint.http("/users/:id").withMethods("GET"),
                args -> Map.of("id", args.kw("id"), "full", args.kw("full")));
        inMemory = runtime.http();
        URI origin = runtime.listen();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        toRuntime = HttpRequest.newBuilder(URI.create(origin + TARGET)).GET().build();
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().disableRequestJournal());
        wireMock.start();
        wireMock.stubFor(get(urlPathMatching("/_/api/users/[^/]*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(BODY)));
        toWireMock = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + wireMock.port() + TARGET)).GET().build();
        check("in memory", inMemory.get(TARGET).text());
        check("runtime over loopback", client.send(toRuntime, HttpResponse.BodyHandlers.ofString()).body());
        check("WireMock over loopback", client.send(toWireMock, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void check(String what, String body) {
        if (!body.replace(" ", "").equals(BODY) && !body.equals("{\"full\":\"true\",\"id\":\"7\"}")) {
            throw new IllegalStateException(what + " answered " + body);
        }
    }

    /** Stops WireMock and the runtime (which closes its listener). */
    @TearDown(Level.Trial)
    public void tearDown() {
        wireMock.stop();
        runtime.close();
    }

    /**
     * The request in memory: routing, Dispatcher call, JSON encoding, no socket.
     *
     * @return the response
     */
    @Benchmark
    public RawHttpResponse inMemory() {
        return inMemory.get(TARGET);
    }

    /**
     * The same request over the runtime's Netty listener with the JDK client, keep-alive.
     *
     * @return the body
     * @throws Exception if the request fails
     */
    @Benchmark
    public byte[] runtimeOverLoopback() throws Exception {
        return client.send(toRuntime, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /**
     * A WireMock stub answering the same request on loopback with the same client, keep-alive.
     *
     * @return the body
     * @throws Exception if the request fails
     */
    @Benchmark
    public byte[] wireMockOverLoopback() throws Exception {
        return client.send(toWireMock, HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
