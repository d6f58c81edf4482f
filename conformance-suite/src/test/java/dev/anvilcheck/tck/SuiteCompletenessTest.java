package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.clauses.UntestedVerification;
import dev.anvilcheck.tck.internal.TestName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The suite proves its own completeness (CONVENTIONS 2): every clause of the specification packaged into
 * the suite is carried by a test or listed, with its reason, in not-testable.tsv, and every test
 * carries its identity in its name and display name.
 */
class SuiteCompletenessTest {

    static List<Method> clauseTests() throws IOException, URISyntaxException, ClassNotFoundException {
        String path = Certify.CLAUSES_PACKAGE.replace('.', '/');
        URL url = SuiteCompletenessTest.class.getClassLoader().getResource(path);
        assertThat(url).as("the clauses package on the class path").isNotNull();
        List<String> classNames = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Verification.class"))
                    .forEach(n -> classNames.add(Certify.CLAUSES_PACKAGE + "." + n.replace(".class", "")));
        }
        assertThat(classNames).hasSizeGreaterThanOrEqualTo(6);
        List<Method> tests = new ArrayList<>();
        for (String name : classNames) {
            for (Method m : Class.forName(name).getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class)
                        || m.isAnnotationPresent(TestFactory.class) && !m.getDeclaringClass().equals(
                                UntestedVerification.class)) {
                    tests.add(m);
                }
            }
        }
        return tests;
    }

    /**
     * Every clause of the specification packaged into the suite is carried by a test or listed in
     * not-testable.tsv as "whole", never both, never twice; a "part" entry goes with tests; tests and
     * the list name only clauses the specification has.
     */
    @Test
    void everyClauseOfTheSpecificationIsTestedOrListedAsNotTestable() throws Exception {
        Map<String, List<String>> tests = new TreeMap<>();
        for (Method m : clauseTests()) {
            TestName.parse(m.getName()).ifPresent(n -> tests.computeIfAbsent(n.clause(), k -> new ArrayList<>())
                    .add(m.getDeclaringClass().getSimpleName() + "#" + m.getName()));
        }
        List<String> problems = completenessProblems(ClauseCatalog.clauses(), tests, ClauseCatalog.notTestable());
        assertThat(problems).as("clauses of SEMANTICS.md against the clause IDs the tests carry and "
                + ClauseCatalog.NOT_TESTABLE_RESOURCE).isEmpty();
    }

    static List<String> completenessProblems(List<String> specClauses, Map<String, List<String>> tests,
            List<ClauseCatalog.NotTestable> listed) {
        List<String> problems = new ArrayList<>();
        Set<String> spec = new LinkedHashSet<>(specClauses);
        Map<String, ClauseCatalog.NotTestable> seen = new LinkedHashMap<>();
        for (ClauseCatalog.NotTestable entry : listed) {
            ClauseCatalog.NotTestable earlier = seen.putIfAbsent(entry.clause(), entry);
            if (earlier != null) {
                problems.add(entry.clause() + ": listed twice in not-testable.tsv (lines " + earlier.line() + " and "
                        + entry.line() + ")");
            }
            if (!spec.contains(entry.clause())) {
                problems.add(entry.clause() + ": listed in not-testable.tsv (line " + entry.line()
                        + ") but SEMANTICS.md has no such clause");
            }
        }
        for (String clause : spec) {
            List<String> carriers = tests.getOrDefault(clause, List.of());
            ClauseCatalog.NotTestable entry = seen.get(clause);
            if (carriers.isEmpty() && entry == null) {
                problems.add(clause + ": missing: no test carries it and not-testable.tsv does not list it");
            } else if (carriers.isEmpty() && entry.extent() == ClauseCatalog.Extent.PART) {
                problems.add(clause + ": listed as 'part' in not-testable.tsv (line " + entry.line()
                        + ") but no test carries it: list it as 'whole' or add a test");
            } else if (!carriers.isEmpty() && entry != null && entry.extent() == ClauseCatalog.Extent.WHOLE) {
                problems.add(clause + ": listed twice: as 'whole' in not-testable.tsv (line " + entry.line()
                        + ") and carried by " + carriers + ": remove the entry or mark it 'part'");
            }
        }
        tests.forEach((clause, carriers) -> {
            if (!spec.contains(clause)) {
                problems.add(clause + ": carried by " + carriers + " but SEMANTICS.md has no such clause");
            }
        });
        return problems;
    }

    @Test
    void theCheckNamesExactlyWhatIsMissingOrListedTwice() {
        List<ClauseCatalog.NotTestable> listed = ClauseCatalog.parseNotTestable(
                "# comment\nA-02\twhole\tnot here\nA-03\twhole\tx\nA-03\twhole\ty\nA-04\tpart\tz\nB-01\twhole\tgone\n");
        Map<String, List<String>> tests = new TreeMap<>(Map.of("A-01", List.of("T#required_A_01_x"),
                "A-02", List.of("T#required_A_02_x"), "C-09", List.of("T#optional_C_09_x")));
        assertThat(completenessProblems(List.of("A-01", "A-02", "A-03", "A-04", "A-05"), tests, listed))
                .containsExactly(
                        "A-03: listed twice in not-testable.tsv (lines 3 and 4)",
                        "B-01: listed in not-testable.tsv (line 6) but SEMANTICS.md has no such clause",
                        "A-02: listed twice: as 'whole' in not-testable.tsv (line 2) and carried by [T#required_A_02_x]:"
                                + " remove the entry or mark it 'part'",
                        "A-04: listed as 'part' in not-testable.tsv (line 5) but no test carries it: list it as 'whole'"
                                + " or add a test",
                        "A-05: missing: no test carries it and not-testable.tsv does not list it",
                        "C-09: carried by [T#optional_C_09_x] but SEMANTICS.md has no such clause");
    }

    @Test
    void aMalformedEntryIsRejectedWithItsLine() {
        assertThatThrownBy(() -> ClauseCatalog.parseNotTestable("A-01\twhole\tok\nA-02 whole reason\n"))
                .hasMessageContaining("line 2").hasMessageContaining("clause<TAB>whole|part<TAB>reason");
        assertThatThrownBy(() -> ClauseCatalog.parseNotTestable("A-01\tsome\treason\n"))
                .hasMessageContaining("line 1").hasMessageContaining("'whole' or 'part'");
    }

    @Test
    void everyTestCarriesItsLevelAndClause() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Method m : clauseTests()) {
            String where = m.getDeclaringClass().getSimpleName() + "#" + m.getName();
            var name = TestName.parse(m.getName());
            if (name.isEmpty()) {
                problems.add(where + ": name does not follow " + TestName.rule());
                continue;
            }
            DisplayName display = m.getAnnotation(DisplayName.class);
            if (display == null || !display.value().startsWith("[" + name.get().clause() + "] ")) {
                problems.add(where + ": @DisplayName must start with \"[" + name.get().clause() + "] \"");
            }
            if (name.get().level() == TestName.Level.REQUIRED && (m.isAnnotationPresent(RequiresFeature.class)
                    || m.getDeclaringClass().isAnnotationPresent(RequiresFeature.class))) {
                problems.add(where + ": a test gated on a feature must be optional_");
            }
        }
        assertThat(problems).isEmpty();
    }
}
