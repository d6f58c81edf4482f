package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.TestName;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The suite proves its own completeness (STYLE 2): every clause of the covered areas has a test,
 * and every test carries its identity in its name and display name.
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
                if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class)) {
                    tests.add(m);
                }
            }
        }
        return tests;
    }

    @Test
    void everyClauseOfTheCoveredAreasHasATest() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Method m : clauseTests()) {
            TestName.parse(m.getName()).ifPresent(n -> covered.add(n.clause()));
        }
        Set<String> missing = new TreeSet<>(ClauseCatalog.clauses());
        missing.removeAll(covered);
        assertThat(missing).as("clauses without any test (add a required_, optional_ or untested_ test)").isEmpty();
        Set<String> unknown = new TreeSet<>(covered);
        unknown.removeAll(ClauseCatalog.clauses());
        assertThat(unknown).as("tests naming clauses that the catalogue does not list").isEmpty();
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
            boolean untested = m.isAnnotationPresent(Untested.class);
            if (untested != (name.get().level() == TestName.Level.UNTESTED)) {
                problems.add(where + ": @Untested(reason) goes exactly on untested_ tests");
            }
            if (name.get().level() == TestName.Level.REQUIRED && (m.isAnnotationPresent(RequiresFeature.class)
                    || m.getDeclaringClass().isAnnotationPresent(RequiresFeature.class))) {
                problems.add(where + ": a test gated on a feature must be optional_");
            }
            if (untested && m.getParameterCount() > 0) {
                problems.add(where + ": an untested_ test takes no parameters");
            }
        }
        assertThat(problems).isEmpty();
    }
}
