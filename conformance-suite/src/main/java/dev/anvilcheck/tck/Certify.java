package dev.anvilcheck.tck;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.tck.internal.ClauseCatalog;
import dev.anvilcheck.tck.internal.report.CertificationRun;
import dev.anvilcheck.tck.internal.report.ConformanceReport;
import dev.anvilcheck.tck.internal.report.HtmlReport;
import dev.anvilcheck.tck.internal.report.JsonReport;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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
 * <p>The command line is parsed by picocli ({@code --flag value} or {@code --flag=value};
 * {@code --help} and {@code --version} too), which the runnable jar holds; as a Maven dependency of
 * the suite picocli is optional, so running this class on another class path needs picocli added. A
 * flag left out falls back to its system property ({@value RuntimeDiscovery#RUNTIME_PROPERTY},
 * {@value #AREAS_PROPERTY}, {@value #REPORT_PROPERTY}, the timeouts of {@link TestEnvironment} and
 * {@link ConformanceExtension}). Errors are one line on standard error naming what was wrong and
 * the fix (a usage error: picocli's message and a hint to {@code --help}); discovery errors name
 * {@code --runtime}, or {@code -Danvilcheck.runtime} when the choice came from that property.
 *
 * <p>Exit code: 0 certified (no clause failed, every declared feature worked), 1 not certified, 2
 * usage, class path or discovery error, or a report folder that cannot be written.
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

    private static final int NOT_CERTIFIED = 1;
    private static final int USAGE = 2;
    private static final String NAME = "java -jar conformance-suite-cli.jar";

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
     * @param out where progress, the summary, {@code --help} and {@code --version} go
     * @param err where usage, class path, discovery and report errors go
     * @return the exit code: 0 certified, 1 not certified, 2 usage, class path or discovery error,
     *     or a report folder that cannot be written
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        try {
            return new CommandLine(new Flags(out, err))
                    .setCommandName(NAME)
                    .setOut(outWriter)
                    .setErr(errWriter)
                    .setParameterExceptionHandler(Certify::usageError)
                    .execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE;
    }

    /** The project version, from a resource the build filters; "unknown" if it is missing. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = Certify.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the suite's version.properties", e);
        }
        return properties.getProperty("version", "unknown");
    }

    /** The version line of {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anvilcheck conformance suite " + version()};
        }
    }

    /** A timeout: a positive number of milliseconds. */
    static final class Millis implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long millis;
            try {
                millis = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number of milliseconds");
            }
            if (millis <= 0) {
                throw new CommandLine.TypeConversionException(millis + " is not a positive number of milliseconds");
            }
            return millis;
        }
    }

    /** The command line's flags, and the certification they ask for. */
    @Command(mixinStandardHelpOptions = true, versionProvider = Version.class,
            sortOptions = false, sortSynopsis = false, usageHelpWidth = 100,
            description = "Certifies the anvil.server runtime whose RuntimeProvider is on the class path (found by"
                    + " ServiceLoader, or named by --runtime) and writes report.json and report.html to --report."
                    + " A flag left out falls back to its system property (-Danvilcheck.runtime, ...).",
            footer = {"%nExit code: 0 certified, 1 not certified, 2 usage, class path or discovery error,",
                "or a report folder that cannot be written."})
    static final class Flags implements Callable<Integer> {
        @Option(names = "--classpath", paramLabel = "<path>",
                description = "The runtime's jars and folders, separated by '${sys:path.separator}', loaded in a class"
                        + " loader of their own.")
        String classpath;

        @Option(names = "--runtime", paramLabel = "<provider>",
                description = "The provider's class name or name(); needed when several are found.")
        String runtime;

        @Option(names = "--report", paramLabel = "<folder>",
                description = "Where to write report.json and report.html (created if needed).")
        String report;

        @Option(names = "--areas", paramLabel = "<areas>",
                description = "Only these areas of the specification, separated by commas (CALL,SESS,...).")
        String areas;

        @Option(names = "--timeout-millis", paramLabel = "<ms>", converter = Millis.class,
                description = "How long the suite waits for an expected signal (default "
                        + TestEnvironment.DEFAULT_TIMEOUT_MILLIS + ").")
        Long timeoutMillis;

        @Option(names = "--no-signal-timeout-millis", paramLabel = "<ms>", converter = Millis.class,
                description = "How long it waits to be sure nothing happens (default "
                        + TestEnvironment.DEFAULT_NO_SIGNAL_TIMEOUT_MILLIS + ").")
        Long noSignalTimeoutMillis;

        @Option(names = "--test-timeout-millis", paramLabel = "<ms>", converter = Millis.class,
                description = "The most one test may take (default " + ConformanceExtension.DEFAULT_TEST_TIMEOUT_MILLIS
                        + ").")
        Long testTimeoutMillis;

        private final PrintStream out;
        private final PrintStream err;

        Flags(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            return certify(this, out, err);
        }
    }

    private static int certify(Flags command, PrintStream out, PrintStream err) {
        String choice = command.runtime;
        RuntimeDiscovery.ChoiceSource source = RuntimeDiscovery.ChoiceSource.COMMAND_LINE;
        if (choice == null && property(RuntimeDiscovery.RUNTIME_PROPERTY) != null) {
            choice = property(RuntimeDiscovery.RUNTIME_PROPERTY);
            source = RuntimeDiscovery.ChoiceSource.PROPERTY;
        }
        String reportDir = command.report != null ? command.report : property(REPORT_PROPERTY);
        Map<String, String> timeouts = new LinkedHashMap<>();
        timeout(timeouts, TestEnvironment.TIMEOUT_PROPERTY, command.timeoutMillis, TestEnvironment.DEFAULT_TIMEOUT_MILLIS);
        timeout(timeouts, TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY, command.noSignalTimeoutMillis,
                TestEnvironment.DEFAULT_NO_SIGNAL_TIMEOUT_MILLIS);
        timeout(timeouts, ConformanceExtension.TEST_TIMEOUT_PROPERTY, command.testTimeoutMillis,
                ConformanceExtension.DEFAULT_TEST_TIMEOUT_MILLIS);

        Set<String> areas;
        ClassLoader loader = null;
        RuntimeProvider provider;
        try {
            areas = areas(command.areas != null ? command.areas : property(AREAS_PROPERTY));
            loader = loader(command.classpath);
            provider = RuntimeDiscovery.discover(choice, loader, source);
            if (reportDir != null) {
                writableFolder(reportDir);
            }
        } catch (IllegalArgumentException | RuntimeDiscoveryException e) {
            if (loader != null) {
                closeIfOurs(loader);
            }
            err.println("Cannot certify: " + e.getMessage());
            return USAGE;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(RuntimeDiscovery.RUNTIME_PROPERTY, provider.getClass().getName());
        parameters.putAll(timeouts);
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
        if (reportDir != null) {
            try {
                Path dir = Path.of(reportDir);
                JsonReport.write(report, dir.resolve("report.json"));
                HtmlReport.write(report, dir.resolve("report.html"));
                out.println("Report: " + dir.resolve("report.json").toAbsolutePath() + " and report.html");
            } catch (UncheckedIOException e) {
                err.println("Cannot write the report: " + e.getMessage());
                return USAGE;
            }
        }
        return report.certified() ? 0 : NOT_CERTIFIED;
    }

    /** A timeout parameter: the flag, else its system property (as given), else the default. */
    private static void timeout(Map<String, String> parameters, String key, Long flag, long defaultMillis) {
        String value = flag != null ? String.valueOf(flag) : property(key);
        parameters.put(key, value != null ? value : String.valueOf(defaultMillis));
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** Makes sure the report folder exists and can be written, before a run that may take minutes. */
    private static void writableFolder(String folder) {
        Path dir = Path.of(folder).toAbsolutePath();
        String why = null;
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                why = "the folder is not writable";
            }
        } catch (FileAlreadyExistsException e) {
            why = e.getFile() + " exists and is not a folder";
        } catch (AccessDeniedException e) {
            why = "permission denied on " + e.getFile();
        } catch (FileSystemException e) {
            why = e.getFile() + ": " + e.getReason();
        } catch (IOException e) {
            why = e.getMessage();
        }
        if (why != null) {
            throw new IllegalArgumentException("--report " + dir + " cannot be written: " + why
                    + "; name a folder you can create or write to");
        }
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
                        + ", which does not exist; name existing jars or folders, separated by '" + File.pathSeparator
                        + "'");
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
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the class loader of the runtime under test", e);
            }
        }
    }
}
