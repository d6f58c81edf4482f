package dev.anvilcheck.tck.internal;

import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the features a runtime declares (CONVENTIONS 3: the suite never guesses, and never trusts a
 * declaration blindly): a feature whose SPI method throws, returns nothing, or does not do what
 * the feature promises is reported with the feature and the method named, e.g. "declares
 * Feature.TIME_CONTROL, but time() raised UnsupportedOperationException". {@link #accessors}
 * checks, for one test, the SPI methods of the features it needs, without changing the runtime's
 * state; {@link #preflight} tries every declared feature once on a runtime of its own, before a
 * certification, and checks that the runtime gives a caller of each kind.
 */
public final class FeatureCheck {
    private FeatureCheck() {}

    /**
     * Checks the SPI methods of the given declared features on a runtime a test will use, without
     * changing its state.
     *
     * @param runtimeName the runtime's name, for messages
     * @param runtime the runtime
     * @param features the features the test needs, all declared
     * @return the first problem, or empty
     */
    public static Optional<String> accessors(String runtimeName, RuntimeUnderTest runtime, Set<Feature> features) {
        for (Feature feature : features) {
            Optional<String> problem = accessor(runtimeName, runtime, feature);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * Tries every declared feature on a fresh runtime of the provider, and closes it.
     *
     * @param provider the provider
     * @return the problems found, one line each; empty if every declared feature worked
     */
    public static List<String> preflight(RuntimeProvider provider) {
        Set<Feature> declared = provider.features() == null ? Set.of() : provider.features();
        List<String> problems = new ArrayList<>();
        String name = provider.name();
        if (declared.contains(Feature.CONCURRENT_TASKS) && declared.contains(Feature.DETERMINISTIC_TASKS)) {
            problems.add("runtime '" + name + "' declares both Feature.CONCURRENT_TASKS and"
                    + " Feature.DETERMINISTIC_TASKS, which exclude each other");
        }
        RuntimeUnderTest runtime;
        try {
            runtime = provider.start();
        } catch (RuntimeException | LinkageError e) {
            problems.add("runtime '" + name + "': start() raised " + e);
            return problems;
        }
        if (runtime == null) {
            problems.add("runtime '" + name + "': start() returned null");
            return problems;
        }
        try {
            callers(name, runtime, "in-memory".equals(provider.transport())).ifPresent(problems::add);
            for (Feature feature : declared) {
                accessor(name, runtime, feature).or(() -> deeper(name, runtime, feature)).ifPresent(problems::add);
            }
        } finally {
            runtime.close();
        }
        return problems;
    }

    /**
     * Every runtime's contract, feature or not: a caller of each kind, and, for a runtime in the
     * suite's process, a BrowserCaller for browsers (over a wire, callers are what the wire offers).
     */
    private static Optional<String> callers(String name, RuntimeUnderTest runtime, boolean inMemory) {
        for (CallerKind kind : CallerKind.values()) {
            Caller caller;
            try {
                caller = runtime.caller(kind);
            } catch (RuntimeException e) {
                return Optional.of("runtime '" + name + "': caller(" + kind + ") raised " + e);
            }
            if (caller == null || caller.kind() != kind) {
                return Optional.of("runtime '" + name + "': caller(" + kind + ") returned "
                        + (caller == null ? "null" : "a caller of kind " + caller.kind()));
            }
            if (inMemory && kind == CallerKind.BROWSER && !(caller instanceof BrowserCaller)) {
                return Optional.of("runtime '" + name + "': caller(BROWSER) is not a BrowserCaller");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> accessor(String name, RuntimeUnderTest runtime, Feature feature) {
        try {
            switch (feature) {
                case TIME_CONTROL -> {
                    if (runtime.time() == null) {
                        return problem(name, feature, "time() returned null");
                    }
                    if (runtime.time().now() == null) {
                        return problem(name, feature, "time().now() returned null");
                    }
                }
                case FAULT_INJECTION -> {
                    if (runtime.faults() == null) {
                        return problem(name, feature, "faults() returned null");
                    }
                }
                case BACKGROUND_TASKS -> {
                    if (runtime.tasks() == null) {
                        return problem(name, feature, "tasks() returned null");
                    }
                }
                case HTTP_ENDPOINTS -> {
                    if (runtime.http() == null) {
                        return problem(name, feature, "http() returned null");
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (RuntimeException e) {
            return problem(name, feature, "its SPI method raised " + e);
        }
        return Optional.empty();
    }

    private static Optional<String> deeper(String name, RuntimeUnderTest runtime, Feature feature) {
        try {
            switch (feature) {
                case TIME_CONTROL -> {
                    Instant before = runtime.time().now();
                    runtime.time().advance(Duration.ofSeconds(1));
                    Instant after = runtime.time().now();
                    if (after.isBefore(before.plusSeconds(1))) {
                        return problem(name, feature, "time().advance(1 s) moved now() from " + before + " only to "
                                + after);
                    }
                }
                case FAULT_INJECTION -> {
                    runtime.faults().quotaExceeded(false);
                    runtime.faults().appOffline(false);
                    runtime.faults().appLocked(false);
                }
                case UPLINK_FUNCTIONS -> {
                    if (runtime.uplink() == null) {
                        return problem(name, feature, "uplink() returned null");
                    }
                }
                case CALLER_CONTEXT -> {
                    if (runtime.caller(CallerKind.BROWSER).context() == null) {
                        return problem(name, feature, "caller(BROWSER).context() returned null");
                    }
                }
                case LOADING_INDICATOR -> {
                    Caller caller = runtime.caller(CallerKind.BROWSER);
                    if (!(caller instanceof BrowserCaller browser)) {
                        return problem(name, feature, "caller(BROWSER) is not a BrowserCaller");
                    }
                    if (browser.loadingIndicatorCount() != 0) {
                        return problem(name, feature, "a new browser's loadingIndicatorCount() is "
                                + browser.loadingIndicatorCount() + ", not 0");
                    }
                }
                case HTTP_LOOPBACK -> {
                    URI origin = runtime.listen();
                    if (origin == null || origin.getHost() == null || !loopback(origin.getHost())) {
                        return problem(name, feature, "listen() returned " + origin + ", not an origin on the"
                                + " loopback interface");
                    }
                }
                case UPLINK_WIRE -> {
                    if (runtime.uplinkEndpoint() == null) {
                        return problem(name, feature, "uplinkEndpoint() returned null");
                    }
                }
                case DETERMINISTIC_TASKS -> {
                    if (runtime.tasks().pending() != 0) {
                        return problem(name, feature, "a new runtime has " + runtime.tasks().pending()
                                + " pending tasks");
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        } catch (RuntimeException e) {
            return problem(name, feature, "its SPI method raised " + e);
        }
        return Optional.empty();
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> problem(String name, Feature feature, String what) {
        return Optional.of("runtime '" + name + "' declares Feature." + feature.name() + ", but " + what);
    }
}
