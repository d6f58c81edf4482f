package dev.anvilcheck.junit.internal;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.HttpEndpoint;
import dev.anvilcheck.server.Route;
import dev.anvilcheck.server.WellknownEndpoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The runtime of one test (or one class), as a value of the JUnit store: JUnit closes it when the
 * test's (or class's) context closes, after the {@code @AfterEach} (or {@code @AfterAll}) methods.
 * Closing it closes the runtime, which stops every thread and socket it started, and fails the
 * test if task code kept running past the shutdown grace.
 */
public final class RuntimeResource implements AutoCloseable {
    private static final List<Class<? extends Annotation>> SERVER_ANNOTATIONS = List.of(Callable.class,
            BackgroundTask.class, HttpEndpoint.class, Route.class, WellknownEndpoint.class);

    private final AnvilRuntime runtime;
    private final Map<Class<?>, Object> modules;
    private final String owner;

    private RuntimeResource(AnvilRuntime runtime, Map<Class<?>, Object> modules, String owner) {
        this.runtime = runtime;
        this.modules = modules;
        this.owner = owner;
    }

    /**
     * Checks that every module class can be registered, without creating anything.
     *
     * @param settings the settings
     */
    public static void validate(Settings settings) {
        for (Class<?> module : settings.modules()) {
            shape(settings, module);
        }
    }

    /**
     * Builds a runtime as {@code settings} say and registers the modules.
     *
     * @param settings the settings
     * @param owner the test or class it belongs to, for messages
     * @return the resource
     */
    public static RuntimeResource create(Settings settings, String owner) {
        AnvilRuntime.Builder builder = AnvilRuntime.builder().recordCalls(true).taskExecution(settings.tasks());
        settings.configure().accept(builder);
        AnvilRuntime runtime = builder.build();
        Map<Class<?>, Object> instances = new LinkedHashMap<>();
        try {
            for (Class<?> module : settings.modules()) {
                boolean instance = shape(settings, module);
                Object registered = instance ? ReflectionSupport.newInstance(module) : module;
                try {
                    runtime.register(registered);
                } catch (IllegalArgumentException refused) {
                    throw Misuse.moduleRefused(settings.source(), module, refused);
                }
                if (instance) {
                    instances.put(module, registered);
                }
            }
        } catch (RuntimeException | Error e) {
            runtime.close();
            throw e;
        }
        return new RuntimeResource(runtime, Map.copyOf(instances), owner);
    }

    /** @return whether the module is registered as an instance (else as a class) */
    private static boolean shape(Settings settings, Class<?> module) {
        List<Method> annotated = ReflectionSupport.findMethods(module,
                m -> SERVER_ANNOTATIONS.stream().anyMatch(m::isAnnotationPresent), HierarchyTraversalMode.TOP_DOWN);
        boolean any = !annotated.isEmpty();
        boolean instanceMethods = annotated.stream().anyMatch(m -> !Modifier.isStatic(m.getModifiers()));
        if (!any) {
            throw Misuse.moduleWithoutFunctions(settings.source(), module);
        }
        boolean instantiable = !module.isInterface() && !Modifier.isAbstract(module.getModifiers())
                && (module.getEnclosingClass() == null || Modifier.isStatic(module.getModifiers()))
                && hasNoArgConstructor(module);
        if (instanceMethods && !instantiable) {
            throw Misuse.moduleNotInstantiable(settings.source(), module);
        }
        return instantiable;
    }

    private static boolean hasNoArgConstructor(Class<?> type) {
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (c.getParameterCount() == 0) {
                return true;
            }
        }
        return false;
    }

    /** @return the runtime */
    public AnvilRuntime runtime() {
        return runtime;
    }

    /**
     * The registered instance of a module class.
     *
     * @param module the class
     * @return the instance, or {@code null} if the class is not a module registered as an instance
     */
    public Object module(Class<?> module) {
        return modules.get(module);
    }

    /**
     * Closes the runtime; fails if task threads outlived it.
     *
     * @throws AssertionFailedError if task code ignored the interruption and still runs
     */
    @Override
    public void close() {
        runtime.close();
        List<Thread> left = runtime.tasks().threadsLeftAfterClose();
        if (!left.isEmpty()) {
            throw new AssertionFailedError("The AnvilRuntime of " + owner + " closed, but background task threads"
                    + " still run: " + left.stream().map(Thread::getName).toList() + ". Their code ignored being"
                    + " interrupted: make blocking waits interruptible, or return when Thread.interrupted() is true");
        }
    }
}
