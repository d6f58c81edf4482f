package dev.anvilcheck.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.users.AuthenticationFailed;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireErrorTest {

    public static class InvoiceError extends AnvilWrappedError {
        public InvoiceError(String message) {
            super(message);
        }
    }

    public static class Unregistered extends AnvilWrappedError {
        public Unregistered(String message) {
            super(message);
        }
    }

    static class Hidden extends AnvilWrappedError {
        Hidden(String message) {
            super(message);
        }
    }

    @Test
    void err01_builtInErrorsCrossUnderTheirAnvilNames() {
        WireError error = WireError.of(new PermissionDenied("no"));
        assertThat(error.type()).isEqualTo("anvil.server.PermissionDenied");
        assertThat(error.message()).isEqualTo("no");
        assertThat(error.trace()).isNotEmpty();
        assertThat(error.trace().get(0).file()).isEqualTo("WireErrorTest.java");
    }

    @Test
    void err01_otherJavaErrorsCrossUnderTheirSimpleNameAndPythonErrorsUnderThePythonName() {
        assertThat(WireError.of(new IllegalStateException("x")).type()).isEqualTo("IllegalStateException");
        assertThat(WireError.of(new TypeError("x")).type()).isEqualTo("TypeError");
        assertThat(WireError.of(new NullPointerException()).message()).isEmpty();
    }

    @Test
    void err02_unregisteredTypesArriveWrappedKeepingTypeAndMessage() {
        RuntimeException received = new WireError("ValueError", "x", List.of()).toException();
        assertThat(received).isExactlyInstanceOf(AnvilWrappedError.class).hasMessage("x");
        assertThat(((AnvilWrappedError) received).wireType()).isEqualTo("ValueError");
        assertThat(received).hasToString("AnvilWrappedError(ValueError('x'))");
        assertThat(new WireError(null, "untyped", List.of()).toException())
                .isExactlyInstanceOf(AnvilWrappedError.class);
    }

    @Test
    void err02_everyBuiltInTypeArrivesAsItself() {
        for (AnvilError e : List.<AnvilError>of(new AppOfflineError("m"), new BackgroundTaskError("m"),
                new BackgroundTaskKilled("m"), new BackgroundTaskNotFound("m"), new CookieError("m"),
                new ExecutionTerminatedError("m"), new InternalError("m"), new InvalidResponseError("m"),
                new NoServerFunctionError("m"), new PermissionDenied("m"), new QuotaExceededError("m"),
                new RuntimeUnavailableError("m"), new SerializationError("m"), new ServiceNotAdded("m"),
                new SessionExpiredError("m"), new TimeoutError("m"), new UplinkDisconnectedError("m"),
                new AuthenticationFailed("m"))) {
            RuntimeException received = WireError.of(e).toException();
            assertThat(received).isExactlyInstanceOf(e.getClass()).hasMessage("m").isNotSameAs(e);
            assertThat(((AnvilError) received).remoteTrace()).isNotEmpty();
        }
    }

    @Test
    void err03_keyErrorArrivesAsKeyError() {
        assertThat(WireError.of(new KeyError("k")).toException()).isExactlyInstanceOf(KeyError.class).hasMessage("k");
    }

    @Test
    void err05_registeredApplicationErrorsRoundTripAsThemselves() {
        AnvilServer.registerExceptionType("myapp.InvoiceError", InvoiceError.class);
        WireError sent = WireError.of(new InvoiceError("overdue"));
        assertThat(sent.type()).isEqualTo("myapp.InvoiceError");
        assertThat(sent.toException()).isExactlyInstanceOf(InvoiceError.class).hasMessage("overdue");
    }

    @Test
    void err05_unregisteredSubclassesArriveWrappedUnderTheirSimpleName() {
        RuntimeException received = WireError.of(new Unregistered("x")).toException();
        assertThat(received).isExactlyInstanceOf(AnvilWrappedError.class);
        assertThat(((AnvilWrappedError) received).wireType()).isEqualTo("Unregistered");
    }

    @Test
    void err05_registrationRefusesClassesItCannotInstantiate() {
        assertThatThrownBy(() -> AnvilServer.registerExceptionType("x.Hidden", Hidden.class))
                .isInstanceOf(TypeError.class)
                .hasMessageContaining(Hidden.class.getName());
    }
}
