package dev.anvilcheck.uplink;

import static dev.anvilcheck.uplink.UplinkLog.LOG;
import static dev.anvilcheck.uplink.UplinkLog.esc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one uplink: a cached pool of daemon workers, on which incoming calls are served and
 * whatever must leave the WebSocket's listener thread runs, and the timer that runs the heartbeat and
 * the reconnection attempts, a private daemon thread unless the builder gave a scheduler, which is
 * then never shut down. Work handed over after the uplink closed is dropped with a debug record.
 */
final class UplinkThreads {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final ExecutorService workers;

    /** The threads of a new uplink, on {@code scheduler} if not {@code null}, else on a private timer. */
    UplinkThreads(ScheduledExecutorService scheduler) {
        this.ownScheduler = scheduler == null;
        this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(daemon("uplink-timer"))
                : scheduler;
        this.workers = Executors.newCachedThreadPool(daemon("uplink-call"));
    }

    private static ThreadFactory daemon(String prefix) {
        return r -> {
            Thread t = new Thread(r, prefix + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The timer of the heartbeat and the reconnection attempts. */
    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Runs {@code task} on a worker thread, or drops it if the uplink is closed. */
    void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "uplink closed; dropped a task: {0}", esc(e.toString()));
        }
    }

    /** Stops the workers and the private timer, if any, waiting up to 5 s for each. */
    void shutdown() {
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
        workers.shutdownNow();
        try {
            if (ownScheduler) {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
