package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.HttpEndpoint;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.RawHttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The app log: what is recorded, with which facts, how it is formatted, bounded, followed and mirrored. */
class AppLogTest {
    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    private final FakeClock clock = FakeClock.startingAt(START);
    private final AnvilRuntime runtime = AnvilRuntime.builder().clock(clock)
            .taskExecution(TaskExecution.DETERMINISTIC).build().register(new Shop());

    @AfterEach
    void close() {
        runtime.close();
    }

    /** Server code that fails in every way the log records. */
    public static class Shop {
        @Callable
        public String checkout(long order) {
            throw new IllegalStateException("card declined for order " + order);
        }

        @Callable
        public Object pay(long order) {
            return AnvilServer.call("checkout", order);
        }

        @Callable
        public String payCarefully(long order) {
            try {
                AnvilServer.call("checkout", order);
                return "paid";
            } catch (RuntimeException e) {
                return "declined";
            }
        }

        @Callable
        public String refund(long order) {
            throw new PermissionDenied("only an agent can refund order " + order);
        }

        @Callable
        public String echo(String text) {
            return text;
        }

        @Callable
        public String shout(String text) {
            throw new IllegalArgumentException(text);
        }

        @BackgroundTask
        public void crunch(long n) {
            throw new ArithmeticException("cannot crunch " + n);
        }

        @HttpEndpoint("/orders/:id")
        public String order(String id, @dev.anvilcheck.server.VarKeyword java.util.Map<String, Object> query) {
            throw new IllegalStateException("order " + id + " is corrupt");
        }
    }

    @Test
    void aServerFunctionsErrorIsRecordedWithTheClocksTimeTheSessionAndTheServerSideStackTrace() {
        clock.advance(Duration.ofMinutes(5));
        SimulatedBrowser browser = runtime.browser();
        assertThatThrownBy(() -> browser.call("checkout", 42)).isInstanceOf(AnvilWrappedError.class);

        List<AppLog.Entry> entries = runtime.appLog().entries();
        assertThat(entries).hasSize(1);
        AppLog.Entry entry = entries.get(0);
        assertThat(entry.sequence()).isEqualTo(1);
        assertThat(entry.time()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(entry.level()).isEqualTo(AppLog.Level.ERROR);
        assertThat(entry.source()).isEqualTo(AppLog.Source.CALL);
        assertThat(entry.name()).isEqualTo("checkout");
        assertThat(entry.sessionId()).isEqualTo(browser.sessionId());
        assertThat(entry.message()).isEqualTo("IllegalStateException: card declined for order 42");
        assertThat(entry.error()).isInstanceOf(IllegalStateException.class);
        assertThat(entry.header()).isEqualTo("2025-03-01T09:05:00Z ERROR call checkout [session " + browser.sessionId()
                + "]: IllegalStateException: card declined for order 42");
        assertThat(entry.stackTrace().get(0))
                .isEqualTo("    java.lang.IllegalStateException: card declined for order 42");
        assertThat(entry.stackTrace().get(1)).startsWith("        at " + Shop.class.getName() + ".checkout(AppLogTest.java:");
        assertThat(entry.stackTrace().get(entry.stackTrace().size() - 1)).matches("        \\.\\.\\. \\d+ more \\(the caller's\\)");
        assertThat(entry.format()).isEqualTo(entry.header() + "\n" + String.join("\n", entry.stackTrace()))
                .isEqualTo(entry.toString());
        assertThat(runtime.appLog().toString()).isEqualTo(entry.format());
    }

    @Test
    void anErrorCrossingNestedCallsIsRecordedOnceUnderTheOuterFunctionWithTheInnerStackTrace() {
        assertThatThrownBy(() -> runtime.browser().call("pay", 7)).isInstanceOf(AnvilWrappedError.class);

        assertThat(runtime.appLog().entries()).hasSize(1);
        AppLog.Entry entry = runtime.appLog().entries().get(0);
        assertThat(entry.name()).isEqualTo("pay");
        assertThat(entry.error()).isInstanceOf(IllegalStateException.class);
        assertThat(entry.format()).contains(Shop.class.getName() + ".checkout(").contains(Shop.class.getName() + ".pay(");
    }

    @Test
    void anErrorServerCodeCatchesIsNotRecorded() {
        assertThat(runtime.browser().call("payCarefully", 7)).isEqualTo("declined");
        assertThat(runtime.appLog().entries()).isEmpty();
    }

    @Test
    void anAnvilErrorRaisedOnPurposeIsRecordedAsThePlatformRecordsIt() {
        assertThatThrownBy(() -> runtime.browser().call("refund", 3)).isInstanceOf(PermissionDenied.class);
        AppLog.Entry entry = runtime.appLog().entries().get(0);
        assertThat(entry.level()).isEqualTo(AppLog.Level.ERROR);
        assertThat(entry.message()).isEqualTo("anvil.server.PermissionDenied: only an agent can refund order 3");
        assertThat(entry.format()).contains(Shop.class.getName() + ".refund(");
    }

    @Test
    void errorsTheRuntimeRaisesForACallAreRecorded() {
        assertThatThrownBy(() -> runtime.browser().call("checkout")).isInstanceOf(AnvilWrappedError.class)
                .hasMessageContaining("missing 1 required argument");
        assertThatThrownBy(() -> runtime.browser().call("no_such_function")).isInstanceOf(NoServerFunctionError.class);
        assertThatThrownBy(() -> runtime.browser().call("task:crunch")).isInstanceOf(PermissionDenied.class);

        List<AppLog.Entry> entries = runtime.appLog().entries();
        assertThat(entries).extracting(AppLog.Entry::name).containsExactly("checkout", "no_such_function", "task:crunch");
        assertThat(entries.get(0).message()).startsWith("TypeError: ");
        assertThat(entries.get(0).format()).contains("dev.anvilcheck.hosting.MethodBinder");
        assertThat(entries.get(1).message()).startsWith("anvil.server.NoServerFunctionError: ");
        assertThat(entries).allSatisfy(e -> assertThat(e.level()).isEqualTo(AppLog.Level.ERROR));
    }

    @Test
    void everyKindOfCallerIsRecorded() {
        List<Caller> callers = List.of(runtime.browser(), runtime.serverModule(), runtime.uplink(), runtime.clientUplink(),
                runtime.http(), runtime.backgroundTask(), runtime.email(), runtime.scheduledTask());
        for (Caller caller : callers) {
            assertThatThrownBy(() -> caller.call("checkout", 1)).isInstanceOf(RuntimeException.class);
        }
        assertThat(runtime.appLog().entries()).hasSize(callers.size())
                .allSatisfy(e -> assertThat(e.error()).isInstanceOf(IllegalStateException.class));
    }

    @Test
    void anEndpointThatThrowsAnswers500AndIsRecordedWithItsPath() {
        RawHttpResponse response = runtime.http().get("/_/api/orders/12?full=1");

        assertThat(response.status()).isEqualTo(500);
        AppLog.Entry entry = runtime.appLog().entries().get(0);
        assertThat(entry.source()).isEqualTo(AppLog.Source.HTTP);
        assertThat(entry.name()).isEqualTo("/_/api/orders/12");
        assertThat(entry.sessionId()).isNotNull();
        assertThat(entry.message()).isEqualTo("GET answered 500: IllegalStateException: order 12 is corrupt");
        assertThat(entry.format()).contains(Shop.class.getName() + ".order(");
    }

    @Test
    void otherServerSideFailuresOfAnEndpointAreRecorded() {
        runtime.registerEndpoint(Endpoint.http("/unsendable"), args -> new Object());
        assertThat(runtime.http().get("/_/api/unsendable").status()).isEqualTo(500);
        assertThat(runtime.http().get("/_/api/nowhere").status()).isEqualTo(404);
        assertThat(runtime.http().get("/nowhere").status()).isEqualTo(404);

        List<AppLog.Entry> entries = runtime.appLog().entries();
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).level()).isEqualTo(AppLog.Level.ERROR);
        assertThat(entries.get(0).message()).startsWith("GET answered 500: ");
        assertThat(entries.get(1).level()).isEqualTo(AppLog.Level.WARNING);
        assertThat(entries.get(1).name()).isEqualTo("/_/api/nowhere");
        assertThat(entries.get(1).message()).contains("404");
    }

    @Test
    void aBackgroundTaskThatFailsIsRecordedWithItsSession() {
        runtime.serverModule().launchBackgroundTask("crunch", dev.anvilcheck.server.Arguments.of(9));
        runtime.tasks().runAll();

        AppLog.Entry entry = runtime.appLog().entries().get(0);
        assertThat(entry.source()).isEqualTo(AppLog.Source.TASK);
        assertThat(entry.name()).isEqualTo("crunch");
        assertThat(entry.sessionId()).isNotNull();
        assertThat(entry.message()).isEqualTo("failed: ArithmeticException: cannot crunch 9");
        assertThat(entry.error()).isInstanceOf(ArithmeticException.class);
        assertThat(entry.format()).contains(Shop.class.getName() + ".crunch(");
    }

    @Test
    void textFromOutsideCannotForgeALogLine() {
        String forged = "checkout\n2025-03-01T09:00:00Z SEVERE call admin: fake\r\u001b[31m\u2028";
        assertThatThrownBy(() -> runtime.browser().call(forged)).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> runtime.browser().call("shout", "line one\nSEVERE: line two\u0000"))
                .isInstanceOf(RuntimeException.class);

        for (AppLog.Entry entry : runtime.appLog().entries()) {
            String[] lines = entry.format().split("\n", -1);
            assertThat(lines[0]).doesNotContain("\r", "\u001b", "\u2028", "\u0000");
            for (int i = 1; i < lines.length; i++) {
                assertThat(lines[i]).startsWith("    ").doesNotContain("\r", "\u0000");
            }
        }
        AppLog.Entry refused = runtime.appLog().entries().get(0);
        assertThat(refused.name()).isEqualTo(forged);
        assertThat(refused.header()).contains("call checkout\\n2025-03-01T09:00:00Z SEVERE call admin: fake\\r\\u001b[31m\\u2028");
        AppLog.Entry shouted = runtime.appLog().entries().get(1);
        assertThat(shouted.header()).endsWith("IllegalArgumentException: line one\\nSEVERE: line two\\u0000");
        assertThat(shouted.stackTrace().get(0))
                .isEqualTo("    java.lang.IllegalArgumentException: line one\\nSEVERE: line two\\u0000");
    }

    @Test
    void theLogKeepsTheNewestEntriesAndCountsTheDropped() {
        try (AnvilRuntime small = AnvilRuntime.builder().appLogCapacity(3).build().register(new Shop())) {
            for (int i = 0; i < 5; i++) {
                long order = i;
                assertThatThrownBy(() -> small.browser().call("checkout", order)).isInstanceOf(RuntimeException.class);
            }
            AppLog log = small.appLog();
            assertThat(log.capacity()).isEqualTo(3);
            assertThat(log.entries()).extracting(AppLog.Entry::sequence).containsExactly(3L, 4L, 5L);
            assertThat(log.dropped()).isEqualTo(2);
            assertThat(log.lastSequence()).isEqualTo(5);
            assertThat(log.entriesAfter(4)).extracting(AppLog.Entry::sequence).containsExactly(5L);
            assertThat(log.toString()).startsWith("(2 older entries dropped)\n");
            log.clear();
            assertThat(log.entries()).isEmpty();
            assertThat(log.toString()).isEqualTo("(no entries; 2 dropped)");
        }
        assertThatThrownBy(() -> AnvilRuntime.builder().appLogCapacity(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenersFollowTheLogAndOneThatFailsBreaksNothing() {
        List<AppLog.Entry> followed = new CopyOnWriteArrayList<>();
        try (AnvilRuntime followedRuntime = AnvilRuntime.builder()
                .appLogListener(e -> {
                    throw new IllegalStateException("listener bug");
                })
                .appLogListener(followed::add).build().register(new Shop())) {
            assertThatThrownBy(() -> followedRuntime.browser().call("checkout", 1))
                    .isInstanceOf(AnvilWrappedError.class).hasMessageContaining("card declined");
            assertThatThrownBy(() -> followedRuntime.browser().call("refund", 2)).isInstanceOf(PermissionDenied.class);
            assertThat(followed).containsExactlyElementsOf(followedRuntime.appLog().entries());
        }
    }

    @Test
    void concurrentWritersLoseNoEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        assertThatThrownBy(() -> runtime.browser().call("checkout", 1)).isInstanceOf(RuntimeException.class);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runtime.appLog().lastSequence()).isEqualTo(400);
        assertThat(runtime.appLog().entries()).extracting(AppLog.Entry::sequence).doesNotHaveDuplicates().hasSize(400);
    }

    @Test
    void everyEntryIsMirroredToSystemLoggerAtALevelTheDefaultConfigurationDoesNotPrint() {
        Logger jul = Logger.getLogger(AppLog.class.getName());
        assertThat(System.getLogger(AppLog.class.getName()).isLoggable(System.Logger.Level.DEBUG))
                .as("DEBUG is below the JDK's default INFO").isFalse();
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level before = jul.getLevel();
        jul.setLevel(Level.ALL);
        jul.addHandler(capture);
        try {
            assertThatThrownBy(() -> runtime.browser().call("shout", "a\nSEVERE: b")).isInstanceOf(RuntimeException.class);
        } finally {
            jul.removeHandler(capture);
            jul.setLevel(before);
        }
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.FINE);
        assertThat(records.get(0).getMessage()).isEqualTo(runtime.appLog().entries().get(0).format())
                .contains("a\\nSEVERE: b").doesNotContain("a\nSEVERE");
    }
}
