package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.ServerMethod;
import dev.anvilcheck.hosting.MethodBinder;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The server functions behind the {@link ServerMethod}s of portable classes (PORT-10): each is
 * registered as {@code anvil.server_side/<registered name>.<method>}, checks that its first
 * argument is an instance (for a {@code static} method: a subclass) of the declaring class, raising
 * {@code TypeError} with the platform's message otherwise, and runs the method on it with the
 * remaining arguments, bound as a {@code @Callable}'s are.
 */
public final class ServerMethods {
    private ServerMethods() {}

    /**
     * The registrations of the server methods {@code type} declares, under its registered name.
     *
     * @param type the portable class
     * @param registeredName its registered name
     * @return the registrations, by method name
     * @throws IllegalArgumentException if a server method is malformed (see
     *     {@link PortableClasses#serverMethods(Class)})
     */
    public static List<Registration> of(Class<?> type, String registeredName) {
        List<Registration> out = new ArrayList<>();
        for (Method m : PortableClasses.serverMethods(type)) {
            out.add(registration(type, m, PortableClasses.serverSidePrefix() + registeredName + "." + m.getName()));
        }
        return out;
    }

    /**
     * The server method a {@code anvil.server_side/<name>.<method>} call means, if server code knows
     * a portable class of that name declaring that server method: registering a portable class
     * registers its server methods, as Python's decorator does when the module is imported.
     *
     * @param fnName the called name
     * @param classes the portable classes of server code
     * @return the registration, or {@code null}
     */
    static Registration find(String fnName, PortableClasses classes) {
        String prefix = PortableClasses.serverSidePrefix();
        if (!fnName.startsWith(prefix)) {
            return null;
        }
        String rest = fnName.substring(prefix.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            return null;
        }
        Class<?> type = classes.classNamed(rest.substring(0, dot));
        if (type == null) {
            return null;
        }
        String method = rest.substring(dot + 1);
        for (Method m : PortableClasses.serverMethods(type)) {
            if (m.getName().equals(method)) {
                return registration(type, m, fnName);
            }
        }
        return null;
    }

    private static Registration registration(Class<?> type, Method m, String fnName) {
        ServerMethod annotation = m.getAnnotation(ServerMethod.class);
        ServerFunction body = Modifier.isStatic(m.getModifiers()) ? classMethod(type, m, fnName)
                : instanceMethod(type, m, fnName);
        return new Registration(fnName,
                MethodBinder.requireUser(annotation.requireUser(), annotation.requireUserWhere(), m), body,
                "server_module", null);
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
