package dev.anvilcheck.tck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import dev.anvilcheck.tck.SuiteRuns;
import dev.anvilcheck.tck.internal.Exclusions;
import dev.anvilcheck.tck.internal.OverTheWire;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

/**
 * Certifies the reference runtime's serve mode over the wire and compares every verdict with the
 * in-memory run: each clause test passes over the wire exactly when it passes in memory, or is not
 * applicable there because the wire cannot observe it; none fails. The Uplink's own clause tests
 * (UPL) pass over the wire exactly as in memory, but for those the list of exclusions excuses there.
 */
class WireConformanceTest {

    @Test
    @DisplayName("every wire-observable clause passes over the Uplink with the same verdict as in memory")
    void sameVerdictsAsInMemory(org.junit.jupiter.api.TestReporter reporter) {
        Map<String, TestExecutionResult> wire = SuiteRuns.allClauses(InProcessWireProvider.class);
        Map<String, TestExecutionResult> memory = SuiteRuns.allClauses(ReferenceRuntimeProvider.class);
        Map<String, String> differences = new TreeMap<>();
        int passed = 0;
        Set<String> uplinkOverWire = new TreeSet<>();
        Set<String> uplinkInMemory = new TreeSet<>();
        memory.forEach((test, result) -> {
            String method = test.split(" ", 2)[0];
            if (method.startsWith("optional_UPL_") && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                    && !excusedOverTheWire(method)) {
                uplinkInMemory.add(test);
            }
        });
        for (Map.Entry<String, TestExecutionResult> e : wire.entrySet()) {
            TestExecutionResult.Status w = e.getValue().getStatus();
            TestExecutionResult m = memory.get(e.getKey());
            if (w == TestExecutionResult.Status.SUCCESSFUL) {
                passed++;
            }
            if (e.getKey().startsWith("optional_UPL_") && w == TestExecutionResult.Status.SUCCESSFUL) {
                uplinkOverWire.add(e.getKey());
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
        // the Uplink's own clauses are observable over the wire: each one that passes in memory
        // passes there too, unless the reviewed list of exclusions excuses it for the wire
        assertThat(uplinkInMemory).as("UPL clause tests passed in memory, less those excused over the wire")
                .isNotEmpty();
        assertThat(uplinkOverWire).as("UPL clause tests passed over the wire").isEqualTo(uplinkInMemory);
        reporter.publishEntry("passed over the wire", String.valueOf(passed));
        reporter.publishEntry("not applicable over the wire", String.valueOf(wire.values().stream()
                .filter(r -> r.getStatus() == TestExecutionResult.Status.ABORTED).count()));
    }

    /** Whether the list of exclusions excuses the test method {@code method} for every runtime over the wire. */
    private static boolean excusedOverTheWire(String method) {
        String scope = "transport:" + OverTheWire.TRANSPORT;
        return Exclusions.entries().stream().anyMatch(e -> e.scope().equals(scope) && e.test().equals(method));
    }
}
