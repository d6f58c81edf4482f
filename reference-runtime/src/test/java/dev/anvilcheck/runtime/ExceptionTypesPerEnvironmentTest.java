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

    @Test
    void err05_serverCodeRegisteringDuringACallRegistersForItsOwnEnvironment() {
        runtime.register("register_then_fail", a -> {
            AnvilServer.registerExceptionType("test.RegisteredInACall", InvoiceError.class);
            throw new InvoiceError("late");
        });

        assertThatThrownBy(() -> runtime.browser().call("register_then_fail"))
                .isExactlyInstanceOf(InvoiceError.class).hasMessage("late");
        assertThat(runtime.exceptionTypes().nameOf(InvoiceError.class)).isEqualTo("test.RegisteredInACall");
        assertThat(ExceptionTypes.global().nameOf(InvoiceError.class)).as("not process-wide")
                .isEqualTo("InvoiceError");
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
