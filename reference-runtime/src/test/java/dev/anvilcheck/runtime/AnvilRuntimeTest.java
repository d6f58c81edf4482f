package dev.anvilcheck.runtime;

import static dev.anvilcheck.server.Kwargs.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.UserPredicate;
import dev.anvilcheck.users.AuthenticationFailed;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnvilRuntimeTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    public static class Invoices {
        @Callable
        public long add(long a, int b) {
            return a + b;
        }

        @Callable("greet")
        public String hello(String name, CallContext context, Session session) {
            session.put("greeted", name);
            return "hello " + name + " from " + context.remoteCaller().type();
        }

        @Callable(requireUser = true)
        public String mine() {
            return "secret";
        }

        @Callable(requireUserWhere = IsAdmin.class)
        public String admin() {
            return "admin";
        }

        @Callable
        public void fails() throws IOException {
            throw new IOException("disk full");
        }

        @Callable
        public static double half(double x) {
            return x / 2;
        }
    }

    public static class IsAdmin implements UserPredicate {
        @Override
        public boolean test(Object user) {
            return user instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("admin"));
        }
    }

    @Test
    void annotatedMethodsBindPositionalAndKeywordArguments() {
        runtime.register(new Invoices());
        assertThat(runtime.browser().call("add", 2, kw("b", 3))).isEqualTo(5L);
        assertThat(runtime.browser().call("half", 3)).isEqualTo(1.5);
    }

    @Test
    void injectedContextAndSessionAreTheCallsOwn() {
        runtime.register(new Invoices());
        SimulatedBrowser browser = runtime.browser();
        assertThat(browser.call("greet", "ann")).isEqualTo("hello ann from browser");
        assertThat(browser.sessionData()).containsEntry("greeted", "ann");
    }

    @Test
    void bindingErrorsAreTypeErrorsNamingTheParameter() {
        runtime.register(new Invoices());
        assertThatThrownBy(() -> runtime.serverModule().call("add", "x", 1))
                .isInstanceOf(AnvilWrappedError.class)
                .hasMessageContaining("add() argument 'a' must be long, not String")
                .extracting(e -> ((AnvilWrappedError) e).wireType()).isEqualTo("TypeError");
        assertThatThrownBy(() -> runtime.serverModule().call("add", 1, 2, 3))
                .hasMessageContaining("takes 2 positional arguments but 3 were given");
        assertThatThrownBy(() -> runtime.serverModule().call("add", 1, kw("c", 2)))
                .hasMessageContaining("unexpected keyword argument 'c'");
        assertThatThrownBy(() -> runtime.serverModule().call("add", 1))
                .hasMessageContaining("missing 1 required argument: 'b'");
    }

    @Test
    void requireUserFromTheAnnotation() {
        runtime.register(new Invoices());
        assertThatThrownBy(() -> runtime.browser().call("mine")).isInstanceOf(AuthenticationFailed.class);
        assertThat(runtime.browser().user(Map.of("email", "a@b")).call("mine")).isEqualTo("secret");
        assertThatThrownBy(() -> runtime.browser().user(Map.of("admin", false)).call("admin"))
                .isInstanceOf(PermissionDenied.class);
        assertThat(runtime.browser().user(Map.of("admin", true)).call("admin")).isEqualTo("admin");
    }

    @Test
    void checkedExceptionsCrossAsWrappedErrorsWithTheirTypeName() {
        runtime.register(new Invoices());
        assertThatThrownBy(() -> runtime.browser().call("fails"))
                .isInstanceOf(AnvilWrappedError.class)
                .hasMessage("disk full")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo("IOException"));
    }

    @Test
    void unknownNamesAndNullNames() {
        assertThatThrownBy(() -> runtime.browser().call("nope"))
                .isInstanceOf(NoServerFunctionError.class)
                .hasMessage("No server function matching \"nope\" has been registered");
        assertThatThrownBy(() -> runtime.browser().call(null)).isInstanceOf(TypeError.class);
    }

    @Test
    void nestedCallsRunInTheSameSessionWithATrustedFrame() {
        runtime.register("inner", args -> AnvilServer.context().callStack().stream().map(f -> f.type()).toList());
        runtime.register("outer", args -> AnvilServer.call("inner"));
        assertThat(runtime.browser().call("outer")).isEqualTo(List.of("server_module", "browser"));
    }

    @Test
    void aFunctionAnUplinkProvidesHasNoCallTimeout() {
        // ERR-06: the App Server's limit is the downlink worker's; its uplink executor has none
        runtime.uplink().register("slow_on_uplink", args -> {
            runtime.fakeClock().advance(Duration.ofMinutes(5));
            return "done";
        });
        assertThat(runtime.browser().call("slow_on_uplink")).isEqualTo("done");
        runtime.register("slow_in_server_code", args -> {
            runtime.fakeClock().advance(Duration.ofMinutes(5));
            return "done";
        });
        assertThatThrownBy(() -> runtime.browser().call("slow_in_server_code")).isInstanceOf(TimeoutError.class);
    }

    @Test
    void aCallThatAdvancesTheClockPastItsLimitTimesOut() {
        runtime.register("slow", args -> {
            runtime.fakeClock().advance(Duration.ofSeconds(31));
            return "done";
        });
        assertThatThrownBy(() -> runtime.browser().call("slow")).isInstanceOf(TimeoutError.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aBlockedCallTimesOutWhenAnotherThreadAdvancesTheClock() throws Exception {
        assertBlockedCallTimesOutAfter(Duration.ofSeconds(30), Duration.ofMillis(1));
    }

    @Test
    void aBlockedCallTimesOutWhenTheClockReachesExactlyItsLimit() throws Exception {
        // ERR-06: the worker's threading.Timer fires once the limit has elapsed, not a tick later
        assertBlockedCallTimesOutAfter(Duration.ofSeconds(30));
    }

    /** A call blocked in its body, on another thread, raises TimeoutError once the clock moved by {@code advances}. */
    private void assertBlockedCallTimesOutAfter(Duration... advances) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        runtime.register("blocked", args -> {
            entered.countDown();
            never.await();
            return "unreachable";
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Object> result = pool.submit(() -> runtime.browser().call("blocked"));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            for (Duration advance : advances) {
                runtime.fakeClock().advance(advance);
            }
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutError.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallEndingOneMillisecondShortOfItsLimitReturns() {
        runtime.register("nearly", args -> {
            runtime.fakeClock().advance(Duration.ofSeconds(30).minusMillis(1));
            return "in time";
        });
        runtime.register("exactly", args -> {
            runtime.fakeClock().advance(Duration.ofSeconds(30));
            return "too late";
        });
        assertThat(runtime.browser().call("nearly")).isEqualTo("in time");
        assertThatThrownBy(() -> runtime.browser().call("exactly")).isInstanceOf(TimeoutError.class);
    }

    @Test
    void aClosedRuntimeRefusesWork() {
        runtime.close();
        assertThatThrownBy(runtime::browser).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
