package dev.anvilcheck.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.tck.broken.Breaks;
import dev.anvilcheck.tck.broken.DeclaresNoFeatures;
import dev.anvilcheck.tck.broken.DelegatingProvider;
import dev.anvilcheck.tck.broken.HangingCalls;
import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.report.CertificationRun;
import dev.anvilcheck.tck.internal.report.ConformanceReport;
import dev.anvilcheck.tck.internal.report.ConformanceReport.ClauseResult;
import dev.anvilcheck.tck.internal.report.JsonReport;
import dev.anvilcheck.tck.internal.report.TestResult;
import dev.anvilcheck.tck.internal.report.TestStatus;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The suite against every deliberately broken runtime of {@code broken/} (CONVENTIONS 4, the RS TCK's
 * {@code requireTestFailure}): each carries {@link Breaks} naming the clause it violates; the suite
 * runs on that clause's area through the same {@link CertificationRun} as the command line, and
 * must fail the runtime on that clause, with messages in the suite's template (a harness
 * exception is a bug of the suite), and no error outside tests. Waits are shortened (2 s, and
 * 100 ms for what must not happen), since a broken runtime's waits may time out. Writes
 * {@code target/conformance/broken-runtimes.json}: each runtime, the clause it breaks, the clauses
 * that failed, and whether it was caught.
 */
class BrokenRuntimesTest {
    /** Not broken runtimes but fixtures of other self-tests. */
    private static final Set<Class<?>> FIXTURES = Set.of(DeclaresNoFeatures.class, HangingCalls.class);
    /** At least this many, across every area the suite tests. */
    private static final int MINIMUM = 40;
    private static final Pattern TEMPLATE = Pattern.compile(
            "(?s)\\[[A-Z]+-\\d{2}] expected: .+; observed: .+; caller: [A-Z_-]+; function: .+; waited: \\d+ ms");
    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

    /**
     * A line of broken-runtimes.json.
     *
     * @param runtime the broken runtime's class
     * @param breaks the clause it breaks
     * @param bug what it does wrong
     * @param areasRun the areas the suite ran
     * @param failedClauses the clauses the suite failed it on
     * @param caught whether the broken clause is among them, every failure following the template
     * @param message the first failure message of the broken clause
     * @param millis how long the run took
     */
    record Entry(String runtime, String breaks, String bug, List<String> areasRun, List<String> failedClauses,
            boolean caught, String message, long millis) {}

    static List<Class<?>> brokenRuntimes() throws IOException, URISyntaxException, ClassNotFoundException {
        String pkg = DelegatingProvider.class.getPackageName();
        URL url = BrokenRuntimesTest.class.getClassLoader().getResource(pkg.replace('.', '/'));
        assertThat(url).isNotNull();
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (String file : files.map(p -> p.getFileName().toString()).sorted().toList()) {
                if (!file.endsWith(".class") || file.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(pkg + "." + file.replace(".class", ""));
                if (RuntimeProvider.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())
                        && !FIXTURES.contains(type)) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    @Test
    void everyBrokenRuntimeNamesTheClauseItBreaksAndThereAreEnoughAcrossTheAreas() throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> areas = new LinkedHashSet<>();
        for (Class<?> type : brokenRuntimes()) {
            Breaks breaks = type.getAnnotation(Breaks.class);
            if (breaks == null) {
                problems.add(type.getSimpleName() + " has no @Breaks(clause)");
            } else if (!ClauseCatalog.clauses().contains(breaks.value())) {
                problems.add(type.getSimpleName() + " breaks " + breaks.value() + ", which SEMANTICS.md does not have");
            } else {
                areas.add(area(breaks.value()));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(brokenRuntimes()).as("broken runtimes").hasSizeGreaterThanOrEqualTo(MINIMUM);
        Set<String> tested = new LinkedHashSet<>(ClauseCatalog.areas());
        tested.removeIf(area -> ClauseCatalog.notTestable().stream().filter(n -> area(n.clause()).equals(area))
                .count() == ClauseCatalog.specification().clauses().stream().filter(c -> c.area().equals(area))
                .count());
        assertThat(areas).as("areas with a broken runtime").containsAll(tested);
    }

    @TestFactory
    Stream<DynamicTest> theSuiteFailsEachBrokenRuntimeOnTheClauseItBreaks() throws Exception {
        return brokenRuntimes().stream().filter(t -> t.isAnnotationPresent(Breaks.class))
                .map(type -> DynamicTest.dynamicTest(type.getSimpleName(), () -> check(type)));
    }

    private static void check(Class<?> type) throws ReflectiveOperationException {
        Breaks breaks = type.getAnnotation(Breaks.class);
        Set<String> areas = new LinkedHashSet<>(breaks.areas().length == 0 ? List.of(area(breaks.value()))
                : Arrays.asList(breaks.areas()));
        RuntimeProvider provider = (RuntimeProvider) type.getConstructor().newInstance();
        long start = System.nanoTime();
        ConformanceReport report = new CertificationRun(provider, BrokenRuntimesTest.class.getClassLoader(), areas,
                Map.of(RuntimeDiscovery.RUNTIME_PROPERTY, type.getName(), TestEnvironment.TIMEOUT_PROPERTY, "2000",
                        TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY, "100"), null).run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> failed = report.clauses().stream().filter(c -> c.status() == TestStatus.FAILED)
                .map(ClauseResult::id).toList();
        List<String> offTemplate = new ArrayList<>();
        for (ClauseResult clause : report.clauses()) {
            for (TestResult test : clause.tests()) {
                if (test.status() == TestStatus.FAILED && !TEMPLATE.matcher(test.message()).matches()) {
                    offTemplate.add(test.name() + ": " + test.message());
                }
            }
        }
        ClauseResult broken = report.clauses().stream().filter(c -> c.id().equals(breaks.value())).findFirst()
                .orElseThrow();
        boolean caught = broken.status() == TestStatus.FAILED && offTemplate.isEmpty()
                && report.suiteErrors().isEmpty() && !report.certified();
        ENTRIES.put(type.getSimpleName(), new Entry(type.getName(), breaks.value(), breaks.bug(), List.copyOf(areas),
                failed, caught, broken.failure(), millis));
        assertThat(broken.status()).as(type.getSimpleName() + " breaks " + breaks.value() + "; the suite failed "
                + failed).isEqualTo(TestStatus.FAILED);
        assertThat(broken.failure()).as("the message a vendor reads").startsWith("[" + breaks.value() + "] expected: ")
                .contains("; observed: ");
        assertThat(offTemplate).as("failures outside the message template (a bug of the suite)").isEmpty();
        assertThat(report.suiteErrors()).as("errors outside tests").isEmpty();
        assertThat(report.certified()).isFalse();
    }

    @AfterAll
    static void writeTheList() throws IOException {
        List<Entry> entries = ENTRIES.values().stream().sorted((a, b) -> a.breaks().compareTo(b.breaks()) != 0
                ? a.breaks().compareTo(b.breaks()) : a.runtime().compareTo(b.runtime())).toList();
        long caught = entries.stream().filter(Entry::caught).count();
        Path file = Path.of("target", "conformance", "broken-runtimes.json");
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("brokenRuntimes", entries.size());
        list.put("caught", caught);
        list.put("runtimes", entries);
        JsonReport.write(list, file);
    }

    private static String area(String clause) {
        return clause.substring(0, clause.indexOf('-'));
    }
}
