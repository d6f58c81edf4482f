package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.broken.DeclaresNoFeatures;
import dev.anvilcheck.tck.broken.KillResetsTaskState;
import dev.anvilcheck.tck.broken.KilledTaskReportedCompleted;
import dev.anvilcheck.tck.broken.UnknownTaskIdFound;
import dev.anvilcheck.tck.clauses.CallVerification;
import dev.anvilcheck.tck.clauses.TaskStateVerification;
import dev.anvilcheck.tck.clauses.TaskVerification;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The TASK tests against deliberately broken runtimes (CONVENTIONS 4): each breaks one task clause, and
 * the suite must fail it on that clause, with the message a vendor reads.
 */
class BrokenTaskRuntimeTest {

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(Throwable::getMessage).orElse("<no throwable>");
    }

    @Test
    void aKilledTaskReportedCompletedFailsTask15() {
        Map<String, TestExecutionResult> results = SuiteRun.against(KilledTaskReportedCompleted.class)
                .methods(TaskVerification.class, "optional_TASK_15_killEndsTheTaskAsKilled",
                        "optional_TASK_08_noneWhileRunningThenCompleted");
        TestExecutionResult task15 = results.get("optional_TASK_15_killEndsTheTaskAsKilled");
        assertThat(task15.getStatus()).isEqualTo(Status.FAILED);
        assertThat(task15.getThrowable()).containsInstanceOf(ClauseViolation.class);
        assertThat(message(task15)).matches("\\[TASK-15] expected: task.get_termination_status\\(\\) = \"killed\";"
                + " observed: task.get_termination_status\\(\\) = \"completed\"; caller: SERVER_MODULE;"
                + " function: 'victim'; waited: \\d+ ms");
        assertThat(results.get("optional_TASK_08_noneWhileRunningThenCompleted").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void aKilledTaskReportedCompletedAlsoFailsTask08() {
        TestExecutionResult result = SuiteRun.against(KilledTaskReportedCompleted.class)
                .methods(TaskVerification.class, "optional_TASK_08_terminalStatusNeverChanges")
                .get("optional_TASK_08_terminalStatusNeverChanges");
        assertThat(result.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(result)).startsWith("[TASK-08] expected: task.get_termination_status() = \"killed\";"
                + " observed: task.get_termination_status() = \"completed\"; caller: SERVER_MODULE;"
                + " function: 'killed'");
    }

    @Test
    void resettingTheStateOfAKilledTaskFailsTask13() {
        Map<String, TestExecutionResult> results = SuiteRun.against(KillResetsTaskState.class)
                .methods(TaskVerification.class, "optional_TASK_13_killedTaskKeepsTheStateOfTheKill",
                        "optional_TASK_13_finalStateAfterTheEnd");
        TestExecutionResult killed = results.get("optional_TASK_13_killedTaskKeepsTheStateOfTheKill");
        assertThat(killed.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(killed)).startsWith("[TASK-13] expected: task.get_state() of the killed task ="
                + " {\"progress\": 1 (Long)} (Map); observed: task.get_state() of the killed task = {} (Map);"
                + " caller: SERVER_MODULE; function: 'victim'");
        assertThat(results.get("optional_TASK_13_finalStateAfterTheEnd").getStatus()).isEqualTo(Status.SUCCESSFUL);
    }

    @Test
    void findingAnUnknownTaskIdFailsTask19() {
        TestExecutionResult result = SuiteRun.against(UnknownTaskIdFound.class)
                .methods(TaskVerification.class, "optional_TASK_19_getBackgroundTaskById")
                .get("optional_TASK_19_getBackgroundTaskById");
        assertThat(result.getStatus()).isEqualTo(Status.FAILED);
        assertThat(message(result)).startsWith("[TASK-19] expected: BackgroundTaskNotFound; observed: returned Task[");
        assertThat(message(result)).contains("caller: UPLINK; function: -");
    }

    @Test
    void withoutTheFeatureTaskTestsAreNotApplicableAndTask06StillRuns() {
        Map<String, TestExecutionResult> results = SuiteRun.against(DeclaresNoFeatures.class)
                .methods(TaskVerification.class, "optional_TASK_01_launchReturnsWithoutWaiting");
        results.putAll(SuiteRun.against(DeclaresNoFeatures.class)
                .methods(TaskStateVerification.class, "required_TASK_06_taskStateOutsideATaskRaises"));
        TestExecutionResult task01 = results.get("optional_TASK_01_launchReturnsWithoutWaiting");
        assertThat(task01.getStatus()).isEqualTo(Status.ABORTED);
        assertThat(message(task01)).isEqualTo("[TASK-01] not applicable: runtime 'DeclaresNoFeatures' does not"
                + " declare Feature.BACKGROUND_TASKS, which this clause's test needs");
        assertThat(results.get("required_TASK_06_taskStateOutsideATaskRaises").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
        assertThat(SuiteRun.against(DeclaresNoFeatures.class)
                .methods(CallVerification.class, "optional_CALL_12_backgroundTaskNotCallableByPlainName")
                .get("optional_CALL_12_backgroundTaskNotCallableByPlainName").getStatus()).isEqualTo(Status.ABORTED);
    }
}
