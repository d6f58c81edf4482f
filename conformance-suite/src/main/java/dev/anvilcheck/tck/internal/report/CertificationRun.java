package dev.anvilcheck.tck.internal.report;

import static org.junit.platform.engine.discovery.ClassNameFilter.excludeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.FeatureCheck;
import dev.anvilcheck.tck.internal.Specification;
import dev.anvilcheck.tck.internal.TestName;
import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One certification: validates the runtime's declared features, runs the clause tests of the
 * chosen areas with the JUnit Platform Launcher (the runtime's class loader as the thread's
 * context class loader, so that {@code ServiceLoader} and the tests find it), and builds the
 * {@link ConformanceReport}. The command line ({@code Certify}) and the suite's self-tests run
 * certifications through this one class.
 */
public final class CertificationRun {
    /** The package holding the clause tests. */
    public static final String CLAUSES_PACKAGE = "dev.anvilcheck.tck.clauses";
    private static final String UNTESTED_CLASS = CLAUSES_PACKAGE + ".UntestedVerification";

    private final RuntimeProvider provider;
    private final ClassLoader loader;
    private final Set<String> areas;
    private final Map<String, String> parameters;
    private final PrintStream progress;

    /**
     * Prepares a certification.
     *
     * @param provider the runtime's provider
     * @param loader the class loader that holds the runtime
     * @param areas the areas to run; empty for every area of the specification
     * @param parameters the JUnit configuration parameters (runtime choice, timeouts)
     * @param progress where progress lines go, or {@code null}
     */
    public CertificationRun(RuntimeProvider provider, ClassLoader loader, Set<String> areas,
            Map<String, String> parameters, PrintStream progress) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.areas = areas.isEmpty() ? new LinkedHashSet<>(ClauseCatalog.areas()) : Set.copyOf(areas);
        this.parameters = Map.copyOf(parameters);
        this.progress = progress;
    }

    /**
     * Runs the certification.
     *
     * @return the report
     */
    public ConformanceReport run() {
        Specification spec = ClauseCatalog.specification();
        Set<Feature> declared = provider.features() == null ? Set.of() : provider.features();
        List<String> problems = FeatureCheck.preflight(provider);
        problems.forEach(p -> print("FEATURE PROBLEM: " + p));
        for (ClauseCatalog.NotTestable entry : ClauseCatalog.notTestable()) {
            if (entry.extent() == ClauseCatalog.Extent.WHOLE && areas.contains(area(entry.clause()))) {
                print("      ---- [" + entry.clause() + "] not verified by this suite: " + entry.reason());
            }
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(CLAUSES_PACKAGE))
                .filters(EngineFilter.includeEngines("junit-jupiter"), excludeClassNamePatterns(UNTESTED_CLASS),
                        areaFilter(areas))
                .configurationParameters(parameters)
                .build();
        ResultCollector collector = new ResultCollector(progress);
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        long start = System.nanoTime();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            LauncherFactory.create().execute(request, collector);
        } finally {
            thread.setContextClassLoader(previous);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        List<String> features = declared.stream().map(Enum::name).sorted().toList();
        List<String> http = new ArrayList<>();
        if (declared.contains(Feature.HTTP_ENDPOINTS)) {
            http.add("in memory, through RuntimeUnderTest.http()");
        }
        if (declared.contains(Feature.HTTP_LOOPBACK)) {
            http.add("over a loopback socket, with the JDK's HTTP/1.1 client, to RuntimeUnderTest.listen()");
        }
        ConformanceReport header = new ConformanceReport("anvil.server conformance report", 1, false, "",
                ReportBuilder.suite(spec),
                new ConformanceReport.RuntimeInfo(provider.name(), provider.getClass().getName(), features, problems),
                transport(provider.transport(), declared, http),
                new ConformanceReport.Run(startedAt.toString(), millis, List.copyOf(areas), false,
                        new TreeMap<>(parameters)),
                new ConformanceReport.Summary(new ConformanceReport.Counts(0, 0, 0, 0, 0, 0), List.of()), List.of(),
                List.of(), List.of());
        return ReportBuilder.build(spec, ClauseCatalog.notTestable(), areas, header, collector.results(),
                collector.containerFailures());
    }

    private static ConformanceReport.Transport transport(String name, Set<Feature> declared, List<String> http) {
        String calls = "in-memory".equals(name)
                ? "in-process: the runtime's Java SPI (dev.anvilcheck.spi) in the suite's JVM; probe functions"
                        + " registered as server code, simulated callers"
                : "through the provider's SPI over transport '" + name + "'; tests the transport cannot observe are"
                        + " reported not applicable, with the reason";
        String uplink = declared.contains(Feature.UPLINK_WIRE)
                ? ("in-memory".equals(name)
                        ? "certified: the UPL clauses ran over the Uplink wire protocol, with the Java uplink client,"
                                + " against the runtime's own uplink listener (RuntimeUnderTest.uplinkEndpoint())"
                        : "certified: the UPL clauses ran over the Uplink wire protocol")
                : "not certified by this run: the runtime does not declare Feature.UPLINK_WIRE, so the UPL clause"
                        + " tests are not applicable";
        return new ConformanceReport.Transport(name, calls, http, uplink);
    }

    private static String area(String clause) {
        return clause.substring(0, clause.indexOf('-'));
    }

    private void print(String line) {
        if (progress != null) {
            progress.println(line);
        }
    }

    /** Keeps the tests whose method names carry a clause of the chosen areas (and every container). */
    private static PostDiscoveryFilter areaFilter(Set<String> areas) {
        return descriptor -> {
            if (descriptor.getSource().orElse(null) instanceof MethodSource method) {
                String area = TestName.parse(method.getMethodName()).map(TestName::area).orElse(null);
                return area != null && areas.contains(area) ? FilterResult.included("area " + area)
                        : FilterResult.excluded("not in the areas " + areas);
            }
            return FilterResult.included("container");
        };
    }
}
