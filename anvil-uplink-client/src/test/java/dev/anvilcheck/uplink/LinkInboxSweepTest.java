package dev.anvilcheck.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * A caller whose answer comes without its being given the inbox's turn leaves its place in the
 * queue of waiting callers behind (removing it would walk the queue), and those left behind are
 * swept out every {@link Link.Inbox#SWEEP} departures, so the queue stays bounded however many
 * calls are answered so. Call ids drawn in per-thread batches stay ten letters or digits, distinct.
 */
class LinkInboxSweepTest {
    private static final Executor NO_THREADS = task -> {
        throw new AssertionError("no task was given, so no worker is needed");
    };

    @Test
    void callersAnsweredWithoutTheTurnDoNotPileUpInTheQueue() throws Exception {
        Link.Inbox inbox = new Link.Inbox(NO_THREADS);
        int maxQueued = 0;
        for (int i = 0; i < 5 * Link.Inbox.SWEEP; i++) {
            CompletableFuture<Void> answer = new CompletableFuture<>();
            int before = inbox.helpersQueued();
            Thread caller = new Thread(() -> {
                try {
                    inbox.await(answer);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            caller.start();
            // the caller has registered to be given the turn once the queue grew
            while (inbox.helpersQueued() == before && caller.isAlive()) {
                Thread.onSpinWait();
            }
            answer.complete(null);
            caller.join();
            maxQueued = Math.max(maxQueued, inbox.helpersQueued());
        }
        assertThat(maxQueued).isLessThanOrEqualTo(Link.Inbox.SWEEP);
    }

    @Test
    void callIdsAreTenLettersOrDigitsAndDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10 * OutboundCalls.RANDOM_BATCH; i++) {
            String id = OutboundCalls.randomId();
            assertThat(id).matches("[a-zA-Z0-9]{10}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10 * OutboundCalls.RANDOM_BATCH);
    }
}
