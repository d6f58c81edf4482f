package dev.anvilcheck.uplink;

import dev.anvilcheck.hosting.BoundFunction;
import dev.anvilcheck.hosting.EndpointScanner;
import dev.anvilcheck.hosting.MethodBinder;
import dev.anvilcheck.hosting.UserCheck;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.users.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The functions one uplink provides to the app (Uplink protocol §3.1, §3.9; UPL-05): each under a
 * name that is a regular expression the called name must match whole, background tasks as
 * {@code task:<name>}, endpoints under the name their path pattern gives ({@link UplinkEndpointFunction}),
 * functions behind their {@code requireUser} check, and whole modules bound by the binder every host
 * shares (CONVENTIONS 18). Every registration is announced, so that a connected uplink sends its
 * {@code REGISTER} at once; the names are sent again on every connection, and a command runs the
 * first registered function whose name it matches (HTTP-04).
 */
final class FunctionRegistry {
    private final Map<String, ServerFunction> functions = new ConcurrentHashMap<>();
    /** The registered names as patterns, in registration order, which decides between several that match. */
    private final List<Map.Entry<String, Pattern>> patterns = new CopyOnWriteArrayList<>();
    private final Consumer<String> announce;

    /** An empty registry that passes each name registered, new or replaced, to {@code announce}. */
    FunctionRegistry(Consumer<String> announce) {
        this.announce = announce;
    }

    /**
     * Provides {@code body} under {@code name}, a regular expression, replacing the body of a name
     * already registered and keeping its place, and announces the name.
     *
     * @throws IllegalArgumentException if {@code name} is not a valid pattern
     */
    void register(String name, ServerFunction body) {
        Objects.requireNonNull(body, "body");
        Pattern pattern;
        try {
            pattern = Pattern.compile(name);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid function name specification: " + name, e);
        }
        synchronized (patterns) {
            if (functions.put(name, body) == null) {
                patterns.add(Map.entry(name, pattern));
            }
        }
        announce.accept(name);
    }

    /** Provides {@code body} under {@code name}, behind the {@code requireUser} check if it requires one. */
    void register(String name, RequireUser requireUser, ServerFunction body) {
        Objects.requireNonNull(requireUser, "requireUser");
        Objects.requireNonNull(body, "body");
        register(name, requireUser.required() ? checked(name, requireUser, body) : body);
    }

    /** Provides {@code body} as the HTTP endpoint {@code endpoint}, under the name its path gives. */
    void registerEndpoint(Endpoint endpoint, ServerFunction body) {
        UplinkEndpointFunction function = new UplinkEndpointFunction(Objects.requireNonNull(endpoint, "endpoint"),
                Objects.requireNonNull(body, "body"));
        register(function.name(), function);
    }

    /** Provides {@code body} as the background task {@code name}, under {@code task:<name>}. */
    void registerBackgroundTask(String name, ServerFunction body) {
        register("task:" + name, body);
    }

    /**
     * Provides every {@code @Callable}, {@code @BackgroundTask} and endpoint method of {@code module},
     * bound by the shared binder, the functions first, in the binder's order, then the endpoints.
     *
     * @throws IllegalArgumentException if the module has no such method, or one cannot be bound
     */
    void registerAll(Object module) {
        Objects.requireNonNull(module, "module");
        List<BoundFunction> bound = MethodBinder.scanCallables(module);
        Map<Endpoint, ServerFunction> endpoints = EndpointScanner.scan(module);
        if (bound.isEmpty() && endpoints.isEmpty()) {
            Class<?> type = module instanceof Class<?> c ? c : module.getClass();
            throw new IllegalArgumentException(type.getName() + " has no @Callable methods to register (nor"
                    + " @BackgroundTask, @HttpEndpoint, @Route or @WellknownEndpoint methods)");
        }
        for (BoundFunction f : bound) {
            register(f.name(), f.requireUser(), f.body());
        }
        endpoints.forEach(this::registerEndpoint);
    }

    /** {@code body} behind the {@code require_user} check, with the user the server knows. */
    private static ServerFunction checked(String name, RequireUser requireUser, ServerFunction body) {
        return arguments -> {
            UserCheck.check(requireUser, Users.getUser(), name);
            return body.invoke(arguments);
        };
    }

    /** The registered names, to send in {@code REGISTER}s on connecting. */
    List<String> names() {
        return new ArrayList<>(functions.keySet());
    }

    /** Whether nothing is registered. */
    boolean isEmpty() {
        return functions.isEmpty();
    }

    /**
     * The function a command runs: the first registered whose name, a regular expression, the
     * command matches whole, as the official client looks it up (Uplink protocol §3.1; HTTP-04).
     */
    ServerFunction lookup(String command) {
        for (Map.Entry<String, Pattern> e : patterns) {
            if (e.getValue().matcher(command).matches()) {
                return functions.get(e.getKey());
            }
        }
        return null;
    }
}
