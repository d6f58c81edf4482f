package dev.anvilcheck.server.host;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.server.AnvilError;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.AppOfflineError;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.BackgroundTaskKilled;
import dev.anvilcheck.server.BackgroundTaskNotFound;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.ExecutionTerminatedError;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.InvalidResponseError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.QuotaExceededError;
import dev.anvilcheck.server.RuntimeUnavailableError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.ServiceNotAdded;
import dev.anvilcheck.server.SessionExpiredError;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.UplinkDisconnectedError;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A registry of named exception types (Python's {@code _named_exceptions}): which class a wire
 * type name is re-created as (ERR-02, ERR-04, ERR-05), and which name a registered class crosses
 * the wire under. As Python's registry belongs to one interpreter, a registry belongs to one
 * environment: {@link #global()} holds the built-in Anvil types ({@code anvil.users} and
 * {@code anvil.secrets} types included) and what {@link
 * dev.anvilcheck.server.AnvilServer#registerExceptionType} registers; a runtime gives its server code a registry {@linkplain
 * #inheriting inheriting} the global one, and each simulated caller one inheriting the server's,
 * so that a type registered in one environment only is unknown to the others, and parallel tests
 * that register on their own runtime do not meet. A receiver re-creates an error by its own
 * registry; a sender names a registered class by its own.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ExceptionTypes {
    private static final ExceptionTypes GLOBAL = new ExceptionTypes(null);

    static {
        GLOBAL.builtin(AppOfflineError.WIRE_TYPE, AppOfflineError.class, AppOfflineError::new);
        GLOBAL.builtin(BackgroundTaskError.WIRE_TYPE, BackgroundTaskError.class, BackgroundTaskError::new);
        GLOBAL.builtin(BackgroundTaskKilled.WIRE_TYPE, BackgroundTaskKilled.class, BackgroundTaskKilled::new);
        GLOBAL.builtin(BackgroundTaskNotFound.WIRE_TYPE, BackgroundTaskNotFound.class, BackgroundTaskNotFound::new);
        GLOBAL.builtin(CookieError.WIRE_TYPE, CookieError.class, CookieError::new);
        GLOBAL.builtin(ExecutionTerminatedError.WIRE_TYPE, ExecutionTerminatedError.class,
                ExecutionTerminatedError::new);
        GLOBAL.builtin(InternalError.WIRE_TYPE, InternalError.class, InternalError::new);
        GLOBAL.builtin(InvalidResponseError.WIRE_TYPE, InvalidResponseError.class, InvalidResponseError::new);
        GLOBAL.builtin(NoServerFunctionError.WIRE_TYPE, NoServerFunctionError.class, NoServerFunctionError::new);
        GLOBAL.builtin(PermissionDenied.WIRE_TYPE, PermissionDenied.class, PermissionDenied::new);
        GLOBAL.builtin(QuotaExceededError.WIRE_TYPE, QuotaExceededError.class, QuotaExceededError::new);
        GLOBAL.builtin(RuntimeUnavailableError.WIRE_TYPE, RuntimeUnavailableError.class,
                RuntimeUnavailableError::new);
        GLOBAL.builtin(SerializationError.WIRE_TYPE, SerializationError.class, SerializationError::new);
        GLOBAL.builtin(ServiceNotAdded.WIRE_TYPE, ServiceNotAdded.class, ServiceNotAdded::new);
        GLOBAL.builtin(SessionExpiredError.WIRE_TYPE, SessionExpiredError.class, SessionExpiredError::new);
        GLOBAL.builtin(TimeoutError.WIRE_TYPE, TimeoutError.class, TimeoutError::new);
        GLOBAL.builtin(UplinkDisconnectedError.WIRE_TYPE, UplinkDisconnectedError.class,
                UplinkDisconnectedError::new);
        GLOBAL.byName.put("KeyError", received -> new KeyError(received.message()));
        GLOBAL.registerModuleType("anvil.users.AuthenticationFailed", "dev.anvilcheck.users.AuthenticationFailed");
        GLOBAL.registerModuleType("anvil.secrets.SecretError", "dev.anvilcheck.secrets.SecretError");
    }

    private final ExceptionTypes parent;
    private final Map<String, Function<WireError, ? extends RuntimeException>> byName = new ConcurrentHashMap<>();
    private final Map<Class<?>, String> byClass = new ConcurrentHashMap<>();

    private ExceptionTypes(ExceptionTypes parent) {
        this.parent = parent;
    }

    /**
     * The process-wide registry: the built-in types and what was registered outside any call.
     *
     * @return the global registry
     */
    public static ExceptionTypes global() {
        return GLOBAL;
    }

    /**
     * A new registry for one environment, which knows what {@code parent} knows (then and later)
     * and what is registered in it.
     *
     * @param parent the registry it inherits
     * @return the new registry
     */
    public static ExceptionTypes inheriting(ExceptionTypes parent) {
        return new ExceptionTypes(Objects.requireNonNull(parent, "parent"));
    }

    /**
     * The registry of the environment running on this thread: the {@linkplain
     * CallScope#exceptionTypes() bound call's}, or the global one outside any call.
     *
     * @return the registry
     */
    public static ExceptionTypes current() {
        CallScope scope = CallScope.current();
        return scope == null ? GLOBAL : scope.exceptionTypes();
    }

    private <E extends AnvilError> void builtin(String name, Class<E> type, Function<WireError, E> factory) {
        byName.put(name, factory);
        byClass.put(type, name);
    }

    /**
     * Registers an error type of another API package by name, loading its class without
     * initialising it, so that no class initialisation ever waits on this one (parallel tests).
     */
    private void registerModuleType(String name, String className) {
        try {
            Class<?> type = Class.forName(className, false, ExceptionTypes.class.getClassLoader());
            register(name, type.asSubclass(AnvilWrappedError.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("anvil-server-api is incomplete: " + className + " is missing", e);
        }
    }

    /**
     * Registers {@code type} under the wire name {@code name} in this registry, so that a received
     * error object of that type is re-created as an instance of it, and an instance raised in
     * this environment crosses under that name (ERR-04, ERR-05).
     *
     * @param name the wire type name, not empty
     * @param type a public, non-abstract class with a {@code (String)} or {@code (WireError)}
     *     constructor
     * @throws dev.anvilcheck.python.TypeError if the class cannot be registered, naming why
     * @throws dev.anvilcheck.python.ValueError if the name is empty
     */
    public void register(String name, Class<? extends AnvilWrappedError> type) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (name.isEmpty()) {
            throw new dev.anvilcheck.python.ValueError("An exception type name must not be empty");
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new dev.anvilcheck.python.TypeError(
                    "Cannot register " + type.getName() + " as \"" + name
                            + "\": it must be a public, non-abstract class");
        }
        Function<WireError, AnvilWrappedError> factory = factoryFor(name, type);
        byName.put(name, factory);
        byClass.put(type, name);
    }

    private static Function<WireError, AnvilWrappedError> factoryFor(
            String name, Class<? extends AnvilWrappedError> type) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        try {
            MethodHandle full = lookup.findConstructor(type, MethodType.methodType(void.class, WireError.class));
            return received -> construct(full, received, name);
        } catch (NoSuchMethodException | IllegalAccessException ignored) {
            // fall back to the (String message) constructor below
        }
        try {
            MethodHandle simple = lookup.findConstructor(type, MethodType.methodType(void.class, String.class));
            return received -> construct(simple, received.message(), name);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new dev.anvilcheck.python.TypeError(
                    "Cannot register " + type.getName() + " as \"" + name
                            + "\": it needs a public constructor taking (String message) or (WireError)");
        }
    }

    private static AnvilWrappedError construct(MethodHandle constructor, Object argument, String name) {
        try {
            return (AnvilWrappedError) constructor.invoke(argument);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("The constructor of the exception type registered as \""
                    + name + "\" threw " + e, e);
        }
    }

    /**
     * The wire type name of an exception class in this environment: its registered name here or
     * in a registry this one inherits, or else its simple name.
     *
     * @param type the exception class
     * @return the name it crosses the wire under
     */
    public String nameOf(Class<?> type) {
        for (ExceptionTypes r = this; r != null; r = r.parent) {
            String name = r.byClass.get(type);
            if (name != null) {
                return name;
            }
        }
        return type.getSimpleName();
    }

    /**
     * The exception a receiver in this environment raises for a received error object
     * (ERR-02..05): an instance of the class registered for its type here or in a registry this
     * one inherits, or else an {@link AnvilWrappedError} that keeps the type name.
     *
     * @param received the error object
     * @return a new exception
     */
    public RuntimeException instantiate(WireError received) {
        if (received.type() != null) {
            for (ExceptionTypes r = this; r != null; r = r.parent) {
                Function<WireError, ? extends RuntimeException> factory = r.byName.get(received.type());
                if (factory != null) {
                    return factory.apply(received);
                }
            }
        }
        return new AnvilWrappedError(received);
    }

    @Override
    public String toString() {
        return parent == null ? "ExceptionTypes[global]" : "ExceptionTypes[" + byName.keySet() + " over " + parent + "]";
    }
}
