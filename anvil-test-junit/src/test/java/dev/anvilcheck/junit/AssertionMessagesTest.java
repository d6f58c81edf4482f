package dev.anvilcheck.junit;

import static dev.anvilcheck.junit.AnvilAssertions.assertThatCall;
import static dev.anvilcheck.junit.AnvilAssertions.assertThatFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.junit.fixtures.Desk;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.RuntimeFaults;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedServerModule;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.users.AuthenticationFailed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Failure messages name the function, the caller type and, where it applies, the clause. */
@AnvilTest(modules = Desk.class)
class AssertionMessagesTest {

    @Test
    void passingAssertions(SimulatedBrowser browser, CallJournal journal) {
        assertThatCall(browser, "echo", List.of(1, 2)).returned(List.of(1L, 2L)).returned(new Object[] {1, 2});
        assertThat(assertThatCall(browser, "echo", "x").returnedValue()).isEqualTo("x");
        assertThat(assertThatCall(browser, "nope").raised(NoServerFunctionError.class)
                .withMessage("No server function matching \"nope\" has been registered").error()).isNotNull();
        assertThatCall(journal.calls().get(0)).returned();
        assertThatFunction(journal, "echo").wasCalled(2).wasCalled().by(CallerKind.BROWSER);
        assertThatFunction(journal, "send_mail").wasNeverCalled();
    }

    @Test
    void returnedButRaisedNamesFunctionCallerAndClause(SimulatedBrowser browser) {
        assertThatThrownBy(() -> assertThatCall(browser, "whoami").returned())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("Expected the call whoami() by BROWSER to return, but it raised"
                        + " anvil.users.AuthenticationFailed: You must be logged in")
                .hasMessageContaining("AUTH-01: the function requires a logged-in user");
        assertThatThrownBy(() -> assertThatCall(browser, "task:digest", "x").returned())
                .hasMessageContaining("by BROWSER").hasMessageContaining("CALL-11");
    }

    @Test
    void wrongValue(SimulatedBrowser browser) {
        AssertionFailedError e = catchFailure(() -> assertThatCall(browser, "echo", 3).returned("3"));
        assertThat(e).hasMessage("Expected the call echo(3) by BROWSER to return \"3\", but it returned 3"
                + " (a java.lang.String against a java.lang.Long)");
        assertThat(e.getExpected().getValue()).isEqualTo("3");
        assertThat(e.getActual().getValue()).isEqualTo(3L);
    }

    @Test
    void raisedButReturnedOrRaisedAnother(SimulatedBrowser browser, RuntimeFaults faults) {
        assertThatThrownBy(() -> assertThatCall(browser, "echo", 3).raised(PermissionDenied.class))
                .hasMessage("Expected the call echo(3) by BROWSER to raise " + PermissionDenied.class.getName()
                        + ", but it returned 3");
        faults.timeOut("echo");
        assertThatThrownBy(() -> assertThatCall(browser, "echo", 3).raised(PermissionDenied.class))
                .hasMessageContaining("but it raised " + TimeoutError.class.getName())
                .hasMessageContaining("ERR-06: the call ran past the runtime's call timeout");
        assertThatThrownBy(() -> assertThatCall(browser, "whoami").raised(AuthenticationFailed.class)
                .withMessageContaining("admin"))
                .hasMessageContaining("to raise AuthenticationFailed with a message containing \"admin\", but its"
                        + " message was \"You must be logged in");
    }

    @Test
    void journalCountCallerAndArguments(SimulatedBrowser browser, SimulatedServerModule server, CallJournal journal) {
        browser.call("notify", "ann");
        assertThatThrownBy(() -> assertThatFunction(journal, "send_mail").wasCalled(2))
                .hasMessageContaining("Expected 'send_mail' to be called 2 times, but it was called once."
                        + " Calls recorded:\n  #1 notify(\"ann\") by BROWSER -> returned \"mailed ann\"");
        assertThatThrownBy(() -> assertThatFunction(journal, "send_mail").by(CallerKind.BACKGROUND_TASK))
                .hasMessageContaining("Expected 'send_mail' to be called by BACKGROUND_TASK, but call #2 was by"
                        + " SERVER_MODULE (remote caller server_module, client browser)")
                .hasMessageContaining("CTX-03, CTX-05");
        assertThatThrownBy(() -> assertThatFunction(journal, "send_mail").withArguments("bob", "hello"))
                .hasMessageContaining("Expected 'send_mail' to be called with (\"bob\", \"hello\"), but call #2 by"
                        + " SERVER_MODULE had (\"ann\", \"hello\")");
        assertThatThrownBy(() -> assertThatFunction(journal, "notify").wasNeverCalled())
                .hasMessageContaining("Expected 'notify' to be called never, but it was called once");
        assertThatThrownBy(() -> assertThatFunction(journal, "digest").wasCalled())
                .hasMessageContaining("to be called at least once, but it was called never");
        server.call("notify", "bob");
        assertThatFunction(journal, "notify").wasCalled(2);
    }

    private static AssertionFailedError catchFailure(Runnable r) {
        try {
            r.run();
        } catch (AssertionFailedError e) {
            return e;
        }
        throw new AssertionError("no failure");
    }
}
