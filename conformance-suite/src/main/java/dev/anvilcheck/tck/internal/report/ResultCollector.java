package dev.anvilcheck.tck.internal.report;

import dev.anvilcheck.tck.internal.TestName;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Listens to a certification run: collects one {@link TestResult} per test, with the clause its
 * method name carries and the notes it published, and the failures of containers (e.g. a class
 * that could not start); and, when given a stream, prints a progress line per test class and per
 * test ({@code [ 12] PASS [CALL-05] ...}, the failure message on the next line).
 */
public final class ResultCollector implements TestExecutionListener {
    private final PrintStream out;
    private final List<TestResult> results = new ArrayList<>();
    private final List<String> containerFailures = new ArrayList<>();
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, List<TestResult.Note>> notes = new ConcurrentHashMap<>();

    /**
     * Creates the collector.
     *
     * @param out where progress lines go, or {@code null} for none
     */
    public ResultCollector(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        print("Running " + testPlan.countTestIdentifiers(TestIdentifier::isTest)
                + " conformance tests (parameterized ones count once per method here)");
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        started.put(test.getUniqueId(), System.nanoTime());
        if (test.getSource().orElse(null) instanceof ClassSource source) {
            synchronized (this) {
                print("== " + test.getDisplayName() + " (" + source.getJavaClass().getSimpleName() + ")");
            }
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, TestStatus.NOT_APPLICABLE, reason);
        } else {
            print("  SKIP " + test.getDisplayName() + ": " + reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        String detail = result.getThrowable().map(error -> message(error, result.getStatus())).orElse(null);
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (test.isTest()) {
                    record(test, TestStatus.PASSED, null);
                }
            }
            case ABORTED -> {
                if (test.isTest()) {
                    record(test, TestStatus.NOT_APPLICABLE, detail);
                } else {
                    print("  N/A  " + test.getDisplayName() + ": " + detail);
                }
            }
            case FAILED -> {
                if (test.isTest()) {
                    record(test, TestStatus.FAILED, detail);
                } else {
                    String where = test.getSource().map(ResultCollector::describe).orElse(test.getDisplayName());
                    containerFailures.add(where + ": " + detail);
                    print("  FAIL " + test.getDisplayName() + " (not a test: its tests did not run): " + detail);
                }
            }
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, value) -> {
            notes.computeIfAbsent(test.getUniqueId(), k -> new ArrayList<>()).add(new TestResult.Note(key, value));
            synchronized (this) {
                print("       note " + key + ": " + value);
            }
        });
    }

    /**
     * The results collected so far, in the order the tests finished.
     *
     * @return the results
     */
    public synchronized List<TestResult> results() {
        return List.copyOf(results);
    }

    /**
     * Failures of containers, whose tests did not run: each a line naming the container.
     *
     * @return the failures
     */
    public synchronized List<String> containerFailures() {
        return List.copyOf(containerFailures);
    }

    private void record(TestIdentifier test, TestStatus status, String detail) {
        Long start = started.remove(test.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Optional<TestSource> source = test.getSource();
        String clause = null;
        String name = test.getDisplayName();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            clause = TestName.parse(method.getMethodName()).map(TestName::clause).orElse(null);
            name = method.getJavaClass().getSimpleName() + "#" + method.getMethodName();
        }
        List<TestResult.Note> published = notes.remove(test.getUniqueId());
        results.add(new TestResult(clause, name, test.getDisplayName(), status,
                status == TestStatus.PASSED ? null : detail, millis, published == null ? List.of() : published));
        print(String.format("[%3d] %s %s%s", results.size(), status.tag(), test.getDisplayName(),
                detail == null || status == TestStatus.PASSED ? "" : "\n          " + detail));
    }

    private void print(String line) {
        if (out != null) {
            out.println(line);
        }
    }

    private static String describe(TestSource source) {
        if (source instanceof ClassSource c) {
            return c.getClassName();
        }
        if (source instanceof MethodSource m) {
            return m.getClassName() + "#" + m.getMethodName();
        }
        return source.toString();
    }

    /**
     * A failure's message: an assertion's (the suite's template) or an abort's as it is; any other
     * exception, which a test did not expect, with its type.
     */
    private static String message(Throwable error, TestExecutionResult.Status status) {
        boolean plain = error instanceof AssertionError || status == TestExecutionResult.Status.ABORTED;
        return plain && error.getMessage() != null ? error.getMessage() : error.toString();
    }
}
