package dev.anvilcheck.server.host;

import static org.apiguardian.api.API.Status.INTERNAL;

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
 * The registry of named exception types (Python's {@code _named_exceptions}): which class a
 * wire type name is re-created as (ERR-02, ERR-04, ERR-05). Built-in Anvil types are always
 * present; {@code anvil.users} types register themselves when their classes load, as Python's
 * modules do on import. Runtimes and the facade use it; server code registers its own types with
 * {@link dev.anvilcheck.server.AnvilServer#registerExceptionType}.
 *
 * @since 0.1
 */
@API(status = INTERNAL, since = "0.1")
public final class ExceptionTypes {
    private static final Map<String, Function<WireError, ? extends RuntimeException>> BY_NAME =
            new ConcurrentHashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new ConcurrentHashMap<>();

    static {
        builtin(AppOfflineError.WIRE_TYPE, AppOfflineError.class, AppOfflineError::new);
        builtin(BackgroundTaskError.WIRE_TYPE, BackgroundTaskError.class, BackgroundTaskError::new);
        builtin(BackgroundTaskKilled.WIRE_TYPE, BackgroundTaskKilled.class, BackgroundTaskKilled::new);
        builtin(BackgroundTaskNotFound.WIRE_TYPE, BackgroundTaskNotFound.class, BackgroundTaskNotFound::new);
        builtin(CookieError.WIRE_TYPE, CookieError.class, CookieError::new);
        builtin(ExecutionTerminatedError.WIRE_TYPE, ExecutionTerminatedError.class,
                ExecutionTerminatedError::new);
        builtin(InternalError.WIRE_TYPE, InternalError.class, InternalError::new);
        builtin(InvalidResponseError.WIRE_TYPE, InvalidResponseError.class, InvalidResponseError::new);
        builtin(NoServerFunctionError.WIRE_TYPE, NoServerFunctionError.class, NoServerFunctionError::new);
        builtin(PermissionDenied.WIRE_TYPE, PermissionDenied.class, PermissionDenied::new);
        builtin(QuotaExceededError.WIRE_TYPE, QuotaExceededError.class, QuotaExceededError::new);
        builtin(RuntimeUnavailableError.WIRE_TYPE, RuntimeUnavailableError.class,
                RuntimeUnavailableError::new);
        builtin(SerializationError.WIRE_TYPE, SerializationError.class, SerializationError::new);
        builtin(ServiceNotAdded.WIRE_TYPE, ServiceNotAdded.class, ServiceNotAdded::new);
        builtin(SessionExpiredError.WIRE_TYPE, SessionExpiredError.class, SessionExpiredError::new);
        builtin(TimeoutError.WIRE_TYPE, TimeoutError.class, TimeoutError::new);
        builtin(UplinkDisconnectedError.WIRE_TYPE, UplinkDisconnectedError.class,
                UplinkDisconnectedError::new);
        BY_NAME.put("KeyError", received -> new KeyError(received.message()));
        registerModuleType("anvil.users.AuthenticationFailed", "dev.anvilcheck.users.AuthenticationFailed");
    }

    private ExceptionTypes() {}

    private static <E extends AnvilError> void builtin(
            String name, Class<E> type, Function<WireError, E> factory) {
        BY_NAME.put(name, factory);
        BY_CLASS.put(type, name);
    }

    /**
     * Registers an error type of another API package by name, loading its class without
     * initialising it, so that no class initialisation ever waits on this one (parallel tests).
     */
    private static void registerModuleType(String name, String className) {
        try {
            Class<?> type = Class.forName(className, false, ExceptionTypes.class.getClassLoader());
            register(name, type.asSubclass(AnvilWrappedError.class));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("anvil-test-core is incomplete: " + className + " is missing", e);
        }
    }

    /**
     * Registers {@code type} under the wire name {@code name}, so that a received error object
     * of that type is re-created as an instance of it (ERR-04, ERR-05).
     *
     * @param name the wire type name, not empty
     * @param type a public, non-abstract class with a {@code (String)} or {@code (WireError)}
     *     constructor
     * @throws dev.anvilcheck.python.TypeError if the class cannot be registered, naming why
     */
    public static void register(String name, Class<? extends AnvilWrappedError> type) {
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
        BY_NAME.put(name, factory);
        BY_CLASS.put(type, name);
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
     * The wire type name of an exception class: its registered name, or its simple name.
     *
     * @param type the exception class
     * @return the name it crosses the wire under
     */
    public static String nameOf(Class<?> type) {
        String name = BY_CLASS.get(type);
        return name != null ? name : type.getSimpleName();
    }

    /**
     * The exception a receiver raises for a received error object (ERR-02..05).
     *
     * @param received the error object
     * @return a new exception of the registered class, or an {@link AnvilWrappedError}
     */
    public static RuntimeException instantiate(WireError received) {
        Function<WireError, ? extends RuntimeException> factory =
                received.type() == null ? null : BY_NAME.get(received.type());
        return factory != null ? factory.apply(received) : new AnvilWrappedError(received);
    }
}
