package dev.anvilcheck.tck;

import dev.anvilcheck.spi.RuntimeProvider;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the runtime under certification (CONVENTIONS 3). Providers are found with
 * {@link ServiceLoader} ({@code META-INF/services/dev.anvilcheck.spi.RuntimeProvider}); the
 * system property or configuration parameter {@value #RUNTIME_PROPERTY} may choose one by its class
 * name or its {@link RuntimeProvider#name()}, or name a provider class that is not registered as a
 * service. Discovery fails loudly, with a {@link RuntimeDiscoveryException} that lists what was
 * found, when no provider is found, when several are found and none is chosen, and when the
 * chosen name matches none. The caller says how its user chooses a runtime ({@link ChoiceSource}),
 * so that the message names the right fix: {@code -Danvilcheck.runtime} for the JUnit extension
 * and the system property, the command line's own {@code --runtime} for {@link Certify}.
 *
 * @since 0.1
 */
public final class RuntimeDiscovery {
    /** The property that chooses a provider, by class name or {@link RuntimeProvider#name()}. */
    public static final String RUNTIME_PROPERTY = "anvilcheck.runtime";

    /**
     * How the person running the suite chooses a runtime, which discovery errors tell them to use.
     *
     * @since 0.1
     */
    public enum ChoiceSource {
        /**
         * The system property or JUnit configuration parameter
         * {@value RuntimeDiscovery#RUNTIME_PROPERTY}, written {@code -Danvilcheck.runtime=<...>}.
         */
        PROPERTY(RUNTIME_PROPERTY, "-D" + RUNTIME_PROPERTY + "="),
        /** The certification command line's option, written {@code --runtime <...>}. */
        COMMAND_LINE("--runtime", "--runtime ");

        private final String name;
        private final String prefix;

        ChoiceSource(String name, String prefix) {
            this.name = name;
            this.prefix = prefix;
        }

        /** The setting's name, as messages name it. */
        String settingName() {
            return name;
        }

        /** How to write the setting with a value described by {@code what}. */
        String example(String what) {
            return prefix + "<" + what + ">";
        }
    }

    private RuntimeDiscovery() {}

    /**
     * The provider chosen by the system property {@value #RUNTIME_PROPERTY}, found with the
     * thread's context class loader.
     *
     * @return the provider
     * @throws RuntimeDiscoveryException if none, several, or an unknown one
     */
    public static RuntimeProvider discover() {
        return discover(System.getProperty(RUNTIME_PROPERTY), contextLoader());
    }

    /**
     * The provider with the given choice, found with the given class loader.
     *
     * @param choice a provider class name or {@link RuntimeProvider#name()}; {@code null} or blank
     *     for "the only one"
     * @param loader where to look
     * @return the provider
     * @throws RuntimeDiscoveryException if none, several, or an unknown one
     */
    public static RuntimeProvider discover(String choice, ClassLoader loader) {
        return discover(choice, loader, ChoiceSource.PROPERTY);
    }

    /**
     * The provider with the given choice, found with the given class loader; errors tell how to
     * choose as {@code source} says.
     *
     * @param choice a provider class name or {@link RuntimeProvider#name()}; {@code null} or blank
     *     for "the only one"
     * @param loader where to look
     * @param source how the user chooses a runtime, for the fix a message names
     * @return the provider
     * @throws RuntimeDiscoveryException if none, several, or an unknown one
     * @since 0.1
     */
    public static RuntimeProvider discover(String choice, ClassLoader loader, ChoiceSource source) {
        return select(load(loader), choice, loader, source);
    }

    /**
     * Chooses among providers already found: the one matching {@code choice} by class name or
     * {@link RuntimeProvider#name()}, or, without a choice, the only one. A choice that matches no
     * found provider is tried as a class name in {@code loader}.
     *
     * @param found the providers found
     * @param choice the choice, or {@code null} or blank
     * @param loader where to load a chosen class that was not found as a service, or {@code null}
     * @return the provider
     * @throws RuntimeDiscoveryException if none, several, or an unknown one
     */
    public static RuntimeProvider select(List<RuntimeProvider> found, String choice, ClassLoader loader) {
        return select(found, choice, loader, ChoiceSource.PROPERTY);
    }

    /**
     * Chooses among providers already found, as {@link #select(List, String, ClassLoader)} does;
     * errors tell how to choose as {@code source} says.
     *
     * @param found the providers found
     * @param choice the choice, or {@code null} or blank
     * @param loader where to load a chosen class that was not found as a service, or {@code null}
     * @param source how the user chooses a runtime, for the fix a message names
     * @return the provider
     * @throws RuntimeDiscoveryException if none, several, or an unknown one
     * @since 0.1
     */
    public static RuntimeProvider select(List<RuntimeProvider> found, String choice, ClassLoader loader,
            ChoiceSource source) {
        Objects.requireNonNull(source, "source");
        if (choice == null || choice.isBlank()) {
            if (found.isEmpty()) {
                throw new RuntimeDiscoveryException("No runtime to certify: ServiceLoader found no implementation of "
                        + RuntimeProvider.class.getName() + " on the class path. Put your runtime's jar on the class"
                        + " path with a META-INF/services/" + RuntimeProvider.class.getName() + " entry naming its"
                        + " provider class, or name the class with " + source.example("class name") + ".");
            }
            if (found.size() > 1) {
                throw new RuntimeDiscoveryException("Several runtimes found, and none chosen: " + describe(found)
                        + ". Choose one with " + source.example("class name or name()") + ".");
            }
            return found.get(0);
        }
        String wanted = choice.trim();
        List<RuntimeProvider> matching = new ArrayList<>();
        for (RuntimeProvider provider : found) {
            if (provider.getClass().getName().equals(wanted) || wanted.equals(safeName(provider))) {
                matching.add(provider);
            }
        }
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.size() > 1) {
            throw new RuntimeDiscoveryException("The runtime name '" + wanted + "' (" + source.settingName()
                    + ") matches several providers: " + describe(matching) + ". Choose one by its class name.");
        }
        RuntimeProvider byClass = loadClass(wanted, loader, found, source);
        if (byClass != null) {
            return byClass;
        }
        throw new RuntimeDiscoveryException("Unknown runtime '" + wanted + "' (" + source.settingName() + "): no provider"
                + " has that class name or name(), and no such class is on the class path. Found: "
                + (found.isEmpty() ? "no providers" : describe(found)) + ".");
    }

    private static List<RuntimeProvider> load(ClassLoader loader) {
        List<RuntimeProvider> found = new ArrayList<>();
        try {
            for (RuntimeProvider provider : ServiceLoader.load(RuntimeProvider.class, loader)) {
                found.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            throw new RuntimeDiscoveryException("A runtime provider registered in META-INF/services/"
                    + RuntimeProvider.class.getName() + " could not be loaded: " + e.getMessage(), e);
        }
        return found;
    }

    private static RuntimeProvider loadClass(String className, ClassLoader loader, List<RuntimeProvider> found,
            ChoiceSource source) {
        if (loader == null || !className.contains(".")) {
            return null;
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (!RuntimeProvider.class.isAssignableFrom(type)) {
            throw new RuntimeDiscoveryException("The runtime class '" + className + "' (" + source.settingName()
                    + ") does not implement " + RuntimeProvider.class.getName() + ". Found providers: "
                    + (found.isEmpty() ? "none" : describe(found)) + ".");
        }
        try {
            return (RuntimeProvider) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new RuntimeDiscoveryException("The runtime class '" + className + "' (" + source.settingName()
                    + ") needs a public no-argument constructor: " + e, e);
        } catch (InvocationTargetException e) {
            throw new RuntimeDiscoveryException("The constructor of the runtime class '" + className + "' threw "
                    + e.getCause(), e.getCause());
        }
    }

    private static String describe(List<RuntimeProvider> providers) {
        return providers.stream()
                .map(p -> "'" + safeName(p) + "' (" + p.getClass().getName() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String safeName(RuntimeProvider provider) {
        try {
            return provider.name();
        } catch (RuntimeException e) {
            return "<name() threw " + e.getClass().getSimpleName() + ">";
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : RuntimeDiscovery.class.getClassLoader();
    }
}
