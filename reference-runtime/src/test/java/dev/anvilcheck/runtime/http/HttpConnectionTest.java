package dev.anvilcheck.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.AppLog;
import dev.anvilcheck.runtime.ListenerLimits;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.media.Media;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One connection of the loopback listener as a client that is not a JDK client sees it: pipelined
 * requests answered in order and all of them (RFC 9112 §9.3.2), a half-closed client still
 * answered, silent and slow clients closed by the {@link ListenerLimits} timeouts, connections
 * beyond the cap refused, and the framing details (HEAD, chunked bodies, 100-continue, 400, 413)
 * kept. Issue 13 F3, F5, F6.
 */
class HttpConnectionTest {
    private static final Duration READ = Duration.ofSeconds(10);

    private AnvilRuntime runtime;
    private final ExecutorService helpers = Executors.newCachedThreadPool();

    private URI listen(ListenerLimits limits) {
        runtime = AnvilRuntime.builder().maxHttpBody(1 << 20).listenerLimits(limits).build();
        runtime.registerEndpoint(Endpoint.http("/n/:i"), a -> a.kw("i"));
        runtime.registerEndpoint(Endpoint.http("/echo").withMethods("GET", "HEAD", "POST"), a -> {
            Media body = AnvilServer.request().body();
            return body == null ? "none" : new String(body.getBytes(), StandardCharsets.UTF_8);
        });
        return runtime.listen();
    }

    private URI listen() {
        return listen(ListenerLimits.defaults());
    }

    @AfterEach
    void close() {
        helpers.shutdownNow();
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        URI origin = listen();
        CountDownLatch firstAnswerRead = new CountDownLatch(1);
        // the first request finishes last unless responses wait for it: it waits (boundedly) until
        // the client has read an answer, which only a later request can give if order is broken
        runtime.registerEndpoint(Endpoint.http("/slow"), a -> {
            firstAnswerRead.await(300, TimeUnit.MILLISECONDS);
            return "slow";
        });
        try (RawHttpClient client = new RawHttpClient(origin, READ)) {
            StringBuilder pipelined = new StringBuilder(RawHttpClient.get("/_/api/slow"));
            for (int i = 1; i < 5; i++) {
                pipelined.append(RawHttpClient.get("/_/api/n/" + i));
            }
            client.send(pipelined.toString());
            List<String> answers = new ArrayList<>();
            answers.add(client.read().text());
            firstAnswerRead.countDown();
            for (int i = 1; i < 5; i++) {
                answers.add(client.read().text());
            }
            assertThat(answers).containsExactly("slow", "1", "2", "3", "4");
        }
    }

    @Test
    void everyPipelinedRequestGetsItsAnswerEvenBeyondHowManyAreReadAhead() throws Exception {
        URI origin = listen();
        int count = 2_000;
        try (RawHttpClient client = new RawHttpClient(origin, READ)) {
            Future<?> writer = helpers.submit(() -> {
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    batch.append(RawHttpClient.get("/_/api/n/" + i));
                    if (batch.length() > 16_000 || i == count - 1) {
                        client.send(batch.toString());
                        batch.setLength(0);
                    }
                }
                return null;
            });
            for (int i = 0; i < count; i++) {
                RawHttpClient.Response response = client.read();
                assertThat(response.status()).as("answer %d", i).isEqualTo(200);
                assertThat(response.text()).as("answer %d", i).isEqualTo(String.valueOf(i));
            }
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestAlwaysGetsTheWholeResponse() throws Exception {
        URI origin = listen();
        for (int round = 0; round < 60; round++) {
            try (RawHttpClient client = new RawHttpClient(origin, READ)) {
                client.send(RawHttpClient.get("/_/api/n/" + round) + RawHttpClient.get("/_/api/n/again"));
                client.shutdownOutput();
                assertThat(client.read().text()).as("round %d", round).isEqualTo(String.valueOf(round));
                assertThat(client.read().text()).as("round %d", round).isEqualTo("again");
                assertThat(client.closedByServer()).as("closed after the last answer, round %d", round).isTrue();
            }
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        URI origin = listen(ListenerLimits.defaults().withIdleTimeout(Duration.ofMillis(300)));
        try (RawHttpClient silent = new RawHttpClient(origin, READ)) {
            assertThat(silent.closedByServer()).isTrue();
        }
        try (RawHttpClient keptAlive = new RawHttpClient(origin, READ)) {
            keptAlive.send(RawHttpClient.get("/_/api/n/1"));
            assertThat(keptAlive.read().text()).isEqualTo("1");
            assertThat(keptAlive.closedByServer()).as("closed while idle between requests").isTrue();
        }
    }

    @Test
    void aRequestHeadTrickledTooSlowlyIsClosedAfterTheHeadTimeout() throws Exception {
        URI origin = listen(ListenerLimits.defaults().withIdleTimeout(Duration.ofSeconds(60))
                .withRequestHeadTimeout(Duration.ofMillis(300)));
        try (RawHttpClient slowloris = new RawHttpClient(origin, READ)) {
            slowloris.send("GET /_/api/n/1 HTTP/1.1\r\n");
            AtomicBoolean stop = new AtomicBoolean();
            Future<?> trickle = helpers.submit(() -> {
                // one header byte at a time, each well within the idle timeout
                while (!stop.get()) {
                    slowloris.send("x");
                    Thread.sleep(20);
                }
                return null;
            });
            try {
                assertThat(slowloris.closedByServer()).isTrue();
            } finally {
                stop.set(true);
            }
            trickle.cancel(true);
        }
    }

    @Test
    void anEndpointStillRunningIsNotCutByTheIdleTimeout() throws Exception {
        URI origin = listen(ListenerLimits.defaults().withIdleTimeout(Duration.ofMillis(200)));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runtime.registerEndpoint(Endpoint.http("/long"), a -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done";
        });
        try (RawHttpClient busy = new RawHttpClient(origin, READ)) {
            busy.send(RawHttpClient.get("/_/api/long"));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // a witness opened now is closed once an idle timeout has passed
            try (RawHttpClient witness = new RawHttpClient(origin, READ)) {
                assertThat(witness.closedByServer()).isTrue();
            }
            release.countDown();
            assertThat(busy.read().text()).isEqualTo("done");
        }
    }

    @Test
    void connectionsBeyondTheCapAreClosedAtAcceptAndLoggedOnceInAWhile() throws Exception {
        URI origin = listen(ListenerLimits.defaults().withConnections(3));
        List<RawHttpClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                RawHttpClient c = new RawHttpClient(origin, READ);
                held.add(c);
                c.send(RawHttpClient.get("/_/api/n/" + i));
                assertThat(c.read().text()).isEqualTo(String.valueOf(i));
            }
            for (int i = 0; i < 20; i++) {
                try (RawHttpClient refused = new RawHttpClient(origin, READ)) {
                    assertThat(refused.closedByServer()).as("connection %d beyond the cap", i).isTrue();
                }
            }
            List<AppLog.Entry> refusals = runtime.appLog().entries().stream()
                    .filter(e -> e.message().contains("connection")).toList();
            assertThat(refusals).as("one entry for the burst, not one per connection").hasSize(1);
            assertThat(refusals.get(0).level()).isEqualTo(AppLog.Level.WARNING);
            assertThat(refusals.get(0).message()).contains("3");

            held.remove(0).close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String answer = null;
            while (answer == null && System.nanoTime() < deadline) {
                // a slot frees once the server has seen the close; until then a new one is refused
                try (RawHttpClient again = new RawHttpClient(origin, READ)) {
                    again.send(RawHttpClient.get("/_/api/n/freed"));
                    answer = again.read().text();
                } catch (IOException refusedStill) {
                    Thread.onSpinWait();
                }
            }
            assertThat(answer).isEqualTo("freed");
        } finally {
            for (RawHttpClient c : held) {
                c.close();
            }
        }
    }

    @Test
    void headChunkedContinueBadAndTooLargeKeepTheirFraming() throws Exception {
        URI origin = listen();
        try (RawHttpClient client = new RawHttpClient(origin, READ)) {
            client.send("HEAD /_/api/echo HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttpClient.Response head = client.read(false);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.headers().get("content-length")).isEqualTo("4");
            client.send("POST /_/api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
            assertThat(client.read().text()).isEqualTo("abcde");
            client.send("POST /_/api/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                    + "Expect: 100-continue\r\n\r\n");
            assertThat(client.read(false).status()).isEqualTo(100);
            client.send("hi");
            assertThat(client.read().text()).isEqualTo("hi");
        }
        try (RawHttpClient client = new RawHttpClient(origin, READ)) {
            client.send("NOT HTTP AT ALL\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(400);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawHttpClient client = new RawHttpClient(origin, READ)) {
            client.send("POST /_/api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + ((1 << 20) + 1) + "\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(413);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawHttpClient client = new RawHttpClient(origin, READ)) {
            client.send("POST /_/api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            client.send(Integer.toHexString((1 << 20) + 1) + "\r\n" + "x".repeat((1 << 20) + 1) + "\r\n0\r\n\r\n");
            assertThat(client.read().status()).isEqualTo(413);
            assertThat(client.closedByServer()).isTrue();
        }
        try (RawHttpClient client = new RawHttpClient(origin, READ)) {
            client.send("GET /_/api/n/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" + RawHttpClient.get("/_/api/n/2"));
            RawHttpClient.Response last = client.read();
            assertThat(last.text()).isEqualTo("1");
            assertThat(last.headers().get("connection")).isEqualToIgnoringCase("close");
            assertThat(client.closedByServer()).as("nothing answered after Connection: close").isTrue();
        }
    }
}
