package dev.anvilcheck.tck.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Listens to a certification run: prints one line per finished test and, at the end, one line per
 * area ({@code CALL: 20 passed, 0 failed, 3 not applicable, 2 untested}) and an overall line. The
 * area of a test comes from the clause in its method name; an aborted {@code untested_} test counts
 * as untested, any other aborted or skipped test as not applicable. Failures outside tests (e.g.
 * a class that could not start) count as failed, in the area {@code SUITE}.
 */
public final class CertificationReport implements TestExecutionListener {
    private final PrintStream out;
    private final Map<String, Counts> byArea = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * Creates the report.
     *
     * @param out where to print
     */
    public CertificationReport(PrintStream out) {
        this.out = out;
        for (String area : ClauseCatalog.areas()) {
            byArea.put(area, new Counts());
        }
    }

    /** Counts of one area. */
    public static final class Counts {
        private int passed;
        private int failed;
        private int notApplicable;
        private int untested;

        /** @return tests passed */
        public int passed() {
            return passed;
        }

        /** @return tests failed */
        public int failed() {
            return failed;
        }

        /** @return tests not applicable */
        public int notApplicable() {
            return notApplicable;
        }

        /** @return tests untested */
        public int untested() {
            return untested;
        }

        void add(Counts other) {
            passed += other.passed;
            failed += other.failed;
            notApplicable += other.notApplicable;
            untested += other.untested;
        }

        @Override
        public String toString() {
            return passed + " passed, " + failed + " failed, " + notApplicable + " not applicable, " + untested
                    + " untested";
        }
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        long tests = testPlan.countTestIdentifiers(TestIdentifier::isTest);
        out.println("Running " + tests + " conformance tests");
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            record(test, Outcome.NOT_APPLICABLE, reason);
        } else {
            out.println("  SKIP " + test.getDisplayName() + ": " + reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier test, TestExecutionResult result) {
        Optional<Throwable> error = result.getThrowable();
        String detail = error.map(t -> t.getMessage() == null ? t.toString() : t.getMessage()).orElse("");
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (test.isTest()) {
                    record(test, Outcome.PASSED, "");
                }
            }
            case ABORTED -> {
                if (test.isTest()) {
                    Optional<TestName> name = name(test);
                    boolean untested = name.isPresent() && name.get().level() == TestName.Level.UNTESTED;
                    record(test, untested ? Outcome.UNTESTED : Outcome.NOT_APPLICABLE, detail);
                } else {
                    out.println("  N/A  " + test.getDisplayName() + ": " + detail);
                }
            }
            case FAILED -> {
                if (test.isTest()) {
                    record(test, Outcome.FAILED, detail);
                } else {
                    counts("SUITE").failed++;
                    out.println("  FAIL " + test.getDisplayName() + " (container): " + detail);
                }
            }
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((key, value) -> {
            String line = key + ": " + value + " (" + test.getDisplayName() + ")";
            notes.add(line);
            out.println("       note " + line);
        });
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        out.println();
        if (!notes.isEmpty()) {
            out.println("Implementation-defined choices this runtime showed:");
            notes.forEach(n -> out.println("  " + n));
            out.println();
        }
        Counts total = new Counts();
        byArea.forEach((area, counts) -> {
            out.println(area + ": " + counts);
            total.add(counts);
        });
        out.println("TOTAL: " + total + (total.failed == 0 ? " -- CONFORMS" : " -- DOES NOT CONFORM"));
    }

    /**
     * The counts per area, in report order.
     *
     * @return the counts
     */
    public synchronized Map<String, Counts> byArea() {
        return new LinkedHashMap<>(byArea);
    }

    /**
     * The sum over all areas.
     *
     * @return the total
     */
    public synchronized Counts total() {
        Counts total = new Counts();
        byArea.values().forEach(total::add);
        return total;
    }

    private enum Outcome {
        PASSED("PASS"), FAILED("FAIL"), NOT_APPLICABLE("N/A "), UNTESTED("----");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private void record(TestIdentifier test, Outcome outcome, String detail) {
        String area = name(test).map(TestName::area).orElse("SUITE");
        Counts counts = counts(area);
        switch (outcome) {
            case PASSED -> counts.passed++;
            case FAILED -> counts.failed++;
            case NOT_APPLICABLE -> counts.notApplicable++;
            case UNTESTED -> counts.untested++;
        }
        out.println("  " + outcome.tag + " " + test.getDisplayName()
                + (detail.isEmpty() || outcome == Outcome.PASSED ? "" : "\n         " + detail));
    }

    private Counts counts(String area) {
        return byArea.computeIfAbsent(area, a -> new Counts());
    }

    private static Optional<TestName> name(TestIdentifier test) {
        Optional<TestSource> source = test.getSource();
        if (source.isPresent() && source.get() instanceof MethodSource method) {
            return TestName.parse(method.getMethodName());
        }
        return Optional.empty();
    }
}
