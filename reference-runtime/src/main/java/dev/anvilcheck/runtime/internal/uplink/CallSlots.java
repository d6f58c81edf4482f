package dev.anvilcheck.runtime.internal.uplink;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

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
 *
 * <p>No lock is shared by the socket's reader and the threads that run calls (issue 13: with one
 * monitor, most calls' threads blocked on it at least once, on two cores a context switch each):
 * the count of slots in use is an atomic counter and the waiting calls a lock-free queue. A call
 * that finds the slots full is queued and the slots checked again, and a slot given back is followed
 * by the same check, so a call is never left waiting while a slot is free; while any call waits, a
 * new one waits behind it. Each slot has its own lock for its thread, which {@link #close()} takes
 * to interrupt it.
 *
 * <p>The socket's reader may {@linkplain #defer defer} starting the calls of one read until it has
 * read them all ({@link #startDeferred()}, issue 13, third pass): meanwhile a slot whose call ends
 * takes them as it takes waiting calls, instead of going back to the pool and parking while a new
 * thread is woken. Deferring never makes a call wait for a running one, since the reader starts
 * what is left as soon as its read is done, and never more than {@link #DEFERRED_AT_MOST} are deferred.
 *
 * <p>Waiting calls are started one thread at a time (issue 13, fifth pass): a thread started for a
 * waiting call starts the next one's before it runs its own, so each waiting call has a thread as
 * soon as a slot is free, while a burst of short calls, which the first threads finish and take
 * from the queue themselves, wakes a few threads rather than one per call. The socket's reader may
 * also {@linkplain #takeLone take} a call that is the connection's only one, to run it itself.
 */
final class CallSlots {
    /** What became of a call handed to {@link #submit}. */
    enum Admission { STARTED, WAITING, REFUSED }

    /** At most this many calls wait for {@link #startDeferred()}; beyond, they start (or wait) at once. */
    static final int DEFERRED_AT_MOST = 16;

    private final Executor workers;
    private final int limit;
    private final int maxWaiting;
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    /** The size of {@link #waiting}, reserved before a call is queued. */
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final Set<Slot> running = ConcurrentHashMap.newKeySet();
    /** The counted slots in use: threads that run, or are about to run, waiting calls. */
    private final AtomicInteger counted = new AtomicInteger();
    private volatile boolean closed;

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
    Admission submit(Runnable call) {
        if (closed) {
            return Admission.REFUSED;
        }
        // a free slot is taken only when no call waits, so that calls start in arrival order
        while (waitingCount.get() == 0) {
            int c = counted.get();
            if (c >= limit) {
                break;
            }
            if (counted.compareAndSet(c, c + 1)) {
                if (!start(call, true)) {
                    counted.decrementAndGet();
                    return Admission.REFUSED;
                }
                return Admission.STARTED;
            }
        }
        if (waitingCount.incrementAndGet() > maxWaiting) {
            waitingCount.decrementAndGet();
            return Admission.REFUSED;
        }
        waiting.add(call);
        // a slot may have been given back since the count was read
        startWaiting();
        return Admission.WAITING;
    }

    /**
     * Queues {@code call} behind any waiting ones, to be started by {@link #startDeferred()} or taken
     * by a slot that ends first; as {@link #submit} when {@link #DEFERRED_AT_MOST} calls already wait.
     * Only the socket's reader defers, and it calls {@link #startDeferred()} when its read is done.
     */
    Admission defer(Runnable call) {
        if (closed) {
            return Admission.REFUSED;
        }
        if (waitingCount.get() >= DEFERRED_AT_MOST) {
            startWaiting();
            return submit(call);
        }
        waitingCount.incrementAndGet();
        waiting.add(call);
        return Admission.WAITING;
    }

    /** Starts the calls {@linkplain #defer deferred} (and any waiting), in order, while counted slots are free ({@link #startWaiting()}). */
    void startDeferred() {
        startWaiting();
    }

    /**
     * The one call {@linkplain #defer deferred}, with its slot, for the socket's reader to run on its
     * own thread, if it is the connection's only call: no counted slot is in use and no other call
     * waits. Running the returned slot runs the call, then any calls that came to wait meanwhile,
     * as a worker's slot does, and gives the slot back.
     *
     * @return the slot to run, or {@code null} (then {@link #startDeferred()} starts what waits)
     */
    Runnable takeLone() {
        if (closed || waitingCount.get() != 1 || !counted.compareAndSet(0, 1)) {
            return null;
        }
        Runnable call = pollWaiting();
        if (call == null) {
            counted.decrementAndGet();
            return null;
        }
        Slot slot = new Slot(call, true);
        running.add(slot);
        if (closed) {
            // close() may have missed this slot; it never runs
            running.remove(slot);
            counted.decrementAndGet();
            return null;
        }
        return slot;
    }

    /**
     * Starts the first waiting call on a thread of its own, if a counted slot is free. Each thread
     * so started starts the next waiting call the same way before it runs its own ({@link Slot#run}),
     * so every waiting call still finds a thread while slots are free, one woken at a time: a thread
     * whose call ends takes the next waiting one itself, and on two cores a burst of short calls
     * wakes a few threads instead of one each (issue 13, fifth pass).
     */
    private void startWaiting() {
        while (!closed && waitingCount.get() > 0) {
            int c = counted.get();
            if (c >= limit) {
                return;
            }
            if (!counted.compareAndSet(c, c + 1)) {
                continue;
            }
            Runnable next = pollWaiting();
            if (next == null) {
                // another thread took it (its call is queued but not yet visible, or was taken)
                counted.decrementAndGet();
                if (waiting.isEmpty()) {
                    return;
                }
                continue;
            }
            if (!start(next, true)) {
                counted.decrementAndGet();
            }
            return;
        }
    }

    private Runnable pollWaiting() {
        Runnable next = waiting.poll();
        if (next != null) {
            waitingCount.decrementAndGet();
        }
        return next;
    }

    /** Runs {@code call} at once, outside the count (the caller bounds how many it runs so); false when closed. */
    boolean runAside(Runnable call) {
        return !closed && start(call, false);
    }

    private boolean start(Runnable call, boolean isCounted) {
        Slot slot = new Slot(call, isCounted);
        running.add(slot);
        if (closed) {
            // close() may have missed this slot; it never runs
            running.remove(slot);
            return false;
        }
        try {
            workers.execute(slot);
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(slot);
            return false;
        }
    }

    /** The calls running now, counted or aside. */
    int running() {
        return running.size();
    }

    /** The calls waiting for a slot. */
    int waiting() {
        return waitingCount.get();
    }

    /**
     * The connection is gone: waiting calls are dropped and running ones interrupted; later
     * calls are refused.
     *
     * @return how many calls were interrupted and how many dropped: {@code {interrupted, dropped}}
     */
    int[] close() {
        closed = true;
        int dropped = 0;
        while (pollWaiting() != null) {
            dropped++;
        }
        int interrupted = 0;
        for (Slot slot : running) {
            if (slot.interrupt()) {
                interrupted++;
            }
        }
        return new int[] {interrupted, dropped};
    }

    /** A thread's turn: its call, then, for a counted slot, the calls waiting, in order. */
    private final class Slot implements Runnable {
        private Runnable call;
        private final boolean isCounted;
        /** The thread while it runs a call, so that {@link #close()} may interrupt it; guarded by this slot. */
        private Thread thread;

        Slot(Runnable call, boolean isCounted) {
            this.call = call;
            this.isCounted = isCounted;
        }

        /** Interrupts the call running in this slot, if one is; whether one was. */
        synchronized boolean interrupt() {
            if (thread == null) {
                return false;
            }
            thread.interrupt();
            return true;
        }

        @Override
        public void run() {
            while (call != null) {
                synchronized (this) {
                    if (closed) {
                        end();
                        return;
                    }
                    thread = Thread.currentThread();
                }
                if (isCounted) {
                    // the next waiting call gets a thread now, whatever this call does
                    startWaiting();
                }
                try {
                    call.run();
                } finally {
                    synchronized (this) {
                        thread = null;
                    }
                    // an interrupt of the call just ended (the connection went) must not reach the next
                    // call this pooled thread runs
                    Thread.interrupted();
                    Runnable next = isCounted && !closed ? pollWaiting() : null;
                    if (next == null) {
                        end();
                    }
                    call = next;
                }
            }
        }

        /** Gives the slot back, then starts a call that was queued meanwhile, if any. */
        private void end() {
            running.remove(this);
            call = null;
            if (isCounted) {
                counted.decrementAndGet();
                startWaiting();
            }
        }
    }
}
