package dev.anvilcheck.runtime.internal.uplink;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where the calls one uplink makes wait for a thread (issue 13 F9): at most {@code limit} run at
 * once; later ones wait in arrival order, at most {@code maxWaiting} of them, and one beyond is
 * refused (its caller answers it with an error). A thread whose call ends takes the next waiting
 * one, so a connection never has more than {@code limit} of these threads, and nothing here
 * blocks the socket's reader. A call nested in a call the server is making to the uplink runs
 * {@linkplain #runAside aside}, outside the count: its ancestor may hold the last slot while it
 * waits for the uplink, which waits for the nested call. When the connection goes,
 * {@link #close()} drops the waiting calls and interrupts the running ones; a thread's interrupt
 * never outlives its call.
 */
final class CallSlots {
    /** What became of a call handed to {@link #submit}. */
    enum Admission { STARTED, WAITING, REFUSED }

    private final Executor workers;
    private final int limit;
    private final int maxWaiting;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private final Set<Slot> running = new HashSet<>();
    /** The counted slots in use: threads that run, or are about to run, waiting calls. */
    private int counted;
    private boolean closed;

    /**
     * @param workers the threads
     * @param limit calls running at once, at least 1
     * @param maxWaiting calls waiting at most
     */
    CallSlots(Executor workers, int limit, int maxWaiting) {
        this.workers = workers;
        this.limit = limit;
        this.maxWaiting = maxWaiting;
    }

    /** How many calls may wait behind {@code limit} running ones: 16 times as many, at least 256. */
    static int maxWaiting(int limit) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(256L, 16L * limit));
    }

    /** Runs {@code call} on a thread of its own if fewer than the limit run, else queues it; refused when full or closed. */
    synchronized Admission submit(Runnable call) {
        if (closed) {
            return Admission.REFUSED;
        }
        if (counted < limit) {
            counted++;
            if (!start(call, true)) {
                counted--;
                return Admission.REFUSED;
            }
            return Admission.STARTED;
        }
        if (waiting.size() >= maxWaiting) {
            return Admission.REFUSED;
        }
        waiting.add(call);
        return Admission.WAITING;
    }

    /** Runs {@code call} at once, outside the count (the caller bounds how many it runs so); false when closed. */
    synchronized boolean runAside(Runnable call) {
        return !closed && start(call, false);
    }

    /** Under the lock. */
    private boolean start(Runnable call, boolean isCounted) {
        Slot slot = new Slot(call, isCounted);
        running.add(slot);
        try {
            workers.execute(slot);
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(slot);
            return false;
        }
    }

    /** The calls running now, counted or aside. */
    synchronized int running() {
        return running.size();
    }

    /** The calls waiting for a slot. */
    synchronized int waiting() {
        return waiting.size();
    }

    /**
     * The connection is gone: waiting calls are dropped and running ones interrupted; later
     * calls are refused.
     *
     * @return how many calls were interrupted and how many dropped: {@code {interrupted, dropped}}
     */
    synchronized int[] close() {
        closed = true;
        int dropped = waiting.size();
        waiting.clear();
        int interrupted = 0;
        for (Slot slot : running) {
            if (slot.thread != null) {
                slot.thread.interrupt();
                interrupted++;
            }
        }
        return new int[] {interrupted, dropped};
    }

    /** A thread's turn: its call, then, for a counted slot, the calls waiting, in order. */
    private final class Slot implements Runnable {
        private Runnable call;
        private final boolean isCounted;
        /** The thread while it runs a call, so that {@link #close()} may interrupt it; guarded by the lock. */
        private Thread thread;

        Slot(Runnable call, boolean isCounted) {
            this.call = call;
            this.isCounted = isCounted;
        }

        @Override
        public void run() {
            while (call != null) {
                synchronized (CallSlots.this) {
                    if (closed) {
                        end();
                        return;
                    }
                    thread = Thread.currentThread();
                }
                try {
                    call.run();
                } finally {
                    Runnable next;
                    synchronized (CallSlots.this) {
                        thread = null;
                        next = isCounted && !closed ? waiting.poll() : null;
                        if (next == null) {
                            end();
                        }
                    }
                    // an interrupt of the call just ended (the connection went) must not reach the next
                    // call this pooled thread runs
                    Thread.interrupted();
                    call = next;
                }
            }
        }

        /** Under the lock: gives the slot back. */
        private void end() {
            running.remove(this);
            if (isCounted) {
                counted--;
            }
            call = null;
        }
    }
}
