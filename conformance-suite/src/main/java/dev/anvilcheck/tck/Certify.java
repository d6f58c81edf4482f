package dev.anvilcheck.tck;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.report.CertificationRun;
import dev.anvilcheck.tck.internal.report.ConformanceReport;
import dev.anvilcheck.tck.internal.report.HtmlReport;
import dev.anvilcheck.tck.internal.report.JsonReport;
import java.io.File;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Certifies a runtime from the command line; the runnable jar {@code conformance-suite-cli.jar} and
 * the build's {@code -Pcertify} profile both run this class. It finds the {@link RuntimeProvider}
 * (ServiceLoader or {@code --runtime}, failing loudly on none, several or an unknown name; CONVENTIONS
 * 3), checks the features it declares, runs every clause test of {@value #CLAUSES_PACKAGE} (or
 * those of {@code --areas}) against it, prints a line per test while it runs and one line per area
 * at the end, and writes {@code report.json} and {@code report.html} to {@code --report}:
 *
 * <pre>
 * java -jar conformance-suite-cli.jar --classpath my-runtime.jar:its-deps.jar \
 *      [--runtime &lt;provider class or name()&gt;] [--report &lt;dir&gt;] [--areas CALL,SESS] \
 *      [--timeout-millis 5000] [--no-signal-timeout-millis 250] [--test-timeout-millis 60000]
 * </pre>
 *
 * <p>Exit code: 0 certified (no clause failed, every declared feature worked), 1 not certified, 2
 * usage, class path or discovery error.
 *
 * @since 0.1
 */
public final class Certify {
    /** The package holding the conformance tests. */
    public static final String CLAUSES_PACKAGE = CertificationRun.CLAUSES_PACKAGE;
    /** The configuration parameter or system property that restricts a run to some areas. */
    public static final String AREAS_PROPERTY = "anvilcheck.areas";
    /** The system property naming the folder reports are written to. */
    public static final String REPORT_PROPERTY = "anvilcheck.report";

    private Certify() {}

    /**
     * Runs the certification and exits with its exit code.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the certification.
     *
     * @param args the command-line arguments
     * @param out where progress and the summary go
     * @param err where usage, class path and discovery errors go
     * @return the exit code: 0 certified, 1 not certified, 2 usage, class path or discovery error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        copyProperty(options, "--runtime", RuntimeDiscovery.RUNTIME_PROPERTY);
        copyProperty(options, "--timeout-millis", TestEnvironment.TIMEOUT_PROPERTY);
        copyProperty(options, "--no-signal-timeout-millis", TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY);
        copyProperty(options, "--test-timeout-millis", ConformanceExtension.TEST_TIMEOUT_PROPERTY);
        copyProperty(options, "--areas", AREAS_PROPERTY);
        copyProperty(options, "--report", REPORT_PROPERTY);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                usage(out);
                return 0;
            }
            if (!List.of("--runtime", "--classpath", "--report", "--areas", "--timeout-millis",
                    "--no-signal-timeout-millis", "--test-timeout-millis").contains(option)) {
                err.println("Unknown argument: " + option);
                usage(err);
                return 2;
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                err.println("Missing value after " + option);
                usage(err);
                return 2;
            }
            options.put(option, args[++i]);
        }

        Set<String> areas;
        ClassLoader loader;
        RuntimeProvider provider;
        try {
            areas = areas(options.get("--areas"));
            loader = loader(options.get("--classpath"));
            provider = RuntimeDiscovery.discover(options.get("--runtime"), loader);
        } catch (IllegalArgumentException | RuntimeDiscoveryException e) {
            err.println("Cannot certify: " + e.getMessage());
            return 2;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(RuntimeDiscovery.RUNTIME_PROPERTY, provider.getClass().getName());
        for (String[] pair : new String[][] {{"--timeout-millis", TestEnvironment.TIMEOUT_PROPERTY},
                {"--no-signal-timeout-millis", TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY},
                {"--test-timeout-millis", ConformanceExtension.TEST_TIMEOUT_PROPERTY}}) {
            if (options.containsKey(pair[0])) {
                parameters.put(pair[1], options.get(pair[0]));
            }
        }
        parameters.putIfAbsent(TestEnvironment.TIMEOUT_PROPERTY, String.valueOf(TestEnvironment.DEFAULT_TIMEOUT_MILLIS));
        parameters.putIfAbsent(TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY,
                String.valueOf(TestEnvironment.DEFAULT_NO_SIGNAL_TIMEOUT_MILLIS));
        parameters.putIfAbsent(ConformanceExtension.TEST_TIMEOUT_PROPERTY,
                String.valueOf(ConformanceExtension.DEFAULT_TEST_TIMEOUT_MILLIS));
        Set<Feature> features = provider.features();
        out.println("Certifying runtime '" + provider.name() + "' (" + provider.getClass().getName() + ")");
        out.println("Transport: " + provider.transport());
        out.println("Declared features: " + (features == null || features.isEmpty() ? "none" : features));
        out.println("Areas: " + (areas.isEmpty() ? "all" : String.join(", ", areas)));

        ConformanceReport report;
        try {
            report = new CertificationRun(provider, loader, areas, parameters, out).run();
        } finally {
            closeIfOurs(loader);
        }
        summary(report, out);
        String reportDir = options.get("--report");
        if (reportDir != null) {
            try {
                Path dir = Path.of(reportDir);
                JsonReport.write(report, dir.resolve("report.json"));
                HtmlReport.write(report, dir.resolve("report.html"));
                out.println("Report: " + dir.resolve("report.json").toAbsolutePath() + " and report.html");
            } catch (UncheckedIOException e) {
                err.println("Cannot write the report: " + e.getMessage());
                return 2;
            }
        }
        return report.certified() ? 0 : 1;
    }

    private static void summary(ConformanceReport report, PrintStream out) {
        out.println();
        if (!report.implementationDefined().isEmpty()) {
            out.println("Implementation-defined choices and observations:");
            report.implementationDefined().forEach(c -> out.println("  " + c.key() + ": " + c.observed() + " ("
                    + c.clause() + ")"));
            out.println();
        }
        report.suiteErrors().forEach(e -> out.println("ERROR outside tests: " + e));
        report.runtime().featureProblems().forEach(p -> out.println("FEATURE PROBLEM: " + p));
        report.summary().byArea().forEach(a -> out.println(a.area() + ": " + a.counts()));
        out.println("TOTAL: " + report.summary().total() + " -- " + report.verdict());
    }

    private static Set<String> areas(String list) {
        Set<String> areas = new LinkedHashSet<>();
        if (list == null || list.isBlank()) {
            return areas;
        }
        List<String> known = ClauseCatalog.areas();
        for (String part : list.split(",")) {
            String area = part.trim().toUpperCase(Locale.ROOT);
            if (area.isEmpty()) {
                continue;
            }
            if (!known.contains(area)) {
                throw new IllegalArgumentException("Unknown area '" + part.trim() + "' (--areas): the specification's"
                        + " areas are " + String.join(", ", known));
            }
            areas.add(area);
        }
        return areas;
    }

    /** The loader of the runtime under test: the suite's own, or one over {@code --classpath}. */
    private static ClassLoader loader(String classpath) {
        ClassLoader parent = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Certify.class.getClassLoader();
        if (classpath == null || classpath.isBlank()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry.trim());
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--classpath names " + path.toAbsolutePath()
                        + ", which does not exist");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry " + entry + " is not a path: " + e.getMessage(),
                        e);
            }
        }
        return new URLClassLoader("anvilcheck-runtime-under-test", urls.toArray(URL[]::new), parent);
    }

    private static void closeIfOurs(ClassLoader loader) {
        if (loader instanceof URLClassLoader ours && "anvilcheck-runtime-under-test".equals(ours.getName())) {
            try {
                ours.close();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("Cannot close the class loader of the runtime under test", e);
            }
        }
    }

    private static void copyProperty(Map<String, String> options, String option, String key) {
        String value = System.getProperty(key);
        if (value != null && !value.isBlank()) {
            options.put(option, value);
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java -jar conformance-suite-cli.jar [--classpath <jars and folders of the runtime,"
                + " separated by '" + File.pathSeparator + "'>]");
        out.println("         [--runtime <provider class name or name()>] [--report <folder>] [--areas CALL,SESS,...]");
        out.println("         [--timeout-millis <ms>] [--no-signal-timeout-millis <ms>] [--test-timeout-millis <ms>]");
        out.println("Certifies the anvil.server runtime whose RuntimeProvider is on the class path (found by"
                + " ServiceLoader, or named by --runtime) and writes report.json and report.html to --report.");
        out.println("Exit code: 0 certified, 1 not certified, 2 usage, class path or discovery error.");
    }
}
