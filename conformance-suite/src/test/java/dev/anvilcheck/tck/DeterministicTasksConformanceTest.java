package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.clauses.AuthVerification;
import dev.anvilcheck.tck.clauses.CallVerification;
import dev.anvilcheck.tck.clauses.ContextVerification;
import dev.anvilcheck.tck.clauses.SessionVerification;
import dev.anvilcheck.tck.clauses.TaskVerification;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Certifies the reference runtime's second execution mode of background tasks
 * ({@code TaskExecution.DETERMINISTIC}) with the same task tests as the default mode: none may fail;
 * only the tests that need tasks on threads of their own are not applicable.
 */
class DeterministicTasksConformanceTest {

    private static Map<String, String> notPassed(Map<String, TestExecutionResult> results) {
        Map<String, String> out = new TreeMap<>();
        results.forEach((name, result) -> {
            if (result.getStatus() != Status.SUCCESSFUL) {
                out.put(name, result.getStatus() + ": "
                        + result.getThrowable().map(Throwable::getMessage).orElse(""));
            }
        });
        return out;
    }

    @Test
    void everyTaskTestPassesOrNeedsConcurrentTasks() {
        Map<String, TestExecutionResult> results = SuiteRun.against(DeterministicTasksReference.class)
                .classes(TaskVerification.class);
        assertThat(results).containsKeys("optional_TASK_01_launchReturnsBeforeTheTaskRuns",
                "optional_TASK_15_killEndsTheTaskAsKilled");
        assertThat(results.get("optional_TASK_01_launchReturnsBeforeTheTaskRuns").getStatus())
                .isEqualTo(Status.SUCCESSFUL);
        assertThat(notPassed(results)).allSatisfy((name, outcome) -> assertThat(outcome)
                .as(name).matches("ABORTED: \\[TASK-\\d\\d] (not applicable: .*Feature.CONCURRENT_TASKS.*"
                        + "|not verified by this suite: .*)"));
    }

    @Test
    void theTaskTestsOfOtherAreasPass() {
        SuiteRun run = SuiteRun.against(DeterministicTasksReference.class);
        Map<String, TestExecutionResult> results = new TreeMap<>();
        results.putAll(run.methods(CallVerification.class, "optional_CALL_12_backgroundTaskNotCallableByPlainName"));
        results.putAll(run.methods(AuthVerification.class, "optional_AUTH_05_launchedTaskHasNoUser"));
        results.putAll(run.methods(ContextVerification.class, "optional_CTX_08_launchedTaskSeesItsLaunchersFrame",
                "optional_CTX_09_launchedTaskSeesItsId"));
        results.putAll(run.methods(SessionVerification.class, "optional_SESS_14_launchedTaskHasOwnEmptySession"));
        assertThat(results).hasSize(5);
        assertThat(notPassed(results)).isEmpty();
    }
}
