package dev.anvilcheck.uplink;

import dev.anvilcheck.hosting.MethodBinder;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.ServerMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * The functions an uplink provides for the {@link ServerMethod}s of a portable class
 * ({@link Uplink#registerServerMethods}, PORT-10), as the uplink library does when a portable class
 * with server methods is defined in an uplink: each is named
 * {@code anvil.server_side/<registered name>.<method>}, with the method's {@code requireUser}
 * policy; it checks that its first argument is an instance (for a {@code static} method, a subclass)
 * of the declaring class, raising {@code TypeError} otherwise, and runs the method on it with the
 * remaining arguments, bound by the shared binder as a {@code @Callable}'s are.
 */
final class ServerMethodFunctions {
    private ServerMethodFunctions() {}

    /** One function to provide: its name, who may call it, its body. */
    record Registration(String name, RequireUser requireUser, ServerFunction body) {}

    /**
     * The functions behind the server methods {@code type} declares, under {@code registeredName}.
     *
     * @throws IllegalArgumentException if a server method is malformed
     *     ({@link PortableClasses#serverMethods(Class)})
     */
    static List<Registration> of(Class<?> type, String registeredName) {
        return PortableClasses.serverMethods(type).stream().map(m -> registration(type, m,
                PortableClasses.serverSidePrefix() + registeredName + "." + m.getName())).toList();
    }

    private static Registration registration(Class<?> type, Method m, String fnName) {
        ServerMethod annotation = m.getAnnotation(ServerMethod.class);
        RequireUser requireUser = MethodBinder.requireUser(annotation.requireUser(), annotation.requireUserWhere(), m);
        boolean isStatic = Modifier.isStatic(m.getModifiers());
        ServerFunction bound = isStatic ? MethodBinder.bind(m, null, fnName, false) : null;
        ServerFunction body = arguments -> {
            List<Object> args = arguments.args();
            Object first = args.isEmpty() ? null : args.get(0);
            if (isStatic) {
                if (!(first instanceof Class<?> k) || !type.isAssignableFrom(k)) {
                    throw new TypeError("Expected the first argument to be a class of type " + type.getSimpleName()
                            + " (got " + describe(first) + ") when calling " + m.getName() + "()");
                }
                return bound.invoke(arguments);
            }
            if (!type.isInstance(first)) {
                throw new TypeError("'self' argument to method must be an instance of " + type.getSimpleName()
                        + " (got " + describe(first) + ") when calling " + m.getName() + "()");
            }
            return MethodBinder.bind(m, first, fnName, false)
                    .invoke(new Arguments(args.subList(1, args.size()), arguments.kwargs()));
        };
        return new Registration(fnName, requireUser, body);
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
