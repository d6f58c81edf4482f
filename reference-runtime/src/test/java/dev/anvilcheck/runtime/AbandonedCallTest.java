package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.TimeoutError;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ERR-06 with {@code abandonCallsAtDeadline}: the caller gets {@code TimeoutError} at the deadline
 * although server code ignores interruption, and nothing the abandoned body does later takes
 * effect, as on the platform, whose worker is gone.
 */
class AbandonedCallTest {
    private final FakeClock clock = FakeClock.create();
    private final AnvilRuntime runtime = AnvilRuntime.builder().clock(clock).abandonCallsAtDeadline(true).build();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        runtime.close();
    }

    private void awaitIgnoringInterruption() {
        while (true) {
            try {
                release.await();
                return;
            } catch (InterruptedException ignored) {
                // as careless server code does
            }
        }
    }

    @Test
    void err06_theCallerIsReleasedAtTheDeadlineAndTheAbandonedBodyCannotCallOn() throws Exception {
        AtomicReference<Throwable> later = new AtomicReference<>();
        runtime.register("write", a -> {
            AnvilServer.session().put("late", "yes");
            return null;
        });
        runtime.register("stubborn", a -> {
            entered.countDown();
            awaitIgnoringInterruption();
            try {
                AnvilServer.call("write");
            } catch (Throwable t) {
                later.set(t);
            } finally {
                ended.countDown();
            }
            return "finished";
        });
        SimulatedBrowser browser = runtime.browser();
        CompletableFuture<Object> call = CompletableFuture.supplyAsync(() -> browser.call("stubborn"));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofSeconds(31));

        assertThat(call).failsWithin(30, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutError.class);
        release.countDown();
        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(later.get()).as("a nested call after the deadline").isInstanceOf(ExecutionTerminatedError.class);
        assertThat(browser.sessionData()).doesNotContainKey("late");
    }

    @Test
    void err06_aBodyThatEndsInTimeReturnsAsUsual() {
        runtime.register("quick", a -> "fine");
        assertThat(runtime.browser().call("quick")).isEqualTo("fine");
    }
}
