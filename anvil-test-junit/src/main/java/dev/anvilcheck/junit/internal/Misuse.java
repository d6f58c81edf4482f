package dev.anvilcheck.junit.internal;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The messages of misuse: one factory per kind, each naming the class, field or parameter at
 * fault and the fix (CONVENTIONS 10).
 */
public final class Misuse {
    private Misuse() {}

    /**
     * Both forms on one class.
     *
     * @param testClass the class
     * @param field the {@code @RegisterExtension} field
     * @return the exception
     */
    public static ExtensionConfigurationException annotationAndField(Class<?> testClass, String field) {
        return new ExtensionConfigurationException(testClass.getName() + " is annotated with @AnvilTest and also"
                + " registers an AnvilExtension in field '" + field + "'. Use one of them: remove @AnvilTest and keep"
                + " the field, or remove the field and put its settings in @AnvilTest(...)");
    }

    /**
     * Two registered extensions on one class.
     *
     * @param testClass the class
     * @param first one field
     * @param second another field
     * @return the exception
     */
    public static ExtensionConfigurationException twoFields(Class<?> testClass, String first, String second) {
        return new ExtensionConfigurationException(testClass.getName() + " registers an AnvilExtension in both field '"
                + first + "' and field '" + second + "', but a test has one runtime. Keep one field");
    }

    /**
     * {@code @ExtendWith(AnvilExtension.class)} without {@code @AnvilTest}.
     *
     * @param testClass the class
     * @return the exception
     */
    public static ExtensionConfigurationException extendWithWithoutSettings(Class<?> testClass) {
        return new ExtensionConfigurationException(testClass.getName() + " uses @ExtendWith(AnvilExtension.class),"
                + " which has no settings. Annotate the class with @AnvilTest(modules = ...) instead, or register"
                + " AnvilExtension.newInstance().modules(...).build() in a @RegisterExtension field");
    }

    /**
     * A module class with no server function.
     *
     * @param source where the modules were listed
     * @param module the class
     * @return the exception
     */
    public static ExtensionConfigurationException moduleWithoutFunctions(String source, Class<?> module) {
        return new ExtensionConfigurationException("Module " + module.getName() + " (listed in " + source + ") has no"
                + " @Callable, @BackgroundTask, @HttpEndpoint, @Route or @WellknownEndpoint method. Annotate its server"
                + " functions, or remove it from the modules");
    }

    /**
     * A module class with instance functions that cannot be instantiated.
     *
     * @param source where the modules were listed
     * @param module the class
     * @return the exception
     */
    public static ExtensionConfigurationException moduleNotInstantiable(String source, Class<?> module) {
        return new ExtensionConfigurationException("Module " + module.getName() + " (listed in " + source + ") has"
                + " instance server functions but no no-argument constructor, so the extension cannot create it. Add"
                + " a no-argument constructor, or remove it from the modules and register an instance yourself in a"
                + " @BeforeEach method: runtime.register(new " + module.getSimpleName() + "(...))");
    }

    /**
     * A module class the runtime refused.
     *
     * @param source where the modules were listed
     * @param module the class
     * @param refusal the runtime's reason
     * @return the exception
     */
    public static ExtensionConfigurationException moduleRefused(String source, Class<?> module,
            RuntimeException refusal) {
        return new ExtensionConfigurationException("Module " + module.getName() + " (listed in " + source + ") cannot"
                + " be registered: " + refusal.getMessage() + ". Fix its server functions' signatures", refusal);
    }

    /**
     * A per-test runtime asked for where no test runs.
     *
     * @param parameter the parameter
     * @return the exception
     */
    public static ExtensionConfigurationException perTestRuntimeOutsideTest(Parameter parameter) {
        Executable owner = parameter.getDeclaringExecutable();
        return new ExtensionConfigurationException("Parameter '" + parameter.getName() + "' of type "
                + parameter.getType().getSimpleName() + " of " + owner.getDeclaringClass().getSimpleName() + "."
                + owner.getName() + " asks for the runtime outside a test, but each test gets a fresh runtime"
                + " (lifecycle PER_TEST). Move the parameter to a @BeforeEach method, or use lifecycle = PER_CLASS");
    }

    /**
     * A parameter of a runtime type the extension does not inject.
     *
     * @param parameter the parameter
     * @return the exception
     */
    public static ExtensionConfigurationException unsupportedParameter(Parameter parameter) {
        Executable owner = parameter.getDeclaringExecutable();
        return new ExtensionConfigurationException("Parameter '" + parameter.getName() + "' of "
                + owner.getDeclaringClass().getSimpleName() + "." + owner.getName() + " has type "
                + parameter.getParameterizedType().getTypeName() + ", which AnvilExtension does not inject. Ask for"
                + " AnvilRuntime, FakeClock, CallJournal, BackgroundTasks, RuntimeFaults, a concrete caller"
                + " (SimulatedBrowser, SimulatedServerModule, SimulatedUplink, SimulatedClientUplink, SimulatedHttp,"
                + " SimulatedBackgroundTask, SimulatedEmail, SimulatedScheduledTask) or a module class");
    }

    /**
     * A fake clock asked for while the runtime reads another clock.
     *
     * @param parameter the parameter
     * @param clock the clock the runtime reads
     * @return the exception
     */
    public static ExtensionConfigurationException notAFakeClock(Parameter parameter, Object clock) {
        return new ExtensionConfigurationException("Parameter '" + parameter.getName() + "' asks for the FakeClock,"
                + " but the runtime reads " + clock + " (set with configure(builder -> builder.clock(...))). Drop"
                + " that setting, or ask for the runtime and call runtime.clock()");
    }
}
