package dev.anvilcheck.tck.wire;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Objects;
import java.util.Set;

/**
 * Certifies a runtime known only by its Uplink URL, a server key and a client key (and an HTTP
 * origin), for every clause observable over the wire (Uplink protocol §7; UPL-01..12): the suite's
 * functions are provided through a server uplink, untrusted callers are client uplinks, trusted
 * ones further server uplinks, each with a session of its own; with an HTTP origin, the suite's
 * endpoints are provided by that uplink and requests go to the origin. It declares only what the
 * wire lets the suite observe ({@link #FEATURES}, or {@link #HTTP_FEATURES} with an origin); clauses
 * that need more end as not applicable, and so do the tests that the suite's reviewed list
 * {@code exclusions.tsv} excuses for transport {@value #TRANSPORT}, each with its reason. Chosen with
 * {@code --runtime dev.anvilcheck.tck.wire.WireRuntimeProvider} (it is not a service, so it never
 * competes with the runtime on the class path) and configured by the {@link WireTarget} system
 * properties ({@code anvilcheck.wire.url}, {@code .serverKey}, {@code .clientKey},
 * {@code .origin}, {@code .control}, ...).
 *
 * @since 0.1
 */
public final class WireRuntimeProvider implements RuntimeProvider {
    /** The name of the transport, as reports show it. */
    public static final String TRANSPORT = dev.anvilcheck.tck.internal.OverTheWire.TRANSPORT;
    /**
     * What the wire lets the suite observe: uplinks that provide functions, concurrent calls, the wire
     * itself, background tasks (TASK-01..25) whose functions run on the suite's uplink, each on a
     * thread of its own as soon as the runtime launches it, a caller's own context (its uplink's,
     * CTX-02) and cookies, which an uplink asks the runtime for (in the wire's sessions, none a
     * browser's, they raise {@code CookieError}, SESS-17), and portable classes: each caller's uplink
     * has a registry of its own, so a class one caller registers is unknown to the suite's functions
     * (PORT-08), and the suite's uplink provides the server methods of the classes registered for
     * both environments as {@code anvil.server_side/<name>.<method>} (PORT-10). Not declared, because only a runtime's
     * own SPI reaches them: its clock ({@code TIME_CONTROL}), its fault hooks such as killing a
     * task's worker ({@code FAULT_INJECTION}, TASK-23), and running tasks on the suite's thread
     * ({@code DETERMINISTIC_TASKS}).
     */
    public static final Set<Feature> FEATURES = Set.of(Feature.UPLINK_FUNCTIONS, Feature.CONCURRENT_CALLS,
            Feature.UPLINK_WIRE, Feature.BACKGROUND_TASKS, Feature.CONCURRENT_TASKS, Feature.CALLER_CONTEXT,
            Feature.COOKIES, Feature.PORTABLE_CLASSES);
    /**
     * What the wire lets the suite observe of a target with an HTTP origin: also endpoints, which
     * the suite's uplink provides, and requests sent to the origin over a real socket (HTTP-01..29).
     *
     * @since 0.1
     */
    public static final Set<Feature> HTTP_FEATURES = Set.of(Feature.UPLINK_FUNCTIONS, Feature.CONCURRENT_CALLS,
            Feature.UPLINK_WIRE, Feature.BACKGROUND_TASKS, Feature.CONCURRENT_TASKS, Feature.CALLER_CONTEXT,
            Feature.COOKIES, Feature.PORTABLE_CLASSES, Feature.HTTP_ENDPOINTS, Feature.HTTP_LOOPBACK);

    private final WireTarget target;

    /** A provider configured by the {@link WireTarget} system properties, read when it starts. */
    public WireRuntimeProvider() {
        this.target = null;
    }

    /**
     * A provider for {@code target}.
     *
     * @param target where the runtime is
     */
    public WireRuntimeProvider(WireTarget target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /**
     * {@value #TRANSPORT}.
     *
     * @return the name
     */
    @Override
    public String name() {
        return TRANSPORT;
    }

    /**
     * {@value #TRANSPORT}: this provider reaches the runtime over the Uplink.
     *
     * @return the transport
     */
    @Override
    public String transport() {
        return TRANSPORT;
    }

    /**
     * {@link #HTTP_FEATURES} when the target has an HTTP origin, else {@link #FEATURES}; the target
     * comes from the system properties when this provider was made without one (and, when they are
     * incomplete, {@link #start()} says what is missing).
     *
     * @return the features
     */
    @Override
    public Set<Feature> features() {
        WireTarget known = target;
        if (known == null) {
            try {
                known = WireTarget.fromSystemProperties();
            } catch (RuntimeException e) {
                return FEATURES;
            }
        }
        return features(known);
    }

    /**
     * What the suite can observe of {@code target}: {@link #HTTP_FEATURES} with an HTTP origin, else
     * {@link #FEATURES}; and {@code USER_ACCOUNTS} when the target names the test user account it was
     * started with ({@link WireTarget#userEmail()}), which {@code authenticate_users} endpoints log in
     * with (HTTP-09); and {@code TIME_CONTROL} and {@code FAULT_INJECTION} when it offers the
     * anvilcheck control API ({@link WireTarget#control()}), through which alone the suite moves its
     * fake clock and switches its faults (SESS-10, ERR-06, ERR-12, TASK-22, TASK-23).
     *
     * @param target the target
     * @return the features
     */
    public static Set<Feature> features(WireTarget target) {
        Set<Feature> features = java.util.EnumSet.copyOf(target.origin() != null ? HTTP_FEATURES : FEATURES);
        if (target.userEmail() != null) {
            features.add(Feature.USER_ACCOUNTS);
        }
        if (target.control() != null) {
            features.add(Feature.TIME_CONTROL);
            features.add(Feature.FAULT_INJECTION);
        }
        return Set.copyOf(features);
    }

    /**
     * Connects the suite's function-providing server uplink to the target.
     *
     * @return the runtime, reached over the wire
     * @throws dev.anvilcheck.uplink.UplinkFatalError if the server refused the server key
     */
    @Override
    public RuntimeUnderTest start() {
        return start(target != null ? target : WireTarget.fromSystemProperties(), null);
    }

    /**
     * Connects to {@code target}, closing {@code owner} (e.g. an in-process runtime serving the
     * target) when the suite closes the runtime.
     *
     * @param target where the runtime is
     * @param owner what to close after the uplinks, or {@code null}
     * @return the runtime, reached over the wire
     */
    public static RuntimeUnderTest start(WireTarget target, AutoCloseable owner) {
        return new WireRuntime(target, owner);
    }
}
