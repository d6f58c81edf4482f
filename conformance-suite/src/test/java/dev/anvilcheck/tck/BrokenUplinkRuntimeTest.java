package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.broken.AcceptsWrongUplinkKeys;
import dev.anvilcheck.tck.broken.TrustsClientUplinks;
import dev.anvilcheck.tck.clauses.UplinkVerification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/** The UPL clause tests fail runtimes that are broken on the wire, on the right clause. */
class BrokenUplinkRuntimeTest {

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(Throwable::getMessage).orElse("<no throwable>");
    }

    @Test
    void acceptingAWrongKeyFailsUpl03() {
        Map<String, TestExecutionResult> results = SuiteRun.against(AcceptsWrongUplinkKeys.class)
                .methods(UplinkVerification.class, "optional_UPL_03_wrongKeyIsRefused",
                        "optional_UPL_08_serverKeyIsTrusted");
        TestExecutionResult upl03 = results.get("optional_UPL_03_wrongKeyIsRefused");
        assertThat(upl03.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(upl03)).startsWith("[UPL-03] expected: UplinkFatalError; observed: returned ");
        assertThat(results.get("optional_UPL_08_serverKeyIsTrusted").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void trustingClientUplinksFailsUpl06AndUpl07() {
        Map<String, TestExecutionResult> results = SuiteRun.against(TrustsClientUplinks.class)
                .methods(UplinkVerification.class, "optional_UPL_06_clientKeyMayNotRegister",
                        "optional_UPL_07_clientKeyIsUntrusted");
        TestExecutionResult upl06 = results.get("optional_UPL_06_clientKeyMayNotRegister");
        assertThat(upl06.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(upl06)).startsWith("[UPL-06] expected: UplinkFatalError; observed: returned ");
        TestExecutionResult upl07 = results.get("optional_UPL_07_clientKeyIsUntrusted");
        assertThat(upl07.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(upl07)).startsWith("[UPL-07] expected: privilege granted to the client key = \"client\";"
                + " observed: privilege granted to the client key = \"uplink\"");
    }
}
