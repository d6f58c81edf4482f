package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.ServerMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The one binder of a portable class's {@link ServerMethod}s (PORT-10), which every host uses: the
 * reference runtime (server code) and the Java uplink client ({@code Uplink.registerServerMethods})
 * (CONVENTIONS 18). Each server method becomes a function named
 * {@code anvil.server_side/<registered name>.<method>} with the method's {@code require_user}
 * policy; its body checks that the first argument is an instance of the declaring class (for a
 * {@code static} method, the class or a subclass), raising {@code TypeError} with the platform's
 * message otherwise, and runs the method on it with the remaining arguments, bound as a
 * {@code @Callable}'s are ({@link MethodBinder}).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ServerMethodBinder {
    private ServerMethodBinder() {}

    /**
     * The functions behind every server method {@code type} declares, registered as
     * {@code registeredName}.
     *
     * @param type the portable class
     * @param registeredName its registered name
     * @return the functions, in the order {@link PortableClasses#serverMethods(Class)} gives
     * @throws IllegalArgumentException if a server method is malformed (see
     *     {@link PortableClasses#serverMethods(Class)})
     */
    public static List<BoundFunction> bindAll(Class<?> type, String registeredName) {
        return PortableClasses.serverMethods(type).stream()
                .map(m -> bind(type, m, PortableClasses.serverSidePrefix() + registeredName + "." + m.getName()))
                .toList();
    }

    /**
     * The function behind one server method, under the name it is called by.
     *
     * @param type the portable class
     * @param method one of its server methods
     * @param fnName {@code anvil.server_side/<registered name>.<method>}
     * @return the function
     * @throws IllegalArgumentException if the method cannot be bound
     */
    public static BoundFunction bind(Class<?> type, Method method, String fnName) {
        ServerMethod annotation = method.getAnnotation(ServerMethod.class);
        if (annotation == null) {
            throw new IllegalArgumentException(method + " is not annotated @ServerMethod");
        }
        ServerFunction body = Modifier.isStatic(method.getModifiers()) ? classMethod(type, method, fnName)
                : instanceMethod(type, method, fnName);
        return new BoundFunction(fnName,
                MethodBinder.requireUser(annotation.requireUser(), annotation.requireUserWhere(), method), body);
    }

    private static ServerFunction instanceMethod(Class<?> type, Method m, String fnName) {
        return arguments -> {
            List<Object> args = arguments.args();
            Object self = args.isEmpty() ? null : args.get(0);
            if (!type.isInstance(self)) {
                throw new TypeError("'self' argument to method must be an instance of " + type.getSimpleName()
                        + " (got " + describe(self) + ") when calling " + m.getName() + "()");
            }
            return MethodBinder.bind(m, self, fnName, false)
                    .invoke(new Arguments(args.subList(1, args.size()), arguments.kwargs()));
        };
    }

    private static ServerFunction classMethod(Class<?> type, Method m, String fnName) {
        ServerFunction bound = MethodBinder.bind(m, null, fnName, false);
        return arguments -> {
            List<Object> args = arguments.args();
            Object cls = args.isEmpty() ? null : args.get(0);
            if (!(cls instanceof Class<?> k) || !type.isAssignableFrom(k)) {
                throw new TypeError("Expected the first argument to be a class of type " + type.getSimpleName()
                        + " (got " + describe(cls) + ") when calling " + m.getName() + "()");
            }
            return bound.invoke(arguments);
        };
    }

    private static String describe(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Class<?> k) {
            return "<class '" + k.getName() + "'>";
        }
        return "<" + value.getClass().getName() + " object>";
    }
}
