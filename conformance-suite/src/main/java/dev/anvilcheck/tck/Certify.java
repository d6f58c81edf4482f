package dev.anvilcheck.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.tck.internal.CertificationReport;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Certifies a runtime from the command line: finds the {@link RuntimeProvider} on the class path
 * (STYLE 3), runs every conformance test of {@value #CLAUSES_PACKAGE} against it with the JUnit
 * Platform Launcher, prints each result, then one line per area and an overall line:
 *
 * <pre>
 * CALL: 20 passed, 0 failed, 3 not applicable, 2 untested
 * ...
 * TOTAL: 95 passed, 0 failed, 9 not applicable, 17 untested -- CONFORMS
 * </pre>
 *
 * <p>Usage: {@code java -cp <suite>:<your runtime>:<deps> dev.anvilcheck.tck.Certify
 * [--runtime <class name or name()>] [--timeout-millis <ms>] [--test-timeout-millis <ms>]}.
 * The exit code is 0 when no test failed, 1 when some failed, 2 when the runtime could not be
 * found or the arguments are wrong.
 *
 * @since 0.1
 */
public final class Certify {
    /** The package holding the conformance tests. */
    public static final String CLAUSES_PACKAGE = "dev.anvilcheck.tck.clauses";

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
     * @param out where the report goes
     * @param err where usage and discovery errors go
     * @return the exit code: 0 all conform, 1 some test failed, 2 usage or discovery error
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> parameters = new LinkedHashMap<>();
        copyProperty(parameters, RuntimeDiscovery.RUNTIME_PROPERTY);
        copyProperty(parameters, TestEnvironment.TIMEOUT_PROPERTY);
        copyProperty(parameters, TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY);
        copyProperty(parameters, ConformanceExtension.TEST_TIMEOUT_PROPERTY);
        for (int i = 0; i < args.length; i++) {
            String key = switch (args[i]) {
                case "--runtime" -> RuntimeDiscovery.RUNTIME_PROPERTY;
                case "--timeout-millis" -> TestEnvironment.TIMEOUT_PROPERTY;
                case "--no-signal-timeout-millis" -> TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY;
                case "--test-timeout-millis" -> ConformanceExtension.TEST_TIMEOUT_PROPERTY;
                case "--help", "-h" -> {
                    usage(out);
                    yield null;
                }
                default -> {
                    err.println("Unknown argument: " + args[i]);
                    usage(err);
                    yield "";
                }
            };
            if (key == null) {
                return 0;
            }
            if (key.isEmpty()) {
                return 2;
            }
            if (i + 1 >= args.length) {
                err.println("Missing value after " + args[i]);
                usage(err);
                return 2;
            }
            parameters.put(key, args[++i]);
        }

        RuntimeProvider provider;
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            provider = RuntimeDiscovery.discover(parameters.get(RuntimeDiscovery.RUNTIME_PROPERTY),
                    loader != null ? loader : Certify.class.getClassLoader());
        } catch (RuntimeDiscoveryException e) {
            err.println("Cannot certify: " + e.getMessage());
            return 2;
        }
        Set<Feature> features = provider.features();
        out.println("Certifying runtime '" + provider.name() + "' (" + provider.getClass().getName() + ")");
        out.println("Transport: " + provider.transport());
        out.println("Declared features: " + (features == null || features.isEmpty() ? "none" : features));
        parameters.put(RuntimeDiscovery.RUNTIME_PROPERTY, provider.getClass().getName());

        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(CLAUSES_PACKAGE))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameters(parameters)
                .build();
        CertificationReport report = new CertificationReport(out);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, report);
        return report.total().failed() == 0 && report.total().passed() + report.total().notApplicable()
                + report.total().untested() > 0 ? 0 : 1;
    }

    private static void copyProperty(Map<String, String> parameters, String key) {
        String value = System.getProperty(key);
        if (value != null && !value.isBlank()) {
            parameters.put(key, value);
        }
    }

    private static void usage(PrintStream out) {
        out.println("Usage: java dev.anvilcheck.tck.Certify [--runtime <provider class name or name()>]"
                + " [--timeout-millis <ms>] [--no-signal-timeout-millis <ms>] [--test-timeout-millis <ms>]");
        out.println("Certifies the anvil.server runtime whose RuntimeProvider is on the class path.");
        out.println("Exit code: 0 conforms, 1 some clause failed, 2 usage or discovery error.");
    }
}
