package dev.anvilcheck.soak.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the load stops, shared by every driver: after {@code --frames} fuzz frames, after
 * {@code --duration}, or at once when {@link #stop(String)} is called (a crash, the end of a
 * replay). It also spreads the few oversize frames evenly over the run. Thread-safe.
 *
 * @since 0.1
 */
public final class RunControl {
    private final long frameLimit;
    private final long durationNanos;
    private final int oversizeBudget;
    private final long start = System.nanoTime();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicInteger oversizeSent = new AtomicInteger();
    private volatile String stopped;

    /**
     * @param frameLimit stop after this many fuzz frames (0: no limit)
     * @param duration stop after this long ({@code null}: no limit)
     * @param oversizeBudget how many frames over 16 MiB to send in all
     * @since 0.1
     */
    public RunControl(long frameLimit, Duration duration, int oversizeBudget) {
        if (frameLimit <= 0 && duration == null) {
            throw new IllegalArgumentException("a run needs --frames or --duration");
        }
        this.frameLimit = frameLimit;
        this.durationNanos = duration == null ? 0 : duration.toNanos();
        this.oversizeBudget = oversizeBudget;
    }

    /**
     * Whether the load must stop; records why the first time it finds so.
     *
     * @return whether to stop
     * @since 0.1
     */
    public boolean done() {
        if (stopped != null) {
            return true;
        }
        if (frameLimit > 0 && frames.get() >= frameLimit) {
            stop(frameLimit + " frames sent");
        } else if (durationNanos > 0 && System.nanoTime() - start >= durationNanos) {
            stop("duration reached");
        }
        return stopped != null;
    }

    /**
     * Stops the load.
     *
     * @param why the reason the report gives (the first one given is kept)
     * @since 0.1
     */
    public synchronized void stop(String why) {
        if (stopped == null) {
            stopped = why;
        }
    }

    /**
     * @return why the load stopped, or {@code null} while it runs
     * @since 0.1
     */
    public String stopReason() {
        return stopped;
    }

    /**
     * Counts one fuzz frame sent.
     *
     * @return the frames sent so far
     * @since 0.1
     */
    public long frameSent() {
        return frames.incrementAndGet();
    }

    /**
     * @return the fuzz frames sent so far
     * @since 0.1
     */
    public long frames() {
        return frames.get();
    }

    /**
     * How far the run is, from 0 to 1: the larger of the frame and the time fractions.
     *
     * @return the progress
     * @since 0.1
     */
    public double progress() {
        double f = frameLimit > 0 ? (double) frames.get() / frameLimit : 0;
        double t = durationNanos > 0 ? (double) (System.nanoTime() - start) / durationNanos : 0;
        return Math.min(1, Math.max(f, t));
    }

    /**
     * Whether the caller should send an oversize frame now: true once for each of the budget's
     * evenly spaced points of progress.
     *
     * @return whether to send one
     * @since 0.1
     */
    public boolean takeOversize() {
        int sent = oversizeSent.get();
        if (sent >= oversizeBudget || progress() < (sent + 1.0) / (oversizeBudget + 1)) {
            return false;
        }
        return oversizeSent.compareAndSet(sent, sent + 1);
    }
}
