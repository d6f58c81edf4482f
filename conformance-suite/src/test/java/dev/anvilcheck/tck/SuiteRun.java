package dev.anvilcheck.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs conformance tests against a chosen provider and collects each test's result by method name. */
final class SuiteRun {
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, TestExecutionResult> invocations = new LinkedHashMap<>();

    private SuiteRun(String providerClass) {
        parameters.put(RuntimeDiscovery.RUNTIME_PROPERTY, providerClass);
    }

    static SuiteRun against(Class<?> providerClass) {
        return new SuiteRun(providerClass.getName());
    }

    static SuiteRun named(String runtime) {
        return new SuiteRun(runtime);
    }

    SuiteRun with(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    /** Runs the named test methods of {@code testClass}. */
    Map<String, TestExecutionResult> methods(Class<?> testClass, String... methodNames) {
        DiscoverySelector[] selectors = Arrays.stream(methodNames).map(name -> {
            Method method = Arrays.stream(testClass.getDeclaredMethods()).filter(m -> m.getName().equals(name))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no method " + name));
            return selectMethod(testClass, method);
        }).toArray(DiscoverySelector[]::new);
        return run(selectors);
    }

    /**
     * The result of each invocation of the tests run last, keyed by method name and display name,
     * e.g. {@code optional_HTTP_06_x over IN_MEMORY} for a parameterized test.
     */
    Map<String, TestExecutionResult> invocations() {
        return invocations;
    }

    /** Runs every test of {@code testClass}. */
    Map<String, TestExecutionResult> classes(Class<?>... testClasses) {
        return run(Arrays.stream(testClasses).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new));
    }

    /** Runs every test class of {@code packageName} whose name ends in Verification. */
    Map<String, TestExecutionResult> packages(String packageName) {
        return run(org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage(packageName));
    }

    private Map<String, TestExecutionResult> run(DiscoverySelector... selectors) {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                    results.put(m.getMethodName(), result);
                    invocations.put(m.getMethodName() + " " + id.getDisplayName(), result);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                    results.put(m.getMethodName(), TestExecutionResult.aborted(new IllegalStateException(reason)));
                }
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .filters(EngineFilter.includeEngines("junit-jupiter")).configurationParameters(parameters)
                .build(), listener);
        return results;
    }
}
