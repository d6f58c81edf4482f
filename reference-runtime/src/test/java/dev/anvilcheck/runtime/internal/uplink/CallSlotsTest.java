package dev.anvilcheck.runtime.internal.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The call slots of one connection, driven by hand on the test's thread (its executor only queues
 * what it is given): the limit, the waiting calls taken in arrival order by the slot that ends, the
 * bound on waiting calls, calls aside the count, a slot given back while a call is being queued, and
 * the close, whose interrupt never outlives the call it was for; calls deferred until the reader's
 * read is done, which a slot that ends takes first.
 */
class CallSlotsTest {
    /** An executor whose tasks run only when the test says so. */
    private static final class ByHand implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();
        boolean rejecting;

        @Override
        public void execute(Runnable task) {
            if (rejecting) {
                throw new RejectedExecutionException("closed");
            }
            tasks.add(task);
        }

        void runNext() {
            tasks.remove().run();
        }
    }

    private final ByHand threads = new ByHand();
    private final List<String> ran = new ArrayList<>();

    private Runnable call(String name) {
        return () -> ran.add(name);
    }

    @Test
    void atMostTheLimitRunAndTheRestWaitInOrderUpToTheirBound() {
        CallSlots slots = new CallSlots(threads, 2, 2);
        assertThat(slots.submit(call("a"))).isEqualTo(CallSlots.Admission.STARTED);
        assertThat(slots.submit(call("b"))).isEqualTo(CallSlots.Admission.STARTED);
        assertThat(slots.submit(call("c"))).isEqualTo(CallSlots.Admission.WAITING);
        assertThat(slots.submit(call("d"))).isEqualTo(CallSlots.Admission.WAITING);
        assertThat(slots.submit(call("e"))).isEqualTo(CallSlots.Admission.REFUSED);
        assertThat(threads.tasks).hasSize(2);
        assertThat(slots.running()).isEqualTo(2);
        assertThat(slots.waiting()).isEqualTo(2);

        // the slot that ends takes the waiting calls itself, in order: no new thread
        threads.runNext();
        assertThat(ran).containsExactly("a", "c", "d");
        assertThat(threads.tasks).hasSize(1);
        assertThat(slots.waiting()).isZero();
        assertThat(slots.running()).isEqualTo(1);
        threads.runNext();
        assertThat(ran).containsExactly("a", "c", "d", "b");
        assertThat(slots.running()).isZero();
        assertThat(slots.submit(call("f"))).isEqualTo(CallSlots.Admission.STARTED);
    }

    @Test
    void aNewCallWaitsBehindOneAlreadyWaitingEvenIfASlotIsFree() {
        CallSlots slots = new CallSlots(threads, 1, 4);
        slots.submit(call("a"));
        slots.submit(call("b"));
        // a runs and ends; b is taken by a's slot as it ends, before anything newer
        threads.runNext();
        slots.submit(call("c"));
        assertThat(ran).containsExactly("a", "b");
        threads.runNext();
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void aCallQueuedWhileTheLastSlotEndsIsTakenByThatSlot() {
        CallSlots slots = new CallSlots(threads, 1, 4);
        slots.submit(() -> {
            ran.add("a");
            // queued while the only slot is in use, just before that slot ends
            assertThat(slots.submit(call("b"))).isEqualTo(CallSlots.Admission.WAITING);
        });
        threads.runNext();
        assertThat(ran).containsExactly("a", "b");
        assertThat(threads.tasks).isEmpty();
        assertThat(slots.running()).isZero();
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void callsAsideAreNotCountedAndNeverTakeWaitingCalls() {
        CallSlots slots = new CallSlots(threads, 1, 4);
        slots.submit(call("a"));
        assertThat(slots.submit(call("b"))).isEqualTo(CallSlots.Admission.WAITING);
        assertThat(slots.runAside(call("aside"))).isTrue();
        assertThat(slots.running()).isEqualTo(2);
        threads.runNext();
        threads.runNext();
        assertThat(ran).containsExactly("a", "b", "aside");
        assertThat(slots.running()).isZero();
    }

    @Test
    void aRejectedThreadRefusesTheCallAndFreesItsSlot() {
        CallSlots slots = new CallSlots(threads, 1, 4);
        threads.rejecting = true;
        assertThat(slots.submit(call("a"))).isEqualTo(CallSlots.Admission.REFUSED);
        assertThat(slots.runAside(call("b"))).isFalse();
        threads.rejecting = false;
        assertThat(slots.submit(call("c"))).isEqualTo(CallSlots.Admission.STARTED);
        assertThat(slots.running()).isEqualTo(1);
    }

    @Test
    void closeDropsWaitingCallsInterruptsRunningOnesAndTheInterruptEndsWithTheCall() {
        CallSlots slots = new CallSlots(threads, 1, 4);
        boolean[] interruptedInCall = new boolean[1];
        int[][] ended = new int[1][];
        slots.submit(() -> {
            ended[0] = slots.close();
            interruptedInCall[0] = Thread.currentThread().isInterrupted();
        });
        slots.submit(call("dropped"));
        slots.submit(call("dropped too"));
        threads.runNext();
        assertThat(ended[0]).containsExactly(1, 2);
        assertThat(interruptedInCall[0]).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(ran).isEmpty();
        assertThat(slots.running()).isZero();
        assertThat(slots.submit(call("late"))).isEqualTo(CallSlots.Admission.REFUSED);
        assertThat(slots.runAside(call("late"))).isFalse();
    }

    @Test
    void aSlotStartedButNotYetRunWhenTheConnectionClosesNeverRunsItsCall() {
        CallSlots slots = new CallSlots(threads, 2, 4);
        slots.submit(call("a"));
        assertThat(slots.close()).containsExactly(0, 0);
        threads.runNext();
        assertThat(ran).isEmpty();
        assertThat(slots.running()).isZero();
    }

    @Test
    void deferredCallsStartWhenTheReadIsDoneInOrderAndWithinTheLimit() {
        CallSlots slots = new CallSlots(threads, 2, 4);
        assertThat(slots.defer(call("a"))).isEqualTo(CallSlots.Admission.WAITING);
        assertThat(slots.defer(call("b"))).isEqualTo(CallSlots.Admission.WAITING);
        assertThat(slots.defer(call("c"))).isEqualTo(CallSlots.Admission.WAITING);
        assertThat(threads.tasks).isEmpty();
        slots.startDeferred();
        // one thread for the first; it starts the second's before it runs its own call
        assertThat(threads.tasks).hasSize(1);
        assertThat(slots.waiting()).isEqualTo(2);
        threads.runNext();
        // two slots in use: the third call waited for the first to end, which took it
        assertThat(ran).containsExactly("a", "c");
        assertThat(threads.tasks).hasSize(1);
        threads.runNext();
        assertThat(ran).containsExactly("a", "c", "b");
        assertThat(slots.running()).isZero();
        slots.startDeferred();
        assertThat(threads.tasks).isEmpty();
    }

    @Test
    void aSlotThatEndsTakesDeferredCallsBeforeTheReadIsDone() {
        CallSlots slots = new CallSlots(threads, 4, 64);
        slots.submit(() -> {
            ran.add("a");
            // deferred by the reader while a's slot is still in use: taken by it as it ends
            slots.defer(call("b"));
            slots.defer(call("c"));
        });
        threads.runNext();
        // it took the first itself, after starting a thread for the second, which might wait behind it
        assertThat(ran).containsExactly("a", "b");
        assertThat(threads.tasks).hasSize(1);
        threads.runNext();
        assertThat(ran).containsExactly("a", "b", "c");
        slots.startDeferred();
        assertThat(threads.tasks).isEmpty();
        assertThat(slots.running()).isZero();
        assertThat(slots.waiting()).isZero();
    }

    @Test
    void atMostSoManyCallsAreDeferredAndTheRestStartInTurn() {
        CallSlots slots = new CallSlots(threads, 64, 1024);
        for (int i = 0; i < CallSlots.DEFERRED_AT_MOST; i++) {
            assertThat(slots.defer(call("d" + i))).isEqualTo(CallSlots.Admission.WAITING);
        }
        assertThat(threads.tasks).isEmpty();
        // one more starts the first deferred, and waits behind the others (queuing it starts the second):
        // threads for the rest are started in turn, not all at once
        assertThat(slots.defer(call("next"))).isEqualTo(CallSlots.Admission.WAITING);
        assertThat(threads.tasks).hasSize(2);
        int started = 0;
        while (!threads.tasks.isEmpty()) {
            threads.runNext();
            started++;
        }
        // each thread started the next waiting call's before running its own: every call found a thread
        assertThat(ran).hasSize(CallSlots.DEFERRED_AT_MOST + 1).startsWith("d0").contains("next");
        assertThat(started).isGreaterThan(1);
        assertThat(slots.waiting()).isZero();
        assertThat(slots.running()).isZero();
    }

    @Test
    void deferredCallsAreDroppedByTheCloseAndRefusedAfterIt() {
        CallSlots slots = new CallSlots(threads, 2, 4);
        slots.defer(call("dropped"));
        assertThat(slots.close()).containsExactly(0, 1);
        slots.startDeferred();
        assertThat(threads.tasks).isEmpty();
        assertThat(slots.defer(call("late"))).isEqualTo(CallSlots.Admission.REFUSED);
        assertThat(ran).isEmpty();
    }
}
