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
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where names resolve (CALL-05..10, CALL-07, CALL-08, UPL-09): functions provided by connected
 * uplinks first, then server functions; names are exact, except the endpoint names an
 * uplink registers ({@code http:}, {@code route:}, {@code http-wellknown:} followed by a path
 * regex, Uplink protocol §3.1), which are regular expressions a called command must match whole.
 * A name that only a since disconnected uplink provided raises {@link UplinkDisconnectedError}
 * (ERR-08).
 */
public final class FunctionRegistry {
    /** The prefixes of the names that are endpoint patterns, one per decorator (HTTP-01). */
    public static final List<String> ENDPOINT_PREFIXES = List.of("http:", "route:", "http-wellknown:");

    private static final System.Logger LOG = System.getLogger(FunctionRegistry.class.getName());

    /** An endpoint pattern an uplink registered, and how to call it for one command. */
    private record UplinkPattern(String name, Pattern pattern, UplinkHandle provider,
            Function<String, ServerFunction> bodyFor) {}

    private final Map<String, Registration> server = new ConcurrentHashMap<>();
    private final Map<String, List<Registration>> uplinks = new ConcurrentHashMap<>();
    private final List<UplinkPattern> endpoints = new CopyOnWriteArrayList<>();
    private final Set<String> stale = ConcurrentHashMap.newKeySet();
    private final Map<String, Pattern> staleEndpoints = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * Whether a name is an endpoint pattern when an uplink registers it: it starts with one of
     * {@link #ENDPOINT_PREFIXES}.
     *
     * @param name the registered name
     * @return whether it is matched as a regular expression
     */
    public static boolean isEndpointName(String name) {
        for (String prefix : ENDPOINT_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Registers server code under its name; a later registration replaces an earlier one with a
     * one-time warning (CALL-10).
     *
     * @param registration the function
     */
    public void register(Registration registration) {
        Registration previous = server.put(registration.name(), registration);
        warnOnceIfReplaced(registration.name(), previous);
    }

    @OutsideTheSpecification("CALL-10's one-time warning is a log line only")
    private void warnOnceIfReplaced(String name, Registration previous) {
        if (previous != null && warned.add(name)) {
            LOG.log(System.Logger.Level.WARNING,
                    "Server function \"{0}\" was registered twice; the later registration replaces the earlier",
                    name);
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
     * Adds an endpoint pattern an uplink provides (UPL-05, HTTP-01): {@code name} is
     * {@code http:}, {@code route:} or {@code http-wellknown:} followed by a regular expression, and
     * a command that matches it whole is served by the uplink ahead of server code (CALL-07), one
     * of several matching uplinks chosen at random (CALL-08).
     *
     * @param name the registered name, a regular expression
     * @param provider the uplink
     * @param bodyFor the function that calls the uplink with a given command
     * @throws java.util.regex.PatternSyntaxException if the name is not a regular expression
     */
    public void registerUplinkEndpoint(String name, UplinkHandle provider, Function<String, ServerFunction> bodyFor) {
        UplinkPattern added = new UplinkPattern(name, Pattern.compile(name), provider, bodyFor);
        synchronized (endpoints) {
            endpoints.removeIf(p -> p.provider() == provider && p.name().equals(name));
            endpoints.add(added);
        }
        staleEndpoints.remove(name);
    }

    /**
     * The uplink function that serves an endpoint command such as {@code http:/users/7}: one of the
     * connected uplinks' endpoint patterns that match it whole, chosen at random (CALL-07, CALL-08).
     *
     * @param command the command, e.g. {@code http:/users/7}
     * @return the registration, named by the command, or {@code null} if no uplink serves it
     */
    public Registration resolveEndpoint(String command) {
        if (endpoints.isEmpty()) {
            return null;
        }
        List<UplinkPattern> matching = new java.util.ArrayList<>(1);
        for (UplinkPattern p : endpoints) {
            if (p.provider().connected() && p.pattern().matcher(command).matches()) {
                matching.add(p);
            }
        }
        if (matching.isEmpty()) {
            return null;
        }
        UplinkPattern chosen = matching.get(ThreadLocalRandom.current().nextInt(matching.size()));
        return new Registration(command, dev.anvilcheck.server.RequireUser.none(), chosen.bodyFor().apply(command),
                "uplink", chosen.provider());
    }

    /**
     * Whether an endpoint command matches a pattern that only since disconnected uplinks provided
     * (ERR-08): the platform then answers {@link UplinkDisconnectedError} rather than "no such
     * function".
     *
     * @param command the command
     * @return whether it is stale
     */
    public boolean staleEndpoint(String command) {
        // an uplink leaving right now is marked disconnected a moment before its patterns are removed
        for (UplinkPattern p : endpoints) {
            if (!p.provider().connected() && p.pattern().matcher(command).matches()) {
                return true;
            }
        }
        for (Pattern p : staleEndpoints.values()) {
            if (p.matcher(command).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The names {@code provider} registers now, endpoint patterns included, sorted: what the
     * control API lists under each uplink.
     *
     * @param provider the uplink
     * @return the names
     */
    @OutsideTheSpecification("a view for the control API's list of uplinks")
    public List<String> namesProvidedBy(UplinkHandle provider) {
        Set<String> names = new TreeSet<>();
        uplinks.forEach((name, list) -> {
            if (list.stream().anyMatch(r -> r.provider() == provider)) {
                names.add(name);
            }
        });
        for (UplinkPattern p : endpoints) {
            if (p.provider() == provider) {
                names.add(p.name());
            }
        }
        return List.copyOf(names);
    }

    /**
     * Removes every function {@code provider} registered (UPL-09); names no one else provides
     * become stale.
     *
     * @param provider the disconnecting uplink
     */
    public void removeUplink(UplinkHandle provider) {
        synchronized (endpoints) {
            for (UplinkPattern p : endpoints) {
                if (p.provider() == provider) {
                    // marked stale before it goes, so that no request in between finds neither (ERR-08)
                    if (endpoints.stream().noneMatch(q -> q != p && q.name().equals(p.name()))) {
                        staleEndpoints.put(p.name(), p.pattern());
                    }
                    endpoints.remove(p);
                }
            }
        }
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
                if (snapshot.length != 0) {
                    return (Registration) snapshot[ThreadLocalRandom.current().nextInt(snapshot.length)];
                }
            }
        }
        if (isEndpointName(name)) {
            Registration endpoint = resolveEndpoint(name);
            if (endpoint != null) {
                return endpoint;
            }
        }
        Registration registration = server.get(name);
        if (registration != null) {
            return registration;
        }
        if (stale.contains(name) || (isEndpointName(name) && staleEndpoint(name))) {
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
    @OutsideTheSpecification("the runtime's own Java API and the control API, which the SPI never calls")
    public ServerFunction body(String name) {
        Registration registration = server.get(name);
        return registration == null ? null : registration.body();
    }

    /**
     * The names of the registered server functions, for diagnostics.
     *
     * @return the names
     */
    @OutsideTheSpecification("diagnostics of the runtime's own Java API and the control API")
    public Set<String> serverNames() {
        return Set.copyOf(server.keySet());
    }
}
