package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.hosting.BoundFunction;
import dev.anvilcheck.hosting.EndpointScanner;
import dev.anvilcheck.hosting.MethodBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runtime's side of registering an annotated server module: the module is bound by the one
 * binder every host shares ({@link MethodBinder}, {@link EndpointScanner}; the Java uplink client
 * uses them too), and each function becomes a {@link Registration} of server code.
 */
public final class ServerModules {
    private ServerModules() {}

    /**
     * The {@code @Callable} and {@code @BackgroundTask} methods of a module as server code's
     * registrations, possibly none.
     *
     * @param module an instance, or a class for its static methods
     * @return the registrations, in a stable order
     * @throws IllegalArgumentException if a method cannot be bound
     */
    public static List<Registration> callables(Object module) {
        return registrations(MethodBinder.scanCallables(module), "server_module");
    }

    /**
     * The {@code @Callable} and {@code @BackgroundTask} methods of a module an uplink provides.
     *
     * @param module an instance, or a class for its static methods
     * @return the registrations (environment {@code uplink}, no provider yet), at least one
     * @throws IllegalArgumentException if the module has none, or a method cannot be bound
     */
    @OutsideTheSpecification("the runtime's Java API: only SimulatedUplink.register(module) calls it, which the SPI"
            + " never does")
    public static List<Registration> uplinkFunctions(Object module) {
        return registrations(MethodBinder.scan(module), "uplink");
    }

    /**
     * The endpoint methods of a module, each with its function.
     *
     * @param module an instance, or a class for its static methods
     * @return the endpoints, in a stable order
     * @throws IllegalArgumentException if a method cannot be bound
     */
    public static Map<Endpoint, ServerFunction> endpoints(Object module) {
        return EndpointScanner.scan(module);
    }

    private static List<Registration> registrations(List<BoundFunction> functions, String environment) {
        List<Registration> out = new ArrayList<>(functions.size());
        for (BoundFunction f : functions) {
            out.add(new Registration(f.name(), f.requireUser(), f.body(), environment, null));
        }
        return out;
    }
}
