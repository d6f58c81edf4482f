package dev.anvilcheck.runtime.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces call deadlines (ERR-06) by the runtime's clock. With a fake clock, the runtime calls
 * {@link #expire(Instant)} whenever a test advances time; with any other clock, one daemon thread,
 * started on first use and stopped by {@link #close()}, checks every few milliseconds. A call past
 * its deadline has its thread interrupted and fails with {@code TimeoutError} when its body ends.
 */
public final class DeadlineWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 10;

    private final Clock clock;
    private final boolean polled;
    private final Set<ActiveCall> inFlight = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService poller;
    private boolean closed;

    /**
     * @param clock the runtime's clock
     * @param polled whether to poll the clock; false when the clock reports its advances
     */
    public DeadlineWatch(Clock clock, boolean polled) {
        this.clock = clock;
        this.polled = polled;
    }

    void started(ActiveCall call) {
        inFlight.add(call);
        if (polled) {
            ensurePoller();
        }
    }

    boolean finished(ActiveCall call) {
        inFlight.remove(call);
        return call.finish(clock.millis());
    }

    /**
     * Times out every call whose deadline {@code now} has reached: the platform's worker timer
     * fires once the limit has elapsed, so a call still running at exactly its deadline times out
     * ({@code anvil_downlink_host/full_python/worker.py}, a {@code threading.Timer}; ERR-06).
     *
     * @param now the clock's new time
     */
    public void expire(Instant now) {
        long nowMillis = now.toEpochMilli();
        for (ActiveCall call : inFlight) {
            if (nowMillis >= call.deadline()) {
                call.timeOut();
            }
        }
    }

    private synchronized void ensurePoller() {
        if (poller != null || closed) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "anvilcheck-deadlines");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> expire(clock.instant()), POLL_MILLIS, POLL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Stops the polling thread, if one was started. */
    @Override
    @OutsideTheSpecification("the runtime's own lifecycle: no clause speaks of closing a runtime")
    public synchronized void close() {
        closed = true;
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
