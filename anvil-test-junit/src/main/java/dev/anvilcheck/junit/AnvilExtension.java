package dev.anvilcheck.junit;

import dev.anvilcheck.junit.internal.AppLogOnFailure;
import dev.anvilcheck.junit.internal.Misuse;
import dev.anvilcheck.junit.internal.RuntimeResource;
import dev.anvilcheck.junit.internal.Settings;
import dev.anvilcheck.junit.internal.SupportedJUnit;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.BackgroundTasks;
import dev.anvilcheck.runtime.CallJournal;
import dev.anvilcheck.runtime.FakeClock;
import dev.anvilcheck.runtime.RuntimeFaults;
import dev.anvilcheck.runtime.SimulatedBackgroundTask;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.SimulatedClientUplink;
import dev.anvilcheck.runtime.SimulatedEmail;
import dev.anvilcheck.runtime.SimulatedHttp;
import dev.anvilcheck.runtime.SimulatedScheduledTask;
import dev.anvilcheck.runtime.SimulatedServerModule;
import dev.anvilcheck.runtime.SimulatedUplink;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.spi.Caller;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension that runs tests against the reference runtime. Two ways in, with the same
 * behaviour: the class annotation {@link AnvilTest}, or a builder for a {@code @RegisterExtension}
 * field, which can also configure the runtime further (secrets, timeouts, clock):
 *
 * <pre>{@code
 * @RegisterExtension
 * static AnvilExtension anvil = AnvilExtension.newInstance()
 *         .modules(TicketTracker.class)
 *         .tasks(TaskExecution.DETERMINISTIC)
 *         .configure(runtime -> runtime.secret("status_api_url", wireMock.baseUrl()))
 *         .build();
 * }</pre>
 *
 * <p>Each test (or, with {@link Lifecycle#PER_CLASS}, each class) gets a runtime built with a
 * {@link FakeClock}, the {@linkplain CallJournal call journal} on, and the modules registered.
 * Test methods, lifecycle methods and constructors receive the parameters {@link AnvilTest} lists.
 * The runtime lives only in the test's (or class's) {@link ExtensionContext.Store} as an
 * {@link AutoCloseable}, so JUnit closes it after the {@code @AfterEach} (or {@code @AfterAll})
 * methods; closing it stops every thread and socket it started, and a task thread that outlives it
 * fails the test. A test or lifecycle method that fails gets the entries the runtime's
 * {@linkplain AnvilRuntime#appLog() app log} received meanwhile (errors of server code with their
 * stack traces) added to its failure, as a suppressed exception, and as a report entry; a passing
 * test gets nothing. The extension keeps no state of its own, so tests may run in parallel. Misuse
 * fails the test with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException}
 * that names the class, field or parameter and the fix.
 *
 * @since 0.1
 */
public final class AnvilExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AnvilExtension.class);
    private static final String SETTINGS = "settings";
    private static final Set<Class<?>> INJECTED = Set.of(AnvilRuntime.class, FakeClock.class, CallJournal.class,
            BackgroundTasks.class, RuntimeFaults.class, SimulatedBrowser.class, SimulatedServerModule.class,
            SimulatedUplink.class, SimulatedClientUplink.class, SimulatedHttp.class, SimulatedBackgroundTask.class,
            SimulatedEmail.class, SimulatedScheduledTask.class);

    private final Settings configured;

    /**
     * The extension as {@link AnvilTest} registers it: its settings are the annotation's. Use
     * {@link #newInstance()} to register it programmatically.
     */
    public AnvilExtension() {
        this(null);
    }

    private AnvilExtension(Settings configured) {
        this.configured = configured;
    }

    /**
     * A builder of the extension, for a {@code @RegisterExtension} field.
     *
     * @return the builder
     */
    public static Builder newInstance() {
        return new Builder();
    }

    /**
     * Checks the settings before the class's tests run, so misuse fails fast.
     *
     * @param context the class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        settings(context);
    }

    /**
     * Checks the settings and the test method's parameters.
     *
     * @param context the test's context
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).lifecycle() == Lifecycle.PER_CLASS) {
            AppLogOnFailure.markTestStart(context.getStore(NAMESPACE));
        }
        for (Parameter p : context.getRequiredTestMethod().getParameters()) {
            if (claimedButNotInjected(p.getType(), context)) {
                throw Misuse.unsupportedParameter(p);
            }
        }
    }

    /**
     * Adds the app log's entries written during the test to its failure, then rethrows it.
     *
     * @param context the test's context
     * @param throwable the failure
     * @throws Throwable {@code throwable}, unchanged but for a suppressed app log excerpt
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        AppLogOnFailure.attach(context, context.getStore(NAMESPACE), throwable);
        throw throwable;
    }

    /**
     * Adds the app log's entries to the failure of a {@code @BeforeAll} method, then rethrows it.
     *
     * @param context the class's context
     * @param throwable the failure
     * @throws Throwable {@code throwable}
     */
    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        AppLogOnFailure.attach(context, context.getStore(NAMESPACE), throwable);
        throw throwable;
    }

    /**
     * Adds the app log's entries written during the test to the failure of a {@code @BeforeEach}
     * method, then rethrows it.
     *
     * @param context the test's context
     * @param throwable the failure
     * @throws Throwable {@code throwable}
     */
    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        AppLogOnFailure.attach(context, context.getStore(NAMESPACE), throwable);
        throw throwable;
    }

    /**
     * Adds the app log's entries written during the test to the failure of an {@code @AfterEach}
     * method, then rethrows it.
     *
     * @param context the test's context
     * @param throwable the failure
     * @throws Throwable {@code throwable}
     */
    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        AppLogOnFailure.attach(context, context.getStore(NAMESPACE), throwable);
        throw throwable;
    }

    /**
     * Adds the app log's entries to the failure of an {@code @AfterAll} method, then rethrows it.
     *
     * @param context the class's context
     * @param throwable the failure
     * @throws Throwable {@code throwable}
     */
    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        AppLogOnFailure.attach(context, context.getStore(NAMESPACE), throwable);
        throw throwable;
    }

    /**
     * Constructor parameters are resolved in the context of the test method, so that a test class's
     * constructor receives that test's runtime.
     *
     * @param rootContext the root context
     * @return {@code TEST_METHOD}
     */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    /**
     * Whether this extension injects the parameter: the runtime and its parts, callers, and module
     * instances; other types of the runtime's package too, to explain why they are not injected.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return whether the parameter is this extension's
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return INJECTED.contains(type) || settings(extensionContext).modules().contains(type)
                || claimedButNotInjected(type, extensionContext);
    }

    /**
     * Resolves the parameter from the runtime of the test (or class), creating the runtime on first
     * use.
     *
     * @param parameterContext the parameter
     * @param extensionContext the context
     * @return the value
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter parameter = parameterContext.getParameter();
        Class<?> type = parameter.getType();
        if (claimedButNotInjected(type, extensionContext)) {
            throw Misuse.unsupportedParameter(parameter);
        }
        RuntimeResource resource = resource(parameter, extensionContext);
        AnvilRuntime runtime = resource.runtime();
        if (type == AnvilRuntime.class) {
            return runtime;
        } else if (type == FakeClock.class) {
            if (!(runtime.clock() instanceof FakeClock clock)) {
                throw Misuse.notAFakeClock(parameter, runtime.clock());
            }
            return clock;
        } else if (type == CallJournal.class) {
            return runtime.journal();
        } else if (type == BackgroundTasks.class) {
            return runtime.tasks();
        } else if (type == RuntimeFaults.class) {
            return runtime.faults();
        } else if (type == SimulatedBrowser.class) {
            return runtime.browser();
        } else if (type == SimulatedServerModule.class) {
            return runtime.serverModule();
        } else if (type == SimulatedUplink.class) {
            return runtime.uplink();
        } else if (type == SimulatedClientUplink.class) {
            return runtime.clientUplink();
        } else if (type == SimulatedHttp.class) {
            return runtime.http();
        } else if (type == SimulatedBackgroundTask.class) {
            return runtime.backgroundTask();
        } else if (type == SimulatedEmail.class) {
            return runtime.email();
        } else if (type == SimulatedScheduledTask.class) {
            return runtime.scheduledTask();
        }
        Object module = resource.module(type);
        if (module == null) {
            throw Misuse.unsupportedParameter(parameter);
        }
        return module;
    }

    private boolean claimedButNotInjected(Class<?> type, ExtensionContext context) {
        if (INJECTED.contains(type)) {
            return false;
        }
        boolean ours = type.getPackageName().equals(AnvilRuntime.class.getPackageName())
                || Caller.class.isAssignableFrom(type);
        if (!ours) {
            return false;
        }
        return !settings(context).modules().contains(type);
    }

    private RuntimeResource resource(Parameter parameter, ExtensionContext context) {
        Settings settings = settings(context);
        ExtensionContext owner;
        if (settings.lifecycle() == Lifecycle.PER_CLASS) {
            owner = classContext(context);
        } else if (context.getTestMethod().isPresent()) {
            owner = context;
        } else {
            throw Misuse.perTestRuntimeOutsideTest(parameter);
        }
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(RuntimeResource.class,
                k -> RuntimeResource.create(settings, owner.getDisplayName()), RuntimeResource.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private Settings settings(ExtensionContext context) {
        ExtensionContext owner = classContext(context);
        Class<?> testClass = owner.getRequiredTestClass();
        Settings checked = owner.getStore(NAMESPACE).getOrComputeIfAbsent(SETTINGS, k -> checkedSettings(testClass),
                Settings.class);
        // An extension in an instance field exists once per test instance, and its settings may
        // refer to that instance (e.g. a WireMock field): use this instance's own settings.
        return configured != null ? configured : checked;
    }

    private Settings checkedSettings(Class<?> testClass) {
        SupportedJUnit.check();
        List<Field> fields = new ArrayList<>();
        Optional<AnvilTest> annotation = Optional.empty();
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            fields.addAll(ReflectionSupport.findFields(c, f -> AnvilExtension.class.isAssignableFrom(f.getType())
                    && AnnotationSupport.isAnnotated(f, RegisterExtension.class), HierarchyTraversalMode.TOP_DOWN));
            if (annotation.isEmpty()) {
                annotation = AnnotationSupport.findAnnotation(c, AnvilTest.class);
            }
        }
        fields.sort(java.util.Comparator.comparing(Field::getName));
        if (annotation.isPresent() && !fields.isEmpty()) {
            throw Misuse.annotationAndField(testClass, fields.get(0).getName());
        }
        if (fields.size() > 1) {
            throw Misuse.twoFields(testClass, fields.get(0).getName(), fields.get(1).getName());
        }
        Settings settings;
        if (configured != null) {
            settings = configured;
        } else if (annotation.isPresent()) {
            AnvilTest a = annotation.get();
            settings = new Settings(Arrays.asList(a.modules()), a.lifecycle(), a.tasks(), b -> { },
                    "@AnvilTest on " + testClass.getSimpleName());
        } else {
            throw Misuse.extendWithWithoutSettings(testClass);
        }
        RuntimeResource.validate(settings);
        return settings;
    }

    /**
     * Builds an {@link AnvilExtension} for a {@code @RegisterExtension} field. Defaults as
     * {@link AnvilTest}'s: no modules, a fresh runtime per test, tasks on threads.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<Class<?>> modules = new ArrayList<>();
        private Lifecycle lifecycle = Lifecycle.PER_TEST;
        private TaskExecution tasks = TaskExecution.THREADS;
        private Consumer<AnvilRuntime.Builder> configure = b -> { };

        private Builder() {}

        /**
         * Adds classes that hold server functions, as {@link AnvilTest#modules()}.
         *
         * @param modules the module classes
         * @return this builder
         */
        public Builder modules(Class<?>... modules) {
            for (Class<?> m : modules) {
                this.modules.add(Objects.requireNonNull(m, "module"));
            }
            return this;
        }

        /**
         * A fresh runtime for each test ({@link Lifecycle#PER_TEST}, the default).
         *
         * @return this builder
         */
        public Builder perTest() {
            return lifecycle(Lifecycle.PER_TEST);
        }

        /**
         * One runtime for the tests of the class ({@link Lifecycle#PER_CLASS}).
         *
         * @return this builder
         */
        public Builder perClass() {
            return lifecycle(Lifecycle.PER_CLASS);
        }

        /**
         * The lifecycle, as {@link AnvilTest#lifecycle()}.
         *
         * @param lifecycle the lifecycle
         * @return this builder
         */
        public Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        /**
         * How background tasks run, as {@link AnvilTest#tasks()}.
         *
         * @param tasks the task execution mode
         * @return this builder
         */
        public Builder tasks(TaskExecution tasks) {
            this.tasks = Objects.requireNonNull(tasks, "tasks");
            return this;
        }

        /**
         * Further settings of each runtime, applied to its builder just before it is built (so
         * values such as a stub server's URL are read when the test runs): secrets, call and
         * session timeouts, the clock's start, the app origin.
         *
         * @param configure changes the runtime's builder; called again for each runtime
         * @return this builder
         */
        public Builder configure(Consumer<AnvilRuntime.Builder> configure) {
            Objects.requireNonNull(configure, "configure");
            this.configure = this.configure.andThen(configure);
            return this;
        }

        /**
         * Builds the extension.
         *
         * @return the extension
         */
        public AnvilExtension build() {
            return new AnvilExtension(new Settings(modules, lifecycle, tasks, configure,
                    "AnvilExtension.newInstance()"));
        }
    }
}
