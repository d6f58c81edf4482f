package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.hosting.BoundFunction;
import dev.anvilcheck.hosting.ServerMethodBinder;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.ServerMethod;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Server code's registrations of the {@link ServerMethod}s of portable classes (PORT-10), bound by
 * the shared {@link ServerMethodBinder} (the Java uplink client uses the same one): each is
 * registered as {@code anvil.server_side/<registered name>.<method>}, eagerly by
 * {@code registerPortableClass} or on first call ({@link #find}).
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
        if (dot == -1) {
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
        BoundFunction bound = ServerMethodBinder.bind(type, m, fnName);
        return new Registration(fnName, bound.requireUser(), bound.body(), "server_module", null);
    }
}
