package dev.anvilcheck.runtime.serve;

import dev.anvilcheck.runtime.AppLog;
import java.io.PrintWriter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Serve mode's console for the app log: entries are handed over without blocking the thread that
 * wrote them (a call's, a socket's) and printed by one daemon thread, so a parent process that
 * reads standard error slowly, or never, cannot stall the runtime. At most {@code capacity}
 * entries wait; beyond that entries are dropped, and the next line printed says how many.
 */
final class AppLogConsole implements Consumer<AppLog.Entry>, AutoCloseable {
    private final PrintWriter err;
    private final BlockingQueue<AppLog.Entry> waiting;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    AppLogConsole(PrintWriter err, int capacity) {
        this.err = err;
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "anvilcheck-serve-app-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void accept(AppLog.Entry entry) {
        if (!waiting.offer(entry)) {
            dropped.incrementAndGet();
        }
    }

    private void drain() {
        try {
            while (!closing || !waiting.isEmpty()) {
                AppLog.Entry entry = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (entry != null) {
                    long lost = dropped.getAndSet(0);
                    if (lost > 0) {
                        err.println("(" + lost + " app log entries dropped: standard error is not read fast enough)");
                    }
                    err.println(entry.format());
                    err.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints what waits, then stops the writer; waits at most a few seconds for a stalled stream. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
