package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.ClauseLevel;
import dev.anvilcheck.tck.internal.Specification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The specification as the suite reads it from its jar: clauses, their texts, sources and levels. */
class SpecificationTest {
    private final Specification spec = ClauseCatalog.specification();

    @Test
    void everyClauseOfSectionTwoIsReadAndNoOpenQuestionIsAClause() {
        assertThat(spec.clauses()).hasSizeGreaterThanOrEqualTo(190);
        assertThat(spec.areas()).extracting(Specification.Area::name)
                .startsWith("CALL", "AUTH", "CTX", "SESS", "CAP", "SER", "ERR", "TASK", "HTTP")
                .contains("UPL", "MISC");
        assertThat(spec.clauses()).extracting(Specification.Clause::id).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[A-Z]+-\\d{2}")).noneMatch(id -> id.startsWith("Q-"))
                .contains("CALL-01", "CALL-24", "UPL-12", "MISC-05");
        assertThat(spec.area("CALL")).map(Specification.Area::title).hasValue("calling server functions");
        assertThat(spec.sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void sourceTagsAreStrippedFromTheTextButKept() {
        Specification.Clause call05 = spec.clause("CALL-05").orElseThrow();
        assertThat(call05.area()).isEqualTo("CALL");
        assertThat(call05.text()).startsWith("Calling a name for which no function is registered anywhere raises")
                .doesNotContain("[impl").endsWith("has been registered`.");
        assertThat(call05.sources()).containsExactly(
                "[impl: downlink/python/anvil/_threaded_server.py :: IncomingRequest.execute]");
        Specification.Clause ser14 = spec.clause("SER-14").orElseThrow();
        assertThat(ser14.text()).contains("msg['args'][0]['k']");
    }

    @Test
    void clausesLinkedToADecisionWithAlternativesAreImplementationDefined() {
        assertThat(level("CTX-05")).isEqualTo(ClauseLevel.IMPLEMENTATION_DEFINED);   // cites Q-01
        assertThat(spec.clause("CTX-05").orElseThrow().questions()).containsExactly("Q-01");
        assertThat(level("CALL-09")).isEqualTo(ClauseLevel.IMPLEMENTATION_DEFINED);  // Q-09 cites CALL-09
        assertThat(level("HTTP-03")).isEqualTo(ClauseLevel.IMPLEMENTATION_DEFINED);  // Q-08, by the catalogue
        assertThat(level("SESS-08")).isEqualTo(ClauseLevel.OPTIONAL);                // "optional clause"
        assertThat(level("MISC-05")).isEqualTo(ClauseLevel.OPTIONAL);
        assertThat(level("CTX-08")).isEqualTo(ClauseLevel.REQUIRED);                 // "untrusted only"
        assertThat(level("CALL-05")).isEqualTo(ClauseLevel.REQUIRED);
        assertThat(spec.decisions().get("Q-01").suiteAccepts()).contains("client-uplink");
    }

    @Test
    void aSmallSpecificationParses() {
        String text = """
                ## 2. Clauses
                ### 2.1 AA — first area
                * **AA-01** One [impl: x :: y] [doc: https://example.org]
                * **AA-02** Two, see Q-01.
                continued here.
                ### 2.2 BB — second
                * **BB-01** Three [inferred]
                ## 3. Open questions
                * **Q-01** About AA-02 and BB-01.
                * **Q-02** Nothing.
                ## 4. Decisions
                | Question | Reference | Suite accepts |
                |---|---|---|
                | Q-01 a thing | x | `a`, `b` |
                | Q-02 other | y | optional clause |
                """;
        Specification small = Specification.parse(text, Map.of("Q-02", List.of("AA-01")));
        assertThat(small.clauses()).extracting(Specification.Clause::id).containsExactly("AA-01", "AA-02", "BB-01");
        assertThat(small.clause("AA-02").orElseThrow().text()).isEqualTo("Two, see Q-01. continued here.");
        assertThat(small.clause("AA-01").orElseThrow().level()).isEqualTo(ClauseLevel.OPTIONAL);
        assertThat(small.clause("AA-02").orElseThrow().level()).isEqualTo(ClauseLevel.IMPLEMENTATION_DEFINED);
        assertThat(small.clause("BB-01").orElseThrow().level()).isEqualTo(ClauseLevel.IMPLEMENTATION_DEFINED);
        assertThat(small.clause("BB-01").orElseThrow().sources()).containsExactly("[inferred]");
    }

    @Test
    void aDuplicateOrMissingClauseIsRejected() {
        assertThatThrownBy(() -> Specification.parse("## 2. C\n### 2.1 AA — a\n* **AA-01** x\n* **AA-01** y\n", Map.of()))
                .hasMessageContaining("AA-01 twice");
        assertThatThrownBy(() -> Specification.parse("# nothing\n", Map.of())).hasMessageContaining("no clause");
        assertThatThrownBy(() -> Specification.parse("## 2. C\n### 2.1 AA — a\n* **AA-01** x\n",
                Map.of("Q-01", List.of("ZZ-01")))).hasMessageContaining("ZZ-01");
    }

    private ClauseLevel level(String id) {
        return spec.clause(id).orElseThrow().level();
    }
}
