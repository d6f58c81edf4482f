package dev.anvilcheck.tck.internal.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A certification's result, clause by clause, as {@code report.json} holds it (written by
 * {@link JsonReport}, shown by {@link HtmlReport}). Every clause of the areas run is listed, with
 * its level and status ({@code passed}, {@code failed}, {@code not_applicable}, {@code untested}),
 * its text, its tests and, on failure, the message; the summary counts clauses per area.
 *
 * @param report what this is
 * @param formatVersion the version of this format
 * @param certified whether the runtime conforms: no clause failed, at least one passed, no
 *     container failed and every declared feature worked
 * @param verdict {@code CERTIFIED} or {@code NOT CERTIFIED}, for people
 * @param suite the suite and the specification it certifies against
 * @param runtime the runtime and what it declared
 * @param transport how the suite reached the runtime
 * @param run when, how long, which areas and settings
 * @param summary counts of clauses per area and in total
 * @param implementationDefined the choice the runtime showed on each implementation-defined question
 * @param suiteErrors failures outside tests (their tests did not run)
 * @param clauses every clause of the areas run, in the specification's order
 */
public record ConformanceReport(String report, int formatVersion, boolean certified, String verdict, Suite suite,
        RuntimeInfo runtime, Transport transport, Run run, Summary summary, List<Choice> implementationDefined,
        List<String> suiteErrors, List<ClauseResult> clauses) {

    /** Copies the lists. */
    public ConformanceReport {
        implementationDefined = List.copyOf(implementationDefined);
        suiteErrors = List.copyOf(suiteErrors);
        clauses = List.copyOf(clauses);
    }

    /**
     * The suite.
     *
     * @param name the suite's name
     * @param version its version
     * @param specification where the specification came from
     * @param specificationSha256 the SHA-256 of the specification's text
     * @param specificationClauses how many clauses it has in all
     * @param notTestableList the list of clauses the suite does not verify
     */
    public record Suite(String name, String version, String specification, String specificationSha256,
            int specificationClauses, String notTestableList) {}

    /**
     * The runtime under certification.
     *
     * @param name its {@code name()}
     * @param provider the provider's class
     * @param declaredFeatures the optional features it declared
     * @param featureProblems declared features that did not work when the suite tried them
     */
    public record RuntimeInfo(String name, String provider, List<String> declaredFeatures,
            List<String> featureProblems) {
        /** Copies the lists. */
        public RuntimeInfo {
            declaredFeatures = List.copyOf(declaredFeatures);
            featureProblems = List.copyOf(featureProblems);
        }
    }

    /**
     * How the suite reached the runtime.
     *
     * @param calls how calls were made
     * @param http how HTTP requests were sent, one entry per transport
     * @param uplink the Uplink wire protocol's status
     */
    public record Transport(String calls, List<String> http, String uplink) {
        /** Copies the list. */
        public Transport {
            http = List.copyOf(http);
        }
    }

    /**
     * The run.
     *
     * @param startedAt when, ISO-8601
     * @param durationMillis how long the tests took
     * @param areas the areas run
     * @param allAreas whether every area of the specification was run
     * @param settings the timeouts and other settings in force
     */
    public record Run(String startedAt, long durationMillis, List<String> areas, boolean allAreas,
            Map<String, String> settings) {
        /** Copies the list and map. */
        public Run {
            areas = List.copyOf(areas);
            settings = Map.copyOf(settings);
        }
    }

    /**
     * Counts of clauses by status, and of the tests that ran.
     *
     * @param clauses clauses in all
     * @param passed clauses passed
     * @param failed clauses failed
     * @param notApplicable clauses not applicable
     * @param untested clauses untested
     * @param tests tests (and invocations) that ran or were skipped
     */
    public record Counts(int clauses, int passed, int failed, @JsonProperty("not_applicable") int notApplicable,
            int untested, int tests) {
        @Override
        public String toString() {
            return clauses + " clauses: " + passed + " passed, " + failed + " failed, " + notApplicable
                    + " not applicable, " + untested + " untested (" + tests + " tests)";
        }
    }

    /**
     * The counts of one area.
     *
     * @param area the area, e.g. {@code CALL}
     * @param title its heading in the specification
     * @param counts the counts
     */
    public record AreaSummary(String area, String title, Counts counts) {}

    /**
     * The counts per area and in total.
     *
     * @param total over every area run
     * @param byArea per area, in the specification's order
     */
    public record Summary(Counts total, List<AreaSummary> byArea) {
        /** Copies the list. */
        public Summary {
            byArea = List.copyOf(byArea);
        }
    }

    /**
     * What the runtime showed on an implementation-defined question (or another recorded observation).
     *
     * @param key the question, e.g. {@code Q-01}, or what was observed
     * @param clause the clause whose test observed it
     * @param observed what the runtime showed
     * @param test the test
     */
    public record Choice(String key, String clause, String observed, String test) {}

    /**
     * One clause.
     *
     * @param id e.g. {@code CALL-05}
     * @param area e.g. {@code CALL}
     * @param level {@code required}, {@code optional} or {@code implementation-defined}
     * @param status the status over its tests
     * @param text the clause's text
     * @param sources the clause's source tags
     * @param questions the open questions linked to it
     * @param tests its tests
     * @param failure the first failure message, when failed
     * @param reason why it is untested or not applicable
     * @param untestedPart what of it is not verified, when the suite verifies it in part
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClauseResult(String id, String area, String level, TestStatus status, String text,
            List<String> sources, List<String> questions, List<TestResult> tests, String failure, String reason,
            String untestedPart) {
        /** Copies the lists. */
        public ClauseResult {
            sources = List.copyOf(sources);
            questions = List.copyOf(questions);
            tests = List.copyOf(tests);
        }
    }
}
