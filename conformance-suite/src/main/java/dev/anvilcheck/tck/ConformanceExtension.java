package dev.anvilcheck.tck;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.tck.internal.Exclusions;
import dev.anvilcheck.tck.internal.OverTheWire;
import dev.anvilcheck.tck.internal.FeatureCheck;
import dev.anvilcheck.tck.internal.TestName;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

/**
 * Runs conformance tests against the runtime under certification. For each test it:
 *
 * <ol>
 *   <li>checks the test's name (level and clause, CONVENTIONS 1); clauses this suite does not verify
 *       are not tests but entries of the checked-in list {@code not-testable.tsv}, shown by
 *       {@code UntestedVerification};</li>
 *   <li>finds the {@link RuntimeProvider} once per run with {@link RuntimeDiscovery} (the
 *       configuration parameter or system property {@value RuntimeDiscovery#RUNTIME_PROPERTY} may
 *       choose one);</li>
 *   <li>aborts tests whose {@link RequiresFeature} features the provider does not declare, naming
 *       the clause and the missing feature, and tests the one reviewed list {@code exclusions.tsv}
 *       excuses for the runtime or its transport, with the list's reason; fails them, naming the feature and the SPI method, when a
 *       declared feature's method throws or returns nothing;</li>
 *   <li>starts a fresh {@link RuntimeUnderTest} and a {@link TestEnvironment}, injects either as a
 *       parameter, runs the test with a budget of {@value #TEST_TIMEOUT_PROPERTY} (default
 *       {@value #DEFAULT_TEST_TIMEOUT_MILLIS} ms) so that a runtime that hangs cannot stall the
 *       run, re-raises errors collected on other threads, and closes both afterwards; an exception
 *       of the runtime that a test did not expect fails it in the message template, naming the
 *       exception, while one raised by the suite's own code is left as it is (a bug of the
 *       suite).</li>
 * </ol>
 *
 * <p>All state lives in the {@link ExtensionContext.Store} (CONVENTIONS 7).
 *
 * @since 0.1
 */
public final class ConformanceExtension
        implements BeforeEachCallback, AfterEachCallback, ParameterResolver, InvocationInterceptor {
    /** The property holding the budget of one whole test, in milliseconds. */
    public static final String TEST_TIMEOUT_PROPERTY = "anvilcheck.testTimeoutMillis";
    /** The default budget of one whole test. */
    public static final long DEFAULT_TEST_TIMEOUT_MILLIS = 60_000;

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ConformanceExtension.class);

    /** Creates the extension; JUnit does, through {@code @ExtendWith}. */
    public ConformanceExtension() {}

    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        TestName name = TestName.parse(method.getName()).orElseThrow(() -> new ExtensionConfigurationException(
                "Conformance test " + method.getDeclaringClass().getName() + "#" + method.getName()
                        + " does not follow the naming rule " + TestName.rule()));
        Set<Feature> needed = requiredFeatures(context);
        if (!needed.isEmpty() && name.level() == TestName.Level.REQUIRED) {
            throw new ExtensionConfigurationException("Conformance test " + method.getName() + " needs "
                    + needed + " but is required_: a test gated on a feature must be optional_");
        }
        RuntimeProvider provider = provider(context);
        Set<Feature> declared = provider.features() == null ? Set.of() : provider.features();
        Set<Feature> missing = EnumSet.noneOf(Feature.class);
        missing.addAll(needed);
        missing.removeAll(declared);
        if (!missing.isEmpty()) {
            Assumptions.abort("[" + name.clause() + "] not applicable: runtime '" + provider.name()
                    + "' does not declare " + missing.stream().map(f -> "Feature." + f.name())
                            .collect(Collectors.joining(", ")) + ", which this clause's test needs");
        }
        RuntimeUnderTest runtime = provider.start();
        if (runtime == null) {
            throw new IllegalStateException("RuntimeProvider " + provider.getClass().getName()
                    + ".start() returned null");
        }
        // the transport is what the suite sees, not what the provider says: only the suite's own
        // wire client makes a runtime "reached over the uplink"
        String transport = runtime instanceof OverTheWire ? OverTheWire.TRANSPORT : "in-memory";
        Optional<Exclusions.Entry> excused = Exclusions.find(provider.name(), transport, method.getName());
        if (excused.isPresent()) {
            runtime.close();
            Assumptions.abort("[" + name.clause() + "] not applicable: runtime '" + provider.name() + "' is excused ("
                    + excused.get().scope() + " in " + Exclusions.RESOURCE + ", reason " + excused.get().reasonName()
                    + "): " + excused.get().reason());
        }
        Resources resources = new Resources(runtime);
        context.getStore(NAMESPACE).put(Resources.class, resources);
        resources.env = new TestEnvironment(provider, runtime, name.clause(),
                millis(context, TestEnvironment.TIMEOUT_PROPERTY, TestEnvironment.DEFAULT_TIMEOUT_MILLIS),
                millis(context, TestEnvironment.NO_SIGNAL_TIMEOUT_PROPERTY,
                        TestEnvironment.DEFAULT_NO_SIGNAL_TIMEOUT_MILLIS),
                context::publishReportEntry);
        Optional<String> broken = FeatureCheck.accessors(provider.name(), runtime, needed);
        if (broken.isPresent()) {
            throw new FailureMessage(name.clause(), "the declared features this test needs to work", broken.get(),
                    null, null, Duration.ZERO).toFailure();
        }
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        Resources resources = context.getStore(NAMESPACE).get(Resources.class, Resources.class);
        if (resources == null || resources.env == null) {
            invocation.proceed();
            return;
        }
        TestEnvironment env = resources.env;
        Duration budget = millis(context, TEST_TIMEOUT_PROPERTY, DEFAULT_TEST_TIMEOUT_MILLIS);
        long start = System.nanoTime();
        try {
            Assertions.assertTimeoutPreemptively(budget, () -> {
                env.bindTestThread();
                try {
                    invocation.proceed();
                } finally {
                    env.unbindTestThread();
                }
                return null;
            }, () -> new FailureMessage(env.clause(), "the test to finish within " + budget.toMillis()
                    + " ms (property " + TEST_TIMEOUT_PROPERTY + ")", "still running: a call or wait did not return",
                    null, null, budget).format());
        } catch (AssertionError | TestAbortedException e) {
            throw e;
        } catch (Throwable e) {
            if (raisedByTheSuite(e)) {
                throw e;
            }
            throw new FailureMessage(env.clause(), "the test to run to its end", Describe.raised(e)
                    + " from the runtime, which the test did not expect", null, null,
                    Duration.ofNanos(System.nanoTime() - start)).toFailure(e);
        }
    }

    /**
     * Whether an unexpected exception comes from the suite's own code rather than the runtime's:
     * a bug of the suite, left as it is so that it is not mistaken for a runtime's failure (CONVENTIONS 4).
     */
    private static boolean raisedByTheSuite(Throwable error) {
        for (StackTraceElement frame : error.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                    || type.startsWith("sun.")) {
                continue;
            }
            return type.startsWith("dev.anvilcheck.tck.") && !type.startsWith("dev.anvilcheck.tck.wire.")
                    && !type.startsWith("dev.anvilcheck.tck.broken.");
        }
        return false;
    }

    /**
     * Runs a parameterized conformance test (e.g. one HTTP clause over each transport) with the
     * same budget and test-thread binding as a plain one.
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        interceptTestMethod(invocation, invocationContext, context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Resources resources = context.getStore(NAMESPACE).get(Resources.class, Resources.class);
        if (resources != null && resources.env != null) {
            resources.env.verifyNoAsyncErrors();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestEnvironment.class || type == RuntimeUnderTest.class || type == RuntimeProvider.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Resources resources = extensionContext.getStore(NAMESPACE).get(Resources.class, Resources.class);
        if (resources == null || resources.env == null) {
            throw new ParameterResolutionException("No runtime was started for "
                    + parameterContext.getDeclaringExecutable() + ": " + ConformanceExtension.class.getSimpleName()
                    + " injects " + parameterContext.getParameter().getType().getSimpleName()
                    + " only into test methods");
        }
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestEnvironment.class) {
            return resources.env;
        }
        if (type == RuntimeProvider.class) {
            return resources.env.provider();
        }
        return resources.runtime;
    }

    private static RuntimeProvider provider(ExtensionContext context) {
        String choice = context.getConfigurationParameter(RuntimeDiscovery.RUNTIME_PROPERTY).orElse(null);
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(ConformanceExtension.class.getClassLoader());
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("provider:" + choice,
                key -> RuntimeDiscovery.discover(choice, loader), RuntimeProvider.class);
    }

    private static Set<Feature> requiredFeatures(ExtensionContext context) {
        Set<Feature> needed = EnumSet.noneOf(Feature.class);
        add(needed, context.getRequiredTestMethod());
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            add(needed, type);
        }
        return needed;
    }

    private static void add(Set<Feature> needed, AnnotatedElement element) {
        RequiresFeature requires = element.getAnnotation(RequiresFeature.class);
        if (requires != null) {
            needed.addAll(java.util.Arrays.asList(requires.value()));
        }
    }

    private static Duration millis(ExtensionContext context, String key, long defaultMillis) {
        Optional<String> value = context.getConfigurationParameter(key);
        if (value.isEmpty() || value.get().isBlank()) {
            return Duration.ofMillis(defaultMillis);
        }
        try {
            long millis = Long.parseLong(value.get().trim());
            if (millis <= 0) {
                throw new NumberFormatException("not positive");
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException("Configuration parameter " + key + " must be a positive"
                    + " number of milliseconds, but is '" + value.get() + "'", e);
        }
    }

    /** The runtime and environment of one test, closed together: environment first. */
    private static final class Resources implements AutoCloseable {
        private final RuntimeUnderTest runtime;
        private TestEnvironment env;

        Resources(RuntimeUnderTest runtime) {
            this.runtime = runtime;
        }

        @Override
        public void close() {
            try {
                if (env != null) {
                    env.close();
                }
            } finally {
                runtime.close();
            }
        }
    }
}
