package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.HttpEndpoint;
import dev.anvilcheck.server.Route;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.WellknownEndpoint;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Finds the {@link HttpEndpoint}, {@link Route} and {@link WellknownEndpoint} methods of a server
 * module (HTTP-01) and binds each as a function whose keyword arguments are the request's
 * parameters (HTTP-05). A method may carry several of them.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EndpointScanner {
    private EndpointScanner() {}

    /**
     * The endpoints of a module, in a stable order.
     *
     * @param module an instance (its instance and static methods), or a {@link Class} (its static
     *     methods)
     * @return each endpoint with its function
     * @throws IllegalArgumentException if a method cannot be bound, or is an instance method of a
     *     module given as a class
     */
    public static Map<Endpoint, ServerFunction> scan(Object module) {
        Map<Endpoint, ServerFunction> out = new LinkedHashMap<>();
        boolean staticOnly = module instanceof Class<?>;
        List<Method> methods = new ArrayList<>();
        for (Class<? extends java.lang.annotation.Annotation> a : List.of(HttpEndpoint.class, Route.class,
                WellknownEndpoint.class)) {
            for (Method m : MethodBinder.annotated(module, a)) {
                if (!methods.contains(m)) {
                    methods.add(m);
                }
            }
        }
        for (Method m : methods) {
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            if (staticOnly && !isStatic) {
                throw new IllegalArgumentException("Endpoint method " + m.getDeclaringClass().getName() + "."
                        + m.getName() + "() is an instance method: register an instance, not the class");
            }
            ServerFunction body = MethodBinder.bind(m, isStatic ? null : module, m.getName());
            if (m.isAnnotationPresent(HttpEndpoint.class)) {
                out.put(Endpoint.of(m.getAnnotation(HttpEndpoint.class)), body);
            }
            if (m.isAnnotationPresent(Route.class)) {
                out.put(Endpoint.of(m.getAnnotation(Route.class)), body);
            }
            if (m.isAnnotationPresent(WellknownEndpoint.class)) {
                out.put(Endpoint.of(m.getAnnotation(WellknownEndpoint.class)), body);
            }
        }
        return out;
    }
}
