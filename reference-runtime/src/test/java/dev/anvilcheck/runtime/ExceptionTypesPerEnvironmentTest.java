package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.server.host.WireError;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ERR-05 per environment: as Python's registry belongs to one interpreter, each environment of a
 * runtime has its own exception types, inheriting as portable classes do (process-wide, then
 * server code, then each simulated caller).
 */
class ExceptionTypesPerEnvironmentTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();
    private final AnvilRuntime other = AnvilRuntime.create();

    /** An application error type; each test registers it where it needs it, under its own name. */
    public static class InvoiceError extends AnvilWrappedError {
        public InvoiceError(String message) {
            super(message);
        }
    }

    @AfterEach
    void close() {
        runtime.close();
        other.close();
    }

    private void raising(AnvilRuntime rt) {
        rt.register("fail", a -> {
            throw new InvoiceError("unpaid");
        });
    }

    @Test
    void err05_aTypeRegisteredForServerCodeArrivesAsItselfInEveryCallerOfThatRuntimeOnly() {
        runtime.exceptionTypes().register("test.ServerInvoiceError", InvoiceError.class);
        raising(runtime);
        raising(other);

        assertThatThrownBy(() -> runtime.browser().call("fail")).isExactlyInstanceOf(InvoiceError.class)
                .hasMessage("unpaid");
        assertThatThrownBy(() -> other.browser().call("fail"))
                .as("another runtime, as a parallel test would have: the registration is not its")
                .isExactlyInstanceOf(AnvilWrappedError.class)
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo("InvoiceError"));
        assertThat(ExceptionTypes.global().instantiate(new WireError("test.ServerInvoiceError", "m", List.of())))
                .as("nothing was registered process-wide").isExactlyInstanceOf(AnvilWrappedError.class);
    }

    @Test
    void err05_aTypeOnlyTheCallerRegisteredArrivesWrappedUnderTheNameServerCodeSentItUnder() {
        raising(runtime);
        SimulatedBrowser browser = runtime.browser();
        browser.exceptionTypes().register("test.BrowserInvoiceError", InvoiceError.class);

        assertThatThrownBy(() -> browser.call("fail"))
                .as("server code does not know the name, so it sends the class's simple name, which the browser"
                        + " has not registered")
                .isExactlyInstanceOf(AnvilWrappedError.class)
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo("InvoiceError"));
    }

    /** Registered process-wide by the test below, so that no other test meets it. */
    public static class ProcessWideError extends AnvilWrappedError {
        public ProcessWideError(String message) {
            super(message);
        }
    }

    @Test
    void err05_registerExceptionTypeIsProcessWideEvenInsideACall() {
        runtime.register("register_then_fail", a -> {
            AnvilServer.registerExceptionType("test.ProcessWideError", ProcessWideError.class);
            throw new ProcessWideError("late");
        });

        assertThatThrownBy(() -> runtime.browser().call("register_then_fail"))
                .isExactlyInstanceOf(ProcessWideError.class).hasMessage("late");
        assertThat(ExceptionTypes.global().nameOf(ProcessWideError.class))
                .as("a Java class, and so its registration, is shared by every environment of the JVM")
                .isEqualTo("test.ProcessWideError");
    }

    @Test
    void err05_secretErrorArrivesAsItselfInEveryRuntime() {
        for (AnvilRuntime rt : List.of(runtime, other)) {
            rt.register("secret", a -> dev.anvilcheck.secrets.Secrets.getSecret("missing"));
            assertThatThrownBy(() -> rt.browser().call("secret"))
                    .isExactlyInstanceOf(dev.anvilcheck.secrets.SecretError.class);
        }
    }

    @Test
    void err05_aBackgroundTasksErrorKeepsTheNameServerCodeRegistered() {
        runtime.exceptionTypes().register("test.TaskInvoiceError", InvoiceError.class);
        runtime.registerBackgroundTask("failing_task", a -> {
            throw new InvoiceError("in a task");
        });
        runtime.register("launch", a -> AnvilServer.launchBackgroundTask("failing_task").getId());
        runtime.register("read_error", a -> {
            try {
                AnvilServer.getBackgroundTask((String) a.get(0)).getError();
                return "no error";
            } catch (InvoiceError e) {
                return "caught " + e.wireType();
            }
        });
        SimulatedBrowser browser = runtime.browser();
        Object id = browser.call("launch");
        assertThat(runtime.tasks().awaitAll(java.time.Duration.ofSeconds(30))).isTrue();

        assertThat(browser.call("read_error", id)).as("the task named its error by server code's registry")
                .isEqualTo("caught test.TaskInvoiceError");
    }

    @Test
    void err05_aNestedCallsErrorIsNamedAndReceivedInServerCodesEnvironment() {
        runtime.exceptionTypes().register("test.NestedInvoiceError", InvoiceError.class);
        raising(runtime);
        runtime.register("relay", a -> {
            try {
                AnvilServer.call("fail");
                return "returned";
            } catch (InvoiceError e) {
                return "caught " + e.wireType();
            }
        });

        assertThat(runtime.browser().call("relay")).isEqualTo("caught test.NestedInvoiceError");
    }
}
