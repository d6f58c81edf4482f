package dev.anvilcheck.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A link's inbox runs its tasks one at a time in the order given, whether a worker or a caller that
 * waits for its answer runs them, and never leaves a task behind: the caller runs them up to its
 * answer and hands the turn on, and a caller interrupted while it holds the turn hands it on too.
 */
class LinkInboxTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void tasksRunInOrderWhoeverRunsThem() throws Exception {
        Link.Inbox inbox = new Link.Inbox(workers);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            answers.add(answer);
            Thread t = new Thread(() -> {
                try {
                    inbox.await(answer);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            callers.add(t);
            t.start();
        }
        for (int i = 0; i < 2000; i++) {
            int n = i;
            inbox.execute(() -> {
                ran.add(n);
                if (n % 250 == 249) {
                    answers.get(n / 250).complete(null);
                }
            });
        }
        for (Thread t : callers) {
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
        }
        CountDownLatch last = new CountDownLatch(1);
        inbox.execute(last::countDown);
        assertThat(last.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
    }

    @Test
    void aCallerGivenTheTurnRunsTasksUpToItsAnswerThenHandsItOn() throws Exception {
        Link.Inbox inbox = new Link.Inbox(workers);
        CompletableFuture<Void> answer = new CompletableFuture<>();
        Thread caller = Thread.currentThread();
        List<Thread> runners = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch later = new CountDownLatch(1);
        Thread feeder = new Thread(() -> {
            waitUntilParked(caller);
            inbox.execute(() -> runners.add(Thread.currentThread()));
            inbox.execute(() -> answer.complete(null));
            inbox.execute(() -> {
                runners.add(Thread.currentThread());
                later.countDown();
            });
        });
        feeder.start();
        inbox.await(answer);
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(answer).isDone();
        assertThat(runners).hasSize(2);
        assertThat(runners.get(0)).isSameAs(caller);
        assertThat(runners.get(1)).isNotSameAs(caller);
        feeder.join();
    }

    @Test
    void anInterruptedCallerLeavesNoTaskBehind() throws Exception {
        Link.Inbox inbox = new Link.Inbox(workers);
        CompletableFuture<Void> answer = new CompletableFuture<>();
        Thread.currentThread().interrupt();
        assertThatThrownBy(() -> inbox.await(answer)).isInstanceOf(InterruptedException.class);
        CountDownLatch ran = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            inbox.execute(ran::countDown);
        }
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void waitUntilParked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
