package dev.anvilcheck.tck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import dev.anvilcheck.tck.SuiteRuns;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Certifies the reference runtime's serve mode over the wire and compares every verdict with the
 * in-memory run: each clause test passes over the wire exactly when it passes in memory, or is not
 * applicable there because the wire cannot observe it; none fails.
 */
class WireConformanceTest {

    @Test
    @DisplayName("every wire-observable clause passes over the Uplink with the same verdict as in memory")
    void sameVerdictsAsInMemory(org.junit.jupiter.api.TestReporter reporter) {
        Map<String, TestExecutionResult> wire = SuiteRuns.allClauses(InProcessWireProvider.class);
        Map<String, TestExecutionResult> memory = SuiteRuns.allClauses(ReferenceRuntimeProvider.class);
        Map<String, String> differences = new TreeMap<>();
        int passed = 0;
        java.util.List<String> wirePassed = new java.util.ArrayList<>();
        for (Map.Entry<String, TestExecutionResult> e : wire.entrySet()) {
            TestExecutionResult.Status w = e.getValue().getStatus();
            TestExecutionResult m = memory.get(e.getKey());
            if (w == TestExecutionResult.Status.SUCCESSFUL) {
                passed++;
            }
            if (e.getKey().startsWith("optional_UPL_") && w == TestExecutionResult.Status.SUCCESSFUL) {
                wirePassed.add(e.getKey());
            }
            if (w == TestExecutionResult.Status.FAILED || (w == TestExecutionResult.Status.SUCCESSFUL
                    && (m == null || m.getStatus() != TestExecutionResult.Status.SUCCESSFUL))) {
                differences.put(e.getKey(), w + " over the wire, " + (m == null ? "absent" : m.getStatus())
                        + " in memory: " + e.getValue().getThrowable().map(Throwable::toString).orElse(""));
            }
        }
        StringBuilder report = new StringBuilder();
        differences.forEach((k, v) -> report.append(k).append("\n    ").append(v).append('\n'));
        assertThat(differences).as("clause tests whose verdict over the wire differs:%n%s", report).isEmpty();
        assertThat(passed).as("clause tests passed over the wire").isGreaterThan(50);
        assertThat(wirePassed).as("UPL clause tests passed over the wire").hasSize(16);
        reporter.publishEntry("passed over the wire", String.valueOf(passed));
        reporter.publishEntry("not applicable over the wire", String.valueOf(wire.values().stream()
                .filter(r -> r.getStatus() == TestExecutionResult.Status.ABORTED).count()));
    }
}
