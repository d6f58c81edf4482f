package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.tck.broken.UnknownNameReturns42;
import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.ClauseLevel;
import dev.anvilcheck.tck.internal.Specification;
import dev.anvilcheck.tck.internal.report.CertificationRun;
import dev.anvilcheck.tck.internal.report.ConformanceReport;
import dev.anvilcheck.tck.internal.report.ConformanceReport.ClauseResult;
import dev.anvilcheck.tck.internal.report.HtmlReport;
import dev.anvilcheck.tck.internal.report.JsonReport;
import dev.anvilcheck.tck.internal.report.TestStatus;
import dev.anvilcheck.runtime.ReferenceRuntimeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report of a whole certification of the reference runtime: every clause of the specification
 * once, in order, with level, status, text and tests; the reference passes with no exclusions;
 * implementation-defined clauses record the alternative shown; the HTML is self-contained.
 */
class ReportTest {
    private static ConformanceReport report;
    private static JsonNode json;

    @BeforeAll
    static void certifyTheReferenceRuntime() throws Exception {
        report = new CertificationRun(new ReferenceRuntimeProvider(), ReportTest.class.getClassLoader(), Set.of(),
                Map.of(RuntimeDiscovery.RUNTIME_PROPERTY, ReferenceRuntimeProvider.class.getName()), null).run();
        json = new ObjectMapper().readTree(JsonReport.toJson(report));
    }

    @Test
    void theReferenceRuntimeIsCertifiedWithNoExclusions() {
        assertThat(report.suiteErrors()).isEmpty();
        assertThat(report.runtime().featureProblems()).isEmpty();
        assertThat(report.clauses()).filteredOn(c -> c.status() == TestStatus.FAILED).isEmpty();
        assertThat(report.clauses()).filteredOn(c -> c.status() == TestStatus.NOT_APPLICABLE)
                .as("the reference runtime declares every feature, the Uplink wire included, so nothing is not"
                        + " applicable").isEmpty();
        assertThat(report.clauses()).filteredOn(c -> c.area().equals("UPL") && c.status() == TestStatus.PASSED)
                .as("UPL clauses passed over the reference runtime's own uplink listener").hasSize(11);
        assertThat(report.certified()).isTrue();
        assertThat(report.run().allAreas()).isTrue();
        List<String> untested = report.clauses().stream().filter(c -> c.status() == TestStatus.UNTESTED)
                .map(ClauseResult::id).toList();
        List<String> listed = ClauseCatalog.notTestable().stream()
                .filter(n -> n.extent() == ClauseCatalog.Extent.WHOLE).map(ClauseCatalog.NotTestable::clause).toList();
        assertThat(untested).as("untested clauses are exactly those not-testable.tsv lists whole")
                .containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void everyClauseOfTheSpecificationAppearsOnceInOrderWithItsTextLevelAndTests() {
        assertThat(report.clauses()).extracting(ClauseResult::id).containsExactlyElementsOf(ClauseCatalog.clauses());
        for (JsonNode clause : json.get("clauses")) {
            assertThat(clause.fieldNames()).toIterable().contains("id", "area", "level", "status", "text", "tests");
            assertThat(clause.get("status").asText()).isIn("passed", "failed", "not_applicable", "untested");
            assertThat(clause.get("level").asText()).isIn("required", "optional", "implementation-defined");
        }
        JsonNode upl11 = CertifyTest.clause(json, "UPL-11");
        assertThat(upl11.get("status").asText()).isEqualTo("untested");
        assertThat(upl11.get("reason").asText()).startsWith("Python-only");
        JsonNode call16 = CertifyTest.clause(json, "CALL-16");
        assertThat(call16.get("status").asText()).isEqualTo("passed");
        assertThat(call16.get("untestedPart").asText()).contains("compile-time fact");
        assertThat(json.at("/runtime/name").asText()).isEqualTo("anvilcheck reference runtime");
        assertThat(json.at("/runtime/declaredFeatures").size()).isPositive();
        assertThat(json.at("/transport/name").asText()).isEqualTo("in-memory");
        assertThat(json.at("/transport/calls").asText()).startsWith("in-process");
        assertThat(json.at("/summary/byArea").size()).isEqualTo(ClauseCatalog.areas().size());
        assertThat(json.at("/summary/byArea/0/counts/not_applicable").isInt()).isTrue();
        assertThat(json.at("/summary/total/clauses").asInt()).isEqualTo(ClauseCatalog.clauses().size());
    }

    @Test
    void everyImplementationDefinedClauseRecordsTheAlternativeTheRuntimeShowed() {
        List<String> silent = new ArrayList<>();
        for (Specification.Clause clause : ClauseCatalog.specification().clauses()) {
            if (clause.level() != ClauseLevel.IMPLEMENTATION_DEFINED) {
                continue;
            }
            boolean noted = report.implementationDefined().stream()
                    .anyMatch(c -> c.clause().equals(clause.id()) && clause.questions().contains(c.key()));
            if (!noted) {
                silent.add(clause.id() + " " + clause.questions());
            }
        }
        assertThat(silent).as("implementation-defined clauses whose tests note no alternative").isEmpty();
    }

    @Test
    void theHtmlIsSelfContainedShowsFailuresFirstAndEveryClausesText() {
        String html = HtmlReport.toHtml(report);
        assertThat(html).doesNotContain("<script", "<link", " src=", "@import", "url(", "http://", "https://");
        for (Specification.Clause clause : ClauseCatalog.specification().clauses()) {
            assertThat(html).contains("id=\"" + clause.id() + "\"");
        }
        assertThat(html).contains("No clause failed.", "CERTIFIED");
        ConformanceReport broken = new CertificationRun(new UnknownNameReturns42(), getClass().getClassLoader(),
                Set.of("CALL"), Map.of(RuntimeDiscovery.RUNTIME_PROPERTY, UnknownNameReturns42.class.getName()), null)
                .run();
        String failing = HtmlReport.toHtml(broken);
        int failures = failing.indexOf("id=\"failures\"");
        int firstFailure = failing.indexOf("[CALL-05] expected: NoServerFunctionError", failures);
        assertThat(failures).isPositive();
        assertThat(firstFailure).isGreaterThan(failures).isLessThan(failing.indexOf("id=\"clauses\""));
        assertThat(failing).contains("NOT CERTIFIED").doesNotContain("id=\"UPL-01\"");
    }
}
