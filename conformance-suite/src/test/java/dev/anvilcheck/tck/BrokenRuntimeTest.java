package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.broken.AcceptsPortableSubclasses;
import dev.anvilcheck.tck.broken.DeclaresNoFeatures;
import dev.anvilcheck.tck.broken.HangingCalls;
import dev.anvilcheck.tck.broken.IgnoresRequireUser;
import dev.anvilcheck.tck.broken.LosesMediaNames;
import dev.anvilcheck.tck.broken.LosesWireTypes;
import dev.anvilcheck.tck.broken.MethodNotAllowedWithoutAllow;
import dev.anvilcheck.tck.broken.QueryOverridesPathParameters;
import dev.anvilcheck.tck.broken.UnknownNameReturns42;
import dev.anvilcheck.tck.clauses.AuthVerification;
import dev.anvilcheck.tck.clauses.CallVerification;
import dev.anvilcheck.tck.clauses.ErrorVerification;
import dev.anvilcheck.tck.clauses.MediaVerification;
import dev.anvilcheck.tck.clauses.PortableClassVerification;
import dev.anvilcheck.tck.clauses.HttpVerification;
import dev.anvilcheck.tck.clauses.SessionVerification;
import dev.anvilcheck.tck.clauses.UntestedVerification;
import dev.anvilcheck.tck.internal.ClauseCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The suite against deliberately broken runtimes (CONVENTIONS 4): each breaks one clause, and the suite
 * must fail it on that clause, with the message a vendor reads; gated and untested tests must
 * never pass.
 */
class BrokenRuntimeTest {

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(Throwable::getMessage).orElse("<no throwable>");
    }

    @Test
    void unknownNameReturningAValueFailsCall05WithTheTemplate() {
        Map<String, TestExecutionResult> results = SuiteRun.against(UnknownNameReturns42.class)
                .methods(CallVerification.class, "required_CALL_05_unknownNameRaisesNoServerFunctionError",
                        "required_CALL_04_callerReceivesReturnValue");
        TestExecutionResult call05 = results.get("required_CALL_05_unknownNameRaisesNoServerFunctionError");
        assertThat(call05.getStatus()).isEqualTo(Status.FAILED);
        assertThat(call05.getThrowable()).containsInstanceOf(ClauseViolation.class);
        assertThat(message(call05)).matches("\\[CALL-05] expected: NoServerFunctionError; observed: returned 42 "
                + "\\(Long\\); caller: BROWSER; function: 'missing_fn'; waited: \\d+ ms");
        assertThat(results.get("required_CALL_04_callerReceivesReturnValue").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void ignoringRequireUserFailsAuth01() {
        TestExecutionResult result = SuiteRun.against(IgnoresRequireUser.class)
                .methods(AuthVerification.class, "required_AUTH_01_noUserRaisesAuthenticationFailed")
                .get("required_AUTH_01_noUserRaisesAuthenticationFailed");
        assertThat(result.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(result)).startsWith("[AUTH-01] expected: AuthenticationFailed; observed: returned null;"
                + " caller: BROWSER; function: 'secret'");
    }

    @Test
    void losingWireTypesFailsErr02() {
        TestExecutionResult result = SuiteRun.against(LosesWireTypes.class)
                .methods(ErrorVerification.class, "required_ERR_02_unregisteredTypesArriveWrapped")
                .get("required_ERR_02_unregisteredTypesArriveWrapped");
        assertThat(result.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(result)).startsWith("[ERR-02] expected: AnvilWrappedError; observed: raised"
                + " RuntimeException: \"bad value\"; caller: BROWSER; function: 'raise'");
    }

    @Test
    void acceptingAnUnregisteredPortableSubclassFailsPort06() {
        Map<String, TestExecutionResult> results = SuiteRun.against(AcceptsPortableSubclasses.class)
                .methods(PortableClassVerification.class, "required_PORT_06_unregisteredSubclassIsRefused",
                        "required_PORT_03_fieldsCross");
        TestExecutionResult port06 = results.get("required_PORT_06_unregisteredSubclassIsRefused");
        assertThat(port06.getStatus()).isEqualTo(Status.FAILED);
        assertThat(port06.getThrowable()).containsInstanceOf(ClauseViolation.class);
        assertThat(message(port06)).startsWith("[PORT-06] expected: SerializationError; observed: returned null;"
                + " caller: BROWSER; function: 'echo'");
        assertThat(results.get("required_PORT_03_fieldsCross").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void losingMediaNamesFailsMedia01() {
        Map<String, TestExecutionResult> results = SuiteRun.against(LosesMediaNames.class)
                .methods(MediaVerification.class, "required_MEDIA_01_mediaCrossesWithTypeNameAndBytes",
                        "required_MEDIA_06_blobMediaRequiresBytes");
        TestExecutionResult media01 = results.get("required_MEDIA_01_mediaCrossesWithTypeNameAndBytes");
        assertThat(media01.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(media01)).startsWith("[MEDIA-01] expected: [content type, name, bytes] of the return value"
                + " = [\"text/plain\", \"hello.txt\", \"aGVsbG8=\"] (List); observed: [content type, name, bytes] of"
                + " the return value = [\"text/plain\", null, \"aGVsbG8=\"] (List); caller: BROWSER; function: 'give'");
    }

    @Test
    void undeclaredFeaturesMakeGatedTestsNotApplicableNeverPassed() {
        Map<String, TestExecutionResult> results = SuiteRun.against(DeclaresNoFeatures.class)
                .methods(SessionVerification.class, "optional_SESS_10_sessionExpiresAfterThirtyIdleMinutes",
                        "optional_SESS_08_laterFinisherLosesItsWrites", "required_SESS_07_commitOnlyOnNormalReturn");
        TestExecutionResult sess10 = results.get("optional_SESS_10_sessionExpiresAfterThirtyIdleMinutes");
        assertThat(sess10.getStatus()).isEqualTo(Status.ABORTED);
        assertThat(message(sess10)).isEqualTo("[SESS-10] not applicable: runtime 'DeclaresNoFeatures' does not"
                + " declare Feature.TIME_CONTROL, which this clause's test needs");
        assertThat(message(results.get("optional_SESS_08_laterFinisherLosesItsWrites")))
                .contains("[SESS-08]", "Feature.CONCURRENT_CALLS");
        assertThat(results.get("required_SESS_07_commitOnlyOnNormalReturn").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void untestedClausesAlwaysAbortWithTheirReason() {
        SuiteRun run = SuiteRun.against(UnknownNameReturns42.class);
        run.classes(UntestedVerification.class);
        TestExecutionResult result = run.invocations().get("untested [CALL-01] call() with no positional argument raises"
                + " TypeError (server/uplink implementation).");
        assertThat(run.invocations()).hasSize(ClauseCatalog.notTestable().size());
        assertThat(result.getStatus()).isEqualTo(Status.ABORTED);
        assertThat(message(result)).startsWith("[CALL-01] not verified by this suite: Python-only");
    }

    @Test
    void hangingRuntimeFailsOnTheTestBudgetInsteadOfStallingTheRun() {
        TestExecutionResult result = SuiteRun.against(HangingCalls.class)
                .with(ConformanceExtension.TEST_TIMEOUT_PROPERTY, "300")
                .methods(CallVerification.class, "required_CALL_10_laterRegistrationWins")
                .get("required_CALL_10_laterRegistrationWins");
        assertThat(result.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(result)).startsWith("[CALL-10] expected: the test to finish within 300 ms");
    }

    @Test
    void unknownRuntimeNameFailsEveryTestLoudly() {
        TestExecutionResult result = SuiteRun.named("no.such.Runtime")
                .methods(CallVerification.class, "required_CALL_10_laterRegistrationWins")
                .get("required_CALL_10_laterRegistrationWins");
        assertThat(result.getStatus()).isEqualTo(Status.FAILED);
        assertThat(result.getThrowable()).containsInstanceOf(RuntimeDiscoveryException.class);
        assertThat(message(result)).contains("Unknown runtime 'no.such.Runtime'", "anvilcheck reference runtime");
    }

    @Test
    void a405WithoutAllowFailsHttp06InMemoryAndTheSocketVariantIsNotApplicable() {
        SuiteRun run = SuiteRun.against(MethodNotAllowedWithoutAllow.class);
        run.methods(HttpVerification.class, "optional_HTTP_06_otherMethodsGet405WithAllow",
                "optional_HTTP_05_formThenQueryThenPath");
        Map<String, TestExecutionResult> results = run.invocations();
        TestExecutionResult inMemory = results.get("optional_HTTP_06_otherMethodsGet405WithAllow over IN_MEMORY");
        assertThat(inMemory.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(inMemory)).matches("\\[HTTP-06] expected: header allow = \"GET, POST\"; observed: header"
                + " allow = null; caller: HTTP; function: 'PUT /_/api/d IN_MEMORY'; waited: \\d+ ms");
        TestExecutionResult loopback = results.get("optional_HTTP_06_otherMethodsGet405WithAllow over LOOPBACK");
        assertThat(loopback.getStatus()).isEqualTo(Status.ABORTED);
        assertThat(message(loopback)).isEqualTo("[HTTP-06] not applicable: runtime 'MethodNotAllowedWithoutAllow'"
                + " does not declare Feature.HTTP_LOOPBACK, which this clause's test needs");
        assertThat(results.get("optional_HTTP_05_formThenQueryThenPath over IN_MEMORY").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void queryParametersOverridingPathParametersFailHttp05OverBothTransports() {
        SuiteRun run = SuiteRun.against(QueryOverridesPathParameters.class);
        run.methods(HttpVerification.class, "optional_HTTP_05_formThenQueryThenPath",
                "optional_HTTP_06_otherMethodsGet405WithAllow");
        Map<String, TestExecutionResult> results = run.invocations();
        for (String transport : new String[] {"IN_MEMORY", "LOOPBACK"}) {
            TestExecutionResult result = results.get("optional_HTTP_05_formThenQueryThenPath over " + transport);
            assertThat(result.getStatus()).as(transport).isEqualTo(Status.FAILED);
            assertThat(message(result)).as(transport).isEqualTo("[HTTP-05] expected: keyword arguments = {\"a\":"
                    + " \"path\", \"b\": \"query\", \"c\": \"form\"} (TreeMap); observed: keyword arguments = {\"a\":"
                    + " \"query\", \"b\": \"query\", \"c\": \"form\"} (Map); caller: HTTP; function: '/k/:a';"
                    + " waited: 0 ms");
            assertThat(results.get("optional_HTTP_06_otherMethodsGet405WithAllow over " + transport).getStatus())
                    .isEqualTo(Status.SUCCESSFUL);
        }
    }
}
