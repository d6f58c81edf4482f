package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.broken.DeliversNoEvents;
import dev.anvilcheck.tck.broken.DropsCapabilityUpdates;
import dev.anvilcheck.tck.broken.DropsNarrowing;
import dev.anvilcheck.tck.broken.ForgetsCookies;
import dev.anvilcheck.tck.broken.IgnoresCapabilityMacs;
import dev.anvilcheck.tck.clauses.CapabilityVerification;
import dev.anvilcheck.tck.clauses.EventVerification;
import dev.anvilcheck.tck.clauses.SessionVerification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The capability, cookie and event tests against deliberately broken runtimes (CONVENTIONS 4): each
 * runtime breaks one clause, and the suite fails it on that clause with the message a vendor
 * reads, while the tests of clauses it keeps still pass.
 */
class CapabilitiesCookiesEventsBrokenRuntimeTest {

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(Throwable::getMessage).orElse("<no throwable>");
    }

    private static void assertFailed(TestExecutionResult result) {
        assertThat(result.getStatus()).isEqualTo(Status.FAILED);
        assertThat(result.getThrowable()).containsInstanceOf(ClauseViolation.class);
    }

    @Test
    void acceptingCapabilitiesWhateverTheirMacFailsCap20AndCap08() {
        Map<String, TestExecutionResult> results = SuiteRun.against(IgnoresCapabilityMacs.class)
                .methods(CapabilityVerification.class, "required_CAP_20_capabilitiesAreBoundToTheirSession",
                        "required_CAP_08_untrustedCallersNeedTheIssuedMac",
                        "required_CAP_13_resultIsPaddedWithNone");
        TestExecutionResult cap20 = results.get("required_CAP_20_capabilitiesAreBoundToTheirSession");
        assertFailed(cap20);
        assertThat(message(cap20)).matches("\\[CAP-20] expected: RuntimeException; observed: returned "
                + "\\[\"doc\", 42 \\(Long\\)] \\(ArrayList\\); caller: BROWSER; function: 'accept'; waited: \\d+ ms");
        TestExecutionResult cap08 = results.get("required_CAP_08_untrustedCallersNeedTheIssuedMac");
        assertFailed(cap08);
        assertThat(message(cap08)).startsWith("[CAP-08] expected: RuntimeException; observed: returned");
        assertThat(results.get("required_CAP_13_resultIsPaddedWithNone").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void losingTheClientsNarrowingFailsCap05() {
        Map<String, TestExecutionResult> results = SuiteRun.against(DropsNarrowing.class)
                .methods(CapabilityVerification.class, "required_CAP_05_narrowReturnsANewNarrowerCapability",
                        "required_CAP_20_capabilitiesAreBoundToTheirSession");
        TestExecutionResult cap05 = results.get("required_CAP_05_narrowReturnsANewNarrowerCapability");
        assertFailed(cap05);
        assertThat(message(cap05)).startsWith("[CAP-05] expected: scope the function received = [\"doc\", 42 (Long),"
                + " \"page\", 3 (Long)] (List); observed: scope the function received = [\"doc\", 42 (Long)]"
                + " (ArrayList); caller: BROWSER; function: 'accept'");
        assertThat(results.get("required_CAP_20_capabilitiesAreBoundToTheirSession").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void updatesThatNeverReachTheCallersCapabilityFailCap17AndCap18() {
        Map<String, TestExecutionResult> results = SuiteRun.against(DropsCapabilityUpdates.class)
                .methods(CapabilityVerification.class, "required_CAP_17_sendUpdateAccumulates",
                        "required_CAP_18_updatesFlowBackThroughNestedCalls",
                        "required_CAP_18_noUpdateWithoutOneOrOnFailure");
        TestExecutionResult cap17 = results.get("required_CAP_17_sendUpdateAccumulates");
        assertFailed(cap17);
        assertThat(message(cap17)).startsWith("[CAP-17] expected: updates the browser's handler received ="
                + " [{\"a\": 1 (Long), \"b\": 2 (Long)}] (List); observed: updates the browser's handler received"
                + " = [] (CopyOnWriteArrayList); caller: BROWSER; function: 'merge'");
        TestExecutionResult cap18 = results.get("required_CAP_18_updatesFlowBackThroughNestedCalls");
        assertFailed(cap18);
        assertThat(message(cap18)).startsWith("[CAP-18] expected: updates the browser's capability received");
        assertThat(results.get("required_CAP_18_noUpdateWithoutOneOrOnFailure").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void cookiesDroppedBetweenCallsFailSess16() {
        Map<String, TestExecutionResult> results = SuiteRun.against(ForgetsCookies.class)
                .methods(SessionVerification.class, "optional_SESS_16_cookiesPersistAcrossCalls",
                        "optional_SESS_17_cookiesOutsideBrowserSessionsRaiseCookieError");
        TestExecutionResult sess16 = results.get("optional_SESS_16_cookiesPersistAcrossCalls");
        assertFailed(sess16);
        assertThat(message(sess16)).startsWith("[SESS-16] expected: cookies.local['k'] on a later call = \"v\";"
                + " observed: cookies.local['k'] on a later call = \"<absent>\"; caller: BROWSER;"
                + " function: 'cookie_get'");
        assertThat(results.get("optional_SESS_17_cookiesOutsideBrowserSessionsRaiseCookieError").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void eventsThatNeverReachTheBrowserFailMisc05OnTheWait() {
        Map<String, TestExecutionResult> results = SuiteRun.against(DeliversNoEvents.class)
                .with(TestEnvironment.TIMEOUT_PROPERTY, "200")
                .methods(EventVerification.class, "optional_MISC_05_eventReachesTheCurrentSession",
                        "optional_MISC_05_listAndReadClientSessions");
        TestExecutionResult misc05 = results.get("optional_MISC_05_eventReachesTheCurrentSession");
        assertFailed(misc05);
        assertThat(message(misc05)).matches("\\[MISC-05] expected: the raising browser's 'ping' handler to receive"
                + " the event within 200 ms; observed: it did not happen; caller: -; function: -; waited: \\d+ ms");
        assertThat(results.get("optional_MISC_05_listAndReadClientSessions").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }
}
