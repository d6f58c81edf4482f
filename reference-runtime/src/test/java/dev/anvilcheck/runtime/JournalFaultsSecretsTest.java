package dev.anvilcheck.runtime;

import static dev.anvilcheck.server.AnvilServer.call;
import static dev.anvilcheck.server.AnvilServer.launchBackgroundTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.secrets.SecretError;
import dev.anvilcheck.secrets.Secrets;
import dev.anvilcheck.server.AppOfflineError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.QuotaExceededError;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.SessionExpiredError;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.users.AuthenticationFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime's hooks for test tooling: call journal, function replacement, secrets, faults, fluent callers. */
class JournalFaultsSecretsTest {
    private final AnvilRuntime runtime = AnvilRuntime.builder().recordCalls(true)
            .taskExecution(TaskExecution.DETERMINISTIC).secret("api_url", "http://127.0.0.1:1").build();

    @AfterEach
    void close() {
        runtime.close();
    }

    public static class Billing {
        @Callable
        public String bill(long id) {
            return (String) call("send_invoice", id, "ann@example.com");
        }

        @Callable("send_invoice")
        public String sendInvoice(long id, String to) {
            return "sent " + id + " to " + to;
        }

        @Callable
        public String apiUrl() {
            return Secrets.getSecret("api_url");
        }

        @Callable
        public String missingSecret() {
            return Secrets.getSecret("nope");
        }

        @Callable
        public Object nightly() {
            return launchBackgroundTask("run_nightly");
        }

        @dev.anvilcheck.server.BackgroundTask("run_nightly")
        public void runNightly() {
            call("send_invoice", 9L, "bob@example.com");
        }

        @Callable(requireUser = true)
        public Object sessionValue(String key) {
            return dev.anvilcheck.server.AnvilServer.session().get(key);
        }
    }

    @Test
    void journalRecordsCallerFunctionArgumentsContextAndOutcome() {
        runtime.register(new Billing());
        runtime.browser().call("bill", 42);
        List<RecordedCall> calls = runtime.journal().calls();
        assertThat(calls).extracting(RecordedCall::function).containsExactly("bill", "send_invoice");
        RecordedCall sent = calls.get(1);
        assertThat(sent.caller()).isEqualTo(CallerKind.SERVER_MODULE);
        assertThat(sent.arguments()).isEqualTo(Arguments.of(42L, "ann@example.com"));
        assertThat(sent.returnValue()).isEqualTo("sent 42 to ann@example.com");
        assertThat(sent.context().remoteCaller().type()).isEqualTo("server_module");
        assertThat(calls.get(0).caller()).isEqualTo(CallerKind.BROWSER);
        assertThat(calls.get(0).duration()).isEqualTo(Duration.ZERO);
        assertThat(calls.get(0).toString()).contains("bill(42) by BROWSER -> returned \"sent 42 to ann@example.com\"");
    }

    @Test
    void journalRecordsTasksAndCallsMadeByThem() {
        runtime.register(new Billing());
        runtime.serverModule().call("nightly");
        runtime.tasks().runAll();
        assertThat(runtime.journal().callsOf("task:run_nightly")).singleElement()
                .satisfies(c -> assertThat(c.invocation()).isEqualTo(RecordedCall.Invocation.TASK));
        assertThat(runtime.journal().callsOf("send_invoice")).singleElement()
                .satisfies(c -> assertThat(c.caller()).isEqualTo(CallerKind.BACKGROUND_TASK));
    }

    @Test
    void journalRecordsRefusalsOnceAndErrorsOnce() {
        runtime.register(new Billing());
        assertThatThrownBy(() -> runtime.browser().call("no_such")).isInstanceOf(NoServerFunctionError.class);
        assertThatThrownBy(() -> runtime.browser().call("sessionValue", "k"))
                .isInstanceOf(AuthenticationFailed.class);
        List<RecordedCall> calls = runtime.journal().calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).reachedFunction()).isFalse();
        assertThat(calls.get(0).error()).isInstanceOf(NoServerFunctionError.class);
        assertThat(calls.get(1).reachedFunction()).isTrue();
        assertThat(calls.get(1).error()).isInstanceOf(AuthenticationFailed.class);
        runtime.journal().clear();
        assertThat(runtime.journal().calls()).isEmpty();
    }

    @Test
    void journalIsOffUnlessAsked() {
        try (AnvilRuntime plain = AnvilRuntime.create()) {
            assertThatThrownBy(plain::journal).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("recordCalls(true)");
        }
    }

    @Test
    void replaceKeepsRequireUserAndServerCodeReachesTheReplacement() throws Exception {
        runtime.register(new Billing());
        List<Arguments> seen = new ArrayList<>();
        ServerFunction original = runtime.replace("send_invoice", args -> {
            seen.add(args);
            return "stubbed";
        });
        assertThat(original.invoke(Arguments.of(1L, "x"))).isEqualTo("sent 1 to x");
        assertThat(runtime.browser().call("bill", 5)).isEqualTo("stubbed");
        assertThat(seen).containsExactly(Arguments.of(5L, "ann@example.com"));
        runtime.register("guarded", RequireUser.loggedIn(), args -> "ok");
        runtime.replace("guarded", args -> "replaced");
        assertThatThrownBy(() -> runtime.browser().call("guarded")).isInstanceOf(AuthenticationFailed.class);
        assertThat(runtime.function("guarded").invoke(Arguments.none())).isEqualTo("replaced");
        assertThatThrownBy(() -> runtime.replace("absent", args -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("send_invoice");
    }

    @Test
    void secretsReachServerCodeAndUnknownOnesRaiseSecretError() {
        runtime.register(new Billing());
        assertThat(runtime.browser().call("apiUrl")).isEqualTo("http://127.0.0.1:1");
        runtime.secret("api_url", "http://127.0.0.1:2");
        assertThat(runtime.browser().call("apiUrl")).isEqualTo("http://127.0.0.1:2");
        assertThatThrownBy(() -> runtime.browser().call("missingSecret")).isInstanceOf(SecretError.class)
                .hasMessage("No such secret 'nope'");
        SimulatedUplink uplink = runtime.uplink();
        uplink.register("on_uplink", args -> Secrets.getSecret("api_url"));
        assertThatThrownBy(() -> runtime.serverModule().call("on_uplink")).isInstanceOf(SecretError.class)
                .hasMessageContaining("Uplink code cannot access secrets");
    }

    @Test
    void faultsSwitchOfflineQuotaTimeoutsAndSessionExpiry() {
        runtime.register(new Billing());
        runtime.faults().appOffline(true);
        assertThatThrownBy(() -> runtime.browser().call("apiUrl")).isInstanceOf(AppOfflineError.class);
        runtime.faults().appOffline(false);
        runtime.faults().quotaExceeded(true);
        assertThatThrownBy(() -> runtime.serverModule().call("apiUrl")).isInstanceOf(QuotaExceededError.class);
        runtime.faults().quotaExceeded(false);

        runtime.faults().timeOut("send_invoice");
        assertThatThrownBy(() -> runtime.browser().call("bill", 1)).isInstanceOf(TimeoutError.class)
                .hasMessage("Server code took too long");
        runtime.faults().delay("send_invoice", Duration.ZERO);
        assertThat(runtime.browser().call("bill", 1)).isEqualTo("sent 1 to ann@example.com");

        SimulatedBrowser browser = runtime.browser();
        browser.call("apiUrl");
        runtime.faults().expireSession(browser);
        assertThatThrownBy(() -> browser.call("apiUrl")).isInstanceOf(SessionExpiredError.class);
        browser.resetSession();
        assertThat(browser.call("apiUrl")).isEqualTo("http://127.0.0.1:1");
    }

    @Test
    void fluentSettingsOfCallers() {
        runtime.register(new Billing());
        SimulatedBrowser browser = runtime.browser().user(Map.of("email", "ann@example.com"))
                .withSession("cart", List.of(1, 2)).withCookie("theme", "dark");
        assertThat(browser.call("sessionValue", "cart")).isEqualTo(List.of(1L, 2L));
        assertThat(browser.cookies().local().get("theme")).isEqualTo("dark");
        runtime.registerEndpoint(dev.anvilcheck.server.Endpoint.http("/echo"),
                args -> dev.anvilcheck.server.AnvilServer.request().headers().get("x-api-key"));
        assertThat(runtime.http().withHeader("X-Api-Key", "k1").get("/_/api/echo").text()).isEqualTo("k1");
        assertThatThrownBy(() -> runtime.browser().withSession("bad", new Object()))
                .isInstanceOf(dev.anvilcheck.server.SerializationError.class);
        assertThat(PermissionDenied.class).isNotNull();
    }
}
