package dev.anvilcheck.tck.internal.report;

import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.ClauseCatalog.Extent;
import dev.anvilcheck.tck.internal.ClauseCatalog.NotTestable;
import dev.anvilcheck.tck.internal.Specification;
import dev.anvilcheck.tck.internal.report.ConformanceReport.AreaSummary;
import dev.anvilcheck.tck.internal.report.ConformanceReport.Choice;
import dev.anvilcheck.tck.internal.report.ConformanceReport.ClauseResult;
import dev.anvilcheck.tck.internal.report.ConformanceReport.Counts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a {@link ConformanceReport} from the specification, the not-testable list and the test
 * results of a run. A clause's status over its tests: {@code failed} if any failed, else
 * {@code passed} if any passed, else {@code not_applicable} if any was not applicable, else
 * {@code untested} (a clause listed as not testable, or one whose tests did not run).
 */
public final class ReportBuilder {
    private ReportBuilder() {}

    /**
     * Builds the report.
     *
     * @param spec the specification
     * @param notTestable the clauses not verified here
     * @param areas the areas run, in any order
     * @param header the runtime, transport and run, in a report whose clause lists are empty
     * @param results the results of the tests
     * @param containerFailures failures outside tests
     * @return the report
     */
    public static ConformanceReport build(Specification spec, List<NotTestable> notTestable, Set<String> areas,
            ConformanceReport header, List<TestResult> results, List<String> containerFailures) {
        Map<String, List<TestResult>> byClause = new LinkedHashMap<>();
        List<String> suiteErrors = new ArrayList<>(containerFailures);
        for (TestResult result : results) {
            if (result.clause() == null || spec.clause(result.clause()).isEmpty()) {
                if (result.status() == TestStatus.FAILED) {
                    suiteErrors.add(result.name() + ": " + result.message());
                }
                continue;
            }
            byClause.computeIfAbsent(result.clause(), k -> new ArrayList<>()).add(result);
        }
        List<ClauseResult> clauses = new ArrayList<>();
        List<Choice> choices = new ArrayList<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        List<String> areasRun = new ArrayList<>();
        for (Specification.Area area : spec.areas()) {
            if (areas.contains(area.name())) {
                counts.put(area.name(), new int[6]);
                areasRun.add(area.name());
            }
        }
        for (Specification.Clause clause : spec.clauses()) {
            if (!areas.contains(clause.area())) {
                continue;
            }
            List<TestResult> tests = byClause.getOrDefault(clause.id(), List.of());
            Optional<NotTestable> listed = notTestable.stream().filter(n -> n.clause().equals(clause.id())).findFirst();
            TestStatus status = status(tests);
            String failure = tests.stream().filter(t -> t.status() == TestStatus.FAILED).map(TestResult::message)
                    .findFirst().orElse(null);
            String reason = null;
            String untestedPart = null;
            if (listed.isPresent() && listed.get().extent() == Extent.PART) {
                untestedPart = listed.get().reason();
            }
            if (status == TestStatus.UNTESTED) {
                reason = listed.map(NotTestable::reason).orElse("no test of this clause ran");
            } else if (status == TestStatus.NOT_APPLICABLE) {
                reason = tests.stream().map(TestResult::message).filter(m -> m != null).findFirst().orElse(null);
            }
            clauses.add(new ClauseResult(clause.id(), clause.area(), clause.level().label(), status, clause.text(),
                    clause.sources(), clause.questions(), tests, failure, reason, untestedPart));
            for (TestResult test : tests) {
                for (TestResult.Note note : test.notes()) {
                    choices.add(new Choice(note.key(), clause.id(), note.value(), test.displayName()));
                }
            }
            int[] c = counts.get(clause.area());
            c[0]++;
            c[1 + status.ordinal()]++;
            c[5] += tests.size();
        }
        List<AreaSummary> byArea = new ArrayList<>();
        int[] total = new int[6];
        counts.forEach((area, c) -> {
            byArea.add(new AreaSummary(area, spec.area(area).map(Specification.Area::title).orElse(area), counts(c)));
            for (int i = 0; i < c.length; i++) {
                total[i] += c[i];
            }
        });
        Counts sum = counts(total);
        boolean certified = sum.failed() == 0 && sum.passed() > 0 && suiteErrors.isEmpty()
                && header.runtime().featureProblems().isEmpty();
        ConformanceReport.Run run = new ConformanceReport.Run(header.run().startedAt(), header.run().durationMillis(),
                areasRun, areasRun.size() == spec.areas().size(), header.run().settings());
        return new ConformanceReport(header.report(), header.formatVersion(), certified,
                certified ? "CERTIFIED" : "NOT CERTIFIED", header.suite(), header.runtime(), header.transport(), run,
                new ConformanceReport.Summary(sum, byArea), choices, suiteErrors, clauses);
    }

    /**
     * The status of a clause over its tests.
     *
     * @param tests the tests
     * @return the status
     */
    static TestStatus status(List<TestResult> tests) {
        if (tests.stream().anyMatch(t -> t.status() == TestStatus.FAILED)) {
            return TestStatus.FAILED;
        }
        if (tests.stream().anyMatch(t -> t.status() == TestStatus.PASSED)) {
            return TestStatus.PASSED;
        }
        if (tests.stream().anyMatch(t -> t.status() == TestStatus.NOT_APPLICABLE)) {
            return TestStatus.NOT_APPLICABLE;
        }
        return TestStatus.UNTESTED;
    }

    private static Counts counts(int[] c) {
        return new Counts(c[0], c[1], c[2], c[3], c[4], c[5]);
    }

    /**
     * The suite's part of the header: its version and the specification it packages.
     *
     * @param spec the specification
     * @return the suite
     */
    public static ConformanceReport.Suite suite(Specification spec) {
        String version = Optional.ofNullable(ReportBuilder.class.getPackage().getImplementationVersion())
                .orElse("development build");
        return new ConformanceReport.Suite("anvilcheck conformance suite", version,
                "SEMANTICS.md packaged in the suite (" + Specification.RESOURCE + ")", spec.sha256(),
                spec.clauses().size(), ClauseCatalog.NOT_TESTABLE_RESOURCE);
    }
}
