package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * The portable classes one environment knows, by registered name and by class (Python's
 * {@code _value_types} and each class's {@code SERIALIZATION_INFO}, PORT-01, PORT-02, PORT-08).
 * A name is looked up here and then in the parent registry; {@link #global()}, the root, also
 * finds {@link PortableClass}-annotated classes on its own: by class when one of their instances
 * or class objects is sent, and by name when a receiver loads the class of that binary name and it
 * carries the annotation with that name, the Java analogue of Python importing the module part of
 * an unknown name and retrying (PORT-08). A later registration of a name or a class replaces the
 * earlier one, as in Python.
 *
 * <p>The global registry is process-wide, like Python's per-interpreter registry and like
 * {@link AnvilServer#registerExceptionType}: {@link AnvilServer#registerPortableClass(Class, String)}
 * writes into it. Because both sides of an in-memory call share one JVM, a runtime gives each of
 * its environments (server code, each simulated client) a registry of its own with
 * {@link #inheriting(PortableClasses)}, so that a class registered in one environment only is
 * unknown to the others, as a class in a client-only module is unknown to the server (PORT-02,
 * PORT-08). The value model asks a registry for {@link #nameOf} on the sending side and
 * {@link #classNamed} on the receiving side, and uses {@link #serialize} and {@link #reconstruct}
 * to move an instance's data. The global registry knows one class of this API by the platform's
 * name: {@link AppResponse}, as {@value AppResponse#PORTABLE_NAME} (HTTP-19). Thread-safe.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class PortableClasses {
    private static final String SERVER_SIDE_PREFIX = "anvil.server_side/";
    private static final PortableClasses GLOBAL = new PortableClasses(null);

    private final PortableClasses parent;
    private final boolean relaysUnknown;
    private final Map<String, Class<?>> byName = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> byClass = new ConcurrentHashMap<>();

    private PortableClasses(PortableClasses parent) {
        this(parent, false);
    }

    private PortableClasses(PortableClasses parent, boolean relaysUnknown) {
        this.parent = parent;
        this.relaysUnknown = relaysUnknown;
    }

    /**
     * The process-wide registry: {@link PortableClass}-annotated classes and those registered with
     * {@link AnvilServer#registerPortableClass(Class, String)} (PORT-01, PORT-02).
     *
     * @return the global registry
     */
    public static PortableClasses global() {
        return GLOBAL;
    }

    /**
     * A new, empty registry of one environment that also knows everything {@code parent} knows.
     *
     * @param parent the registry whose classes this environment knows too, usually {@link #global()}
     * @return the registry
     * @throws NullPointerException if {@code parent} is {@code null}
     */
    public static PortableClasses inheriting(PortableClasses parent) {
        return new PortableClasses(Objects.requireNonNull(parent, "parent"));
    }

    /**
     * A new, empty registry that knows everything {@code parent} knows and, for a name nobody
     * registered, keeps the object as an {@code dev.anvilcheck.value.OpaquePortable} instead of
     * refusing it: the registry of a server's uplink connections, which relays portable-class
     * values between uplinks without knowing their classes (Uplink protocol §4.5; PORT-08 still
     * applies where a side that does not relay receives such a value).
     *
     * @param parent the registry whose classes are known
     * @return the registry
     * @throws NullPointerException if {@code parent} is {@code null}
     * @since 0.1
     */
    public static PortableClasses relaying(PortableClasses parent) {
        return new PortableClasses(Objects.requireNonNull(parent, "parent"), true);
    }

    /**
     * Whether objects of names nobody registered are kept opaque for relaying rather than refused
     * (Uplink protocol §4.5, PORT-08); true only for registries made by {@link #relaying}.
     *
     * @return true if unknown names are relayed
     * @since 0.1
     */
    public boolean relaysUnknown() {
        return relaysUnknown;
    }

    /**
     * The name a class is registered under by default: its {@link PortableClass#value()} if
     * annotated with one, else its binary name ({@link Class#getName()}), Python's
     * {@code module.ClassName} (PORT-01).
     *
     * @param type the class
     * @return the default name
     */
    public static String defaultName(Class<?> type) {
        PortableClass annotation = type.getAnnotation(PortableClass.class);
        return annotation != null && !annotation.value().isEmpty() ? annotation.value() : type.getName();
    }

    /**
     * Registers {@code type} under its default name ({@code portable_class(cls)}, PORT-01).
     *
     * @param type the class
     * @param <T> the class's type
     * @return {@code type} itself, as the Python decorator returns the class
     * @throws TypeError if the class cannot be portable: an interface, array, primitive, enum,
     *     annotation, hidden, local, anonymous or inner (non-static nested) class, a class of the
     *     JDK, a {@link java.util.List}, {@link java.util.Map} or {@link dev.anvilcheck.media.Media}
     *     (those cross as themselves), a class whose fields cannot be read or set, or one that
     *     declares a hook with the wrong form
     */
    public <T> Class<T> register(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return register(type, defaultName(type));
    }

    /**
     * Registers {@code type} under {@code name} ({@code portable_class(cls, name)}, PORT-01): the
     * receiver of an instance or of the class object finds the class by this name.
     *
     * @param type the class
     * @param name the registered name
     * @param <T> the class's type
     * @return {@code type} itself
     * @throws TypeError if {@code name} is {@code null} (Python: a name that is not a {@code str}),
     *     or the class cannot be portable, as {@link #register(Class)} says
     * @throws ValueError if {@code name} is empty
     */
    public <T> Class<T> register(Class<T> type, String name) {
        Objects.requireNonNull(type, "type");
        if (name == null) {
            throw new TypeError("The name of a portable class must be a string, not None");
        }
        if (name.isEmpty()) {
            throw new ValueError("The name of a portable class must not be empty");
        }
        PortableType.of(type);
        byName.put(name, type);
        byClass.put(type, name);
        return type;
    }

    /**
     * The name {@code type} is registered under in this environment, or {@code null} if it is not
     * registered here, in a parent, or (for the global registry) by its {@link PortableClass}
     * annotation. Only the exact class counts, not its superclasses (PORT-06).
     *
     * @param type the class
     * @return the registered name, or {@code null}
     * @throws TypeError if {@code type} carries {@link PortableClass} but cannot be portable
     */
    public String nameOf(Class<?> type) {
        Objects.requireNonNull(type, "type");
        for (PortableClasses r = this; r != null; r = r.parent) {
            String name = r.byClass.get(type);
            if (name != null) {
                return name;
            }
        }
        if (type.isAnnotationPresent(PortableClass.class)) {
            String name = defaultName(type);
            GLOBAL.register(type, name);
            return name;
        }
        return null;
    }

    /**
     * The class registered under {@code name} in this environment or a parent, or {@code null}.
     * Failing that, the global registry loads the class whose binary name is {@code name} (without
     * initialising it) and registers it if it carries {@link PortableClass} with that name, as
     * Python imports the module part of an unknown name and retries (PORT-08).
     *
     * @param name the registered name
     * @return the class, or {@code null} if this environment knows no class of that name
     */
    public Class<?> classNamed(String name) {
        Objects.requireNonNull(name, "name");
        for (PortableClasses r = this; r != null; r = r.parent) {
            Class<?> type = r.byName.get(name);
            if (type != null) {
                return type;
            }
        }
        if (name.equals(AppResponse.PORTABLE_NAME)) {
            GLOBAL.register(AppResponse.class, name);
            return AppResponse.class;
        }
        Class<?> loaded = load(name);
        if (loaded != null && loaded.isAnnotationPresent(PortableClass.class) && name.equals(defaultName(loaded))) {
            GLOBAL.register(loaded, name);
            return loaded;
        }
        return null;
    }

    private static Class<?> load(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, PortableClasses.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError | IllegalArgumentException e) {
                continue;
            }
        }
        return null;
    }

    /**
     * The data an instance is sent as (PORT-03, PORT-05): what its {@code serialize} hook
     * returns, or else a new map of its non-static, non-transient fields, superclass fields first,
     * in declaration order. The data still has to be copied by the rules of a value. For the value
     * model.
     *
     * @param instance an instance of a class registered in this environment (exactly)
     * @param info the sending message's information; its default key is set to the class's name
     * @return the data to send
     * @throws TypeError if the instance's class cannot be portable
     */
    public Object serialize(Object instance, SerializationInfo info) {
        Objects.requireNonNull(instance, "instance");
        info.defaultKey(nameOf(instance.getClass()));
        return PortableType.of(instance.getClass()).serialize(instance, info);
    }

    /**
     * Creates an instance of {@code type} from the data it was sent as, without running a
     * constructor (PORT-04): with the class's static {@code newDeserialized} hook if it has one;
     * otherwise allocated as Java deserialisation does, then given the data through its
     * {@code deserialize} hook, or else field by field from the data, which must then be a map of
     * field names; a record through its canonical constructor. Numbers are narrowed to the
     * field's type where they fit. For the value model.
     *
     * @param type the class, as found by {@link #classNamed}
     * @param data the data after it crossed, inner portable objects already reconstructed (PORT-09)
     * @param info the receiving message's information; its default key is set to the class's name
     * @return the new instance
     * @throws TypeError if the data does not fit the class's fields, or the class cannot be
     *     instantiated without a constructor
     */
    public Object reconstruct(Class<?> type, Object data, SerializationInfo info) {
        Objects.requireNonNull(type, "type");
        String name = nameOf(type);
        info.defaultKey(name != null ? name : type.getName());
        return PortableType.of(type).reconstruct(data, info);
    }

    /**
     * The name of the server function that runs a {@link ServerMethod} of a portable class:
     * {@code anvil.server_side/<registered name of the declaring class>.<method>} (PORT-10). Client
     * code invoking the method calls this function with the instance, or for a {@code static}
     * method the class, as the first argument.
     *
     * @param type the class of the instance (or the class) the method is invoked on
     * @param method the method's name
     * @return the function's name
     * @throws RuntimeError if {@code type} and its superclasses declare no {@code @ServerMethod}
     *     of that name, or the class that declares it is not a registered portable class here
     *     (PORT-11)
     */
    public String serverMethodName(Class<?> type, String method) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.isAnnotationPresent(ServerMethod.class)) {
                    String name = nameOf(c);
                    if (name == null) {
                        throw new RuntimeError("@ServerMethod must be used on a method of a portable class, but "
                                + c.getName() + " is not registered with @anvil.server.portable_class"
                                + " (server_method must be used as the top-level decorator on a method within"
                                + " a portable class)");
                    }
                    return SERVER_SIDE_PREFIX + name + "." + method;
                }
            }
        }
        throw new RuntimeError(type.getName() + "." + method + " is not a @ServerMethod: only methods marked"
                + " @ServerMethod in a portable class run on the server");
    }

    /**
     * The {@link ServerMethod} methods a class declares itself (not inherited), which a runtime
     * registers as {@code anvil.server_side/<name>.<method>} functions when it registers the class
     * (PORT-10).
     *
     * @param type the portable class
     * @return its server methods, sorted by name
     * @throws IllegalArgumentException if two server methods share a name, or a {@code static}
     *     one does not take the class as its first parameter
     */
    public static List<Method> serverMethods(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (!m.isAnnotationPresent(ServerMethod.class) || m.isSynthetic() || m.isBridge()) {
                continue;
            }
            if (Modifier.isStatic(m.getModifiers())
                    && (m.getParameterCount() == 0 || m.getParameterTypes()[0] != Class.class)) {
                throw new IllegalArgumentException("static @ServerMethod " + type.getName() + "." + m.getName()
                        + "() must take the class as its first parameter (Class<?> cls), as a Python classmethod does");
            }
            for (Method other : out) {
                if (other.getName().equals(m.getName())) {
                    throw new IllegalArgumentException("@ServerMethod methods of " + type.getName()
                            + " must have distinct names; " + m.getName() + " is overloaded");
                }
            }
            out.add(m);
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    /**
     * The prefix of every server-method function name, {@code anvil.server_side/} (PORT-10).
     *
     * @return the prefix
     */
    public static String serverSidePrefix() {
        return SERVER_SIDE_PREFIX;
    }

    @Override
    public String toString() {
        return (parent == null ? "PortableClasses[global" : "PortableClasses[") + byName.keySet()
                + (parent == null ? "]" : " + " + parent + "]");
    }
}
