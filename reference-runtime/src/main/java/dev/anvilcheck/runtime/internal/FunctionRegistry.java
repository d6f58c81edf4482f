package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.UplinkDisconnectedError;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * Where names resolve (CALL-05..10, CALL-07, CALL-08, UPL-09): functions provided by connected
 * uplinks first, then server functions; names are exact. A name that only a since
 * disconnected uplink provided raises {@link UplinkDisconnectedError} (ERR-08).
 */
public final class FunctionRegistry {
    private static final System.Logger LOG = System.getLogger(FunctionRegistry.class.getName());

    private final Map<String, Registration> server = new ConcurrentHashMap<>();
    private final Map<String, List<Registration>> uplinks = new ConcurrentHashMap<>();
    private final Set<String> stale = ConcurrentHashMap.newKeySet();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * Registers server code under its name; a later registration replaces an earlier one with a
     * one-time warning (CALL-10).
     *
     * @param registration the function
     */
    public void register(Registration registration) {
        Registration previous = server.put(registration.name(), registration);
        if (previous != null && warned.add(registration.name())) {
            LOG.log(System.Logger.Level.WARNING,
                    "Server function \"{0}\" was registered twice; the later registration replaces the earlier",
                    registration.name());
        }
    }

    /**
     * Adds a function an uplink provides (UPL-05); it shadows server code of the same name.
     *
     * @param registration the function, with its uplink as provider
     */
    public void registerUplink(Registration registration) {
        uplinks.compute(registration.name(), (name, list) -> {
            List<Registration> next = list == null ? new CopyOnWriteArrayList<>() : list;
            next.removeIf(r -> r.provider() == registration.provider());
            next.add(registration);
            return next;
        });
        stale.remove(registration.name());
    }

    /**
     * Removes every function {@code provider} registered (UPL-09); names no one else provides
     * become stale.
     *
     * @param provider the disconnecting uplink
     */
    public void removeUplink(UplinkHandle provider) {
        for (String name : uplinks.keySet()) {
            uplinks.computeIfPresent(name, (n, list) -> {
                boolean removed = list.removeIf(r -> r.provider() == provider);
                if (list.isEmpty()) {
                    if (removed) {
                        stale.add(n);
                    }
                    return null;
                }
                return list;
            });
        }
    }

    /**
     * The function a call to {@code name} runs.
     *
     * @param name the called name
     * @return the registration
     * @throws NoServerFunctionError if nothing provides the name (CALL-05)
     * @throws UplinkDisconnectedError if only a disconnected uplink provided it (ERR-08)
     */
    public Registration resolve(String name) {
        if (!uplinks.isEmpty()) {
            List<Registration> candidates = uplinks.get(name);
            if (candidates != null) {
                Object[] snapshot = candidates.toArray();
                if (snapshot.length == 1) {
                    return (Registration) snapshot[0];
                }
                if (snapshot.length > 1) {
                    return (Registration) snapshot[ThreadLocalRandom.current().nextInt(snapshot.length)];
                }
            }
        }
        Registration registration = server.get(name);
        if (registration != null) {
            return registration;
        }
        if (stale.contains(name)) {
            throw new UplinkDisconnectedError("The uplink server for \"" + name + "\" has been disconnected");
        }
        throw new NoServerFunctionError("No server function matching \"" + name + "\" has been registered");
    }

    /**
     * Replaces the body of the server function registered as {@code name}, keeping its
     * {@code requireUser} rule and environment, for tests that stub or spy on a function.
     *
     * @param name the registered name, e.g. {@code send_invoice} or {@code task:nightly}
     * @param replace makes the new body from the current one
     * @return the body that was replaced
     * @throws IllegalArgumentException if no server function has that name
     */
    public ServerFunction replace(String name, UnaryOperator<ServerFunction> replace) {
        ServerFunction[] previous = new ServerFunction[1];
        server.computeIfPresent(name, (n, r) -> {
            ServerFunction next = Objects.requireNonNull(replace.apply(r.body()), "replacement");
            previous[0] = r.body();
            return new Registration(n, r.requireUser(), next, r.environment(), r.provider());
        });
        if (previous[0] == null) {
            throw new IllegalArgumentException("No server function \"" + name + "\" is registered, so it cannot be"
                    + " replaced; registered: " + new TreeSet<>(server.keySet())
                    + ". Register the module that defines it first (background tasks are named \"task:<name>\")");
        }
        return previous[0];
    }

    /**
     * The body of the server function registered as {@code name}, or {@code null}.
     *
     * @param name the registered name
     * @return the body, or {@code null}
     */
    public ServerFunction body(String name) {
        Registration registration = server.get(name);
        return registration == null ? null : registration.body();
    }

    /**
     * The names of the registered server functions, for diagnostics.
     *
     * @return the names
     */
    public Set<String> serverNames() {
        return Set.copyOf(server.keySet());
    }
}
