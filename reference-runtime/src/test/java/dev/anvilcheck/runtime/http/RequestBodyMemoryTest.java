package dev.anvilcheck.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Endpoint;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a request body costs the listener in heap: the bytes allocated by every thread but the
 * client's while one request is received and served, against the size of its body (issue 13 F4).
 * The JDK counts allocation per thread ({@code com.sun.management.ThreadMXBean}), which does not
 * depend on timing; the endpoint only asks the body's length, so what is counted is the runtime's.
 */
class RequestBodyMemoryTest {
    private static final int BODY = 16 << 20;

    @Test
    void aRequestBodyIsHeldOnceNotCopiedOnItsWay() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        byte[] body = new byte[BODY];
        byte[] head = ("POST /_/api/size HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + BODY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (AnvilRuntime runtime = AnvilRuntime.builder().build()) {
            runtime.registerEndpoint(Endpoint.http("/size"), a -> AnvilServer.request().body().length());
            URI origin = runtime.listen();
            double best = Double.MAX_VALUE;
            try (RawHttpClient client = new RawHttpClient(origin, Duration.ofSeconds(30))) {
                for (int round = 0; round < 4; round++) {
                    Map<Long, Long> before = allocated(threads);
                    client.send(head).send(body);
                    assertThat(client.read().text()).isEqualTo(String.valueOf(BODY));
                    long spent = spentSince(threads, before);
                    if (round > 0) { // the first round warms up buffers and classes
                        best = Math.min(best, (double) spent / BODY);
                    }
                }
            }
            System.out.printf("request body of %d bytes: %.2f times its size allocated%n", BODY, best);
            assertThat(best).as("heap allocated per byte of request body").isLessThanOrEqualTo(1.5);
        }
    }

    private static Map<Long, Long> allocated(com.sun.management.ThreadMXBean threads) {
        Map<Long, Long> out = new HashMap<>();
        long self = Thread.currentThread().getId();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getId() != self) {
                out.put(t.getId(), threads.getThreadAllocatedBytes(t.getId()));
            }
        }
        return out;
    }

    private static long spentSince(com.sun.management.ThreadMXBean threads, Map<Long, Long> before) {
        long spent = 0;
        for (Map.Entry<Long, Long> now : allocated(threads).entrySet()) {
            if (now.getValue() > 0) {
                spent += now.getValue() - before.getOrDefault(now.getKey(), 0L);
            }
        }
        return spent;
    }
}
