package dev.anvilcheck.soak.internal;

import dev.anvilcheck.uplink.Uplink;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The steady client: the project's own Java {@link Uplink} with the server key, calling
 * {@code echo} every 10 to 50 ms (seeded) for the whole run, as a well-behaved app would while
 * others abuse the server. Each call's latency is recorded; a call that takes longer than the hang
 * threshold (2 s) is a HANG, with the time it started; an answer that is not what was sent, or an
 * error, is a failure. The client reconnects by itself if the server drops it, and the number of
 * connections it needed is reported.
 *
 * @since 0.1
 */
public final class SteadyClient implements AutoCloseable {
    private static final long GIVE_UP_MILLIS = 30_000;

    private final Uplink uplink;
    private final Random random;
    private final long hangMillis;
    private final ExecutorService calls = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "soak-steady-call");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private long[] latenciesMicros = new long[1 << 16];
    private int count;
    private long failures;
    private long wrongAnswers;
    private long hangCount;
    private final List<String> hangs = new ArrayList<>();
    private final List<String> failureSamples = new ArrayList<>();
    private volatile boolean running = true;
    private long sequence;

    /**
     * Connects with the server key.
     *
     * @param uplinkUrl serve mode's {@code uplink:} address
     * @param serverKey the server uplink key
     * @param seed the run's seed, for the pauses between calls
     * @param hangMillis a call longer than this is a hang
     * @since 0.1
     */
    public SteadyClient(URI uplinkUrl, String serverKey, long seed, long hangMillis) {
        this.uplink = Uplink.builder(uplinkUrl, serverKey).reconnectDelays(Duration.ofMillis(200), Duration.ofSeconds(1))
                .connect();
        this.random = new Random(seed ^ 0x5EADL);
        this.hangMillis = hangMillis;
    }

    /**
     * Makes {@code n} calls one after another without pauses and without recording them (the
     * warm-up before the baseline is measured).
     *
     * @param n how many
     * @since 0.1
     */
    public void warmUp(int n) {
        for (int i = 0; i < n; i++) {
            uplink.call("echo", "warm-up " + i);
        }
        uplink.call("sleep", 0.001);
        uplink.call("media_echo", new dev.anvilcheck.media.BlobMedia("text/plain", new byte[70_000], "w.txt"));
    }

    /**
     * Calls until {@link #stop()}: one call, then a pause of 10 to 50 ms.
     *
     * @since 0.1
     */
    public void run() {
        while (running) {
            callOnce();
            try {
                Thread.sleep(10 + random.nextInt(41));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void callOnce() {
        String value = "steady-" + (++sequence);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Future<Object> f = calls.submit(() -> uplink.call("echo", value));
        Object answer;
        try {
            try {
                answer = f.get(hangMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                synchronized (lock) {
                    hangCount++;
                    hangs.add(started + " echo(\"" + value + "\") took longer than " + hangMillis + " ms");
                }
                try {
                    answer = f.get(GIVE_UP_MILLIS - hangMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stuck) {
                    f.cancel(true);
                    synchronized (lock) {
                        hangs.add(started + " echo(\"" + value + "\") had no answer after " + GIVE_UP_MILLIS + " ms");
                        failures++;
                    }
                    record(System.nanoTime() - t0);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.util.concurrent.ExecutionException e) {
            record(System.nanoTime() - t0);
            synchronized (lock) {
                failures++;
                if (failureSamples.size() < 10) {
                    failureSamples.add(started + " " + e.getCause());
                }
            }
            return;
        }
        record(System.nanoTime() - t0);
        if (!Objects.equals(value, answer)) {
            synchronized (lock) {
                wrongAnswers++;
                if (failureSamples.size() < 10) {
                    failureSamples.add(started + " echo(\"" + value + "\") answered " + answer);
                }
            }
        }
    }

    private void record(long nanos) {
        synchronized (lock) {
            if (count == latenciesMicros.length) {
                latenciesMicros = Arrays.copyOf(latenciesMicros, count * 2);
            }
            latenciesMicros[count++] = nanos / 1000;
        }
    }

    /**
     * Stops calling after the current call.
     *
     * @since 0.1
     */
    public void stop() {
        running = false;
    }

    /**
     * What the steady client saw.
     *
     * @return its summary
     * @since 0.1
     */
    public SoakReport.Steady summary() {
        synchronized (lock) {
            long[] sorted = Arrays.copyOf(latenciesMicros, count);
            Arrays.sort(sorted);
            return new SoakReport.Steady(count, failures, wrongAnswers, hangCount, millis(sorted, 0.50),
                    millis(sorted, 0.99), count == 0 ? 0 : sorted[count - 1] / 1000.0, uplink.connections(),
                    List.copyOf(hangs.subList(0, Math.min(20, hangs.size()))), List.copyOf(failureSamples));
        }
    }

    private static double millis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1000.0;
    }

    /**
     * Disconnects.
     *
     * @since 0.1
     */
    @Override
    public void close() {
        running = false;
        calls.shutdownNow();
        uplink.close();
    }
}
