package dev.anvilcheck.tck.wire;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Certifies a runtime known only by its Uplink URL, a server key and a client key (and an HTTP
 * origin), for every clause observable over the wire (Uplink protocol §7; UPL-01..12): the suite's
 * functions are provided through a server uplink, untrusted callers are client uplinks, trusted
 * ones further server uplinks, each with a session of its own. It declares only what the wire lets
 * the suite observe ({@link #FEATURES}); clauses that need more end as not applicable. Chosen with
 * {@code -Danvilcheck.runtime=uplink-wire} and configured by the {@link WireTarget} system
 * properties ({@code anvilcheck.wire.url}, {@code .serverKey}, {@code .clientKey},
 * {@code .origin}).
 *
 * @since 0.1
 */
public final class WireRuntimeProvider implements RuntimeProvider {
    /** The name of the transport, as reports show it. */
    public static final String TRANSPORT = "uplink-wire";
    /** What the wire lets the suite observe: uplinks that provide functions, concurrent calls, the wire itself. */
    public static final Set<Feature> FEATURES = Set.of(Feature.UPLINK_FUNCTIONS, Feature.CONCURRENT_CALLS,
            Feature.UPLINK_WIRE);

    private static final String NO_USERS = "an uplink can neither log a user in nor have the runtime check require_user";
    private static final String UPLINK_CONTEXT = "the suite's functions run on an uplink, so they see an uplink's"
            + " context (type uplink, uplink frames), and every caller is an uplink, not a browser, HTTP client,"
            + " task or server module";
    private static final String NO_SESSION_ID = "a call to an uplink does not carry its session's id";
    private static final String NO_INVALIDATION = "the runtime's client-object invalidation is not reachable from"
            + " uplink code";
    private static final String NO_CAP_UPDATES = "the Java uplink client does not relay capability updates"
            + " (capUpdates)";
    private static final String NO_LAZY_MEDIA = "the Java uplink client does not fetch LazyMedia";
    private static final String NO_ZONES = "an uplink caller cannot choose the zone or the runtime's server zone";
    private static final String NO_TASK_SESSIONS = "background tasks are not declared over the wire";

    /**
     * The clauses (by ID) whose tests cannot observe the runtime over the wire, with the reason;
     * {@link #notObservable(String, String)} reports them as not applicable.
     */
    private static final Map<String, String> UNOBSERVABLE = Map.ofEntries(
            Map.entry("AUTH-01", NO_USERS), Map.entry("AUTH-02", NO_USERS), Map.entry("AUTH-03", NO_USERS),
            Map.entry("AUTH-04", NO_USERS), Map.entry("AUTH-05", NO_USERS), Map.entry("CALL-14", NO_USERS),
            Map.entry("CALL-07", "every function is provided by an uplink; there is no server module to shadow"),
            Map.entry("CALL-18", "callers are uplinks, which do not queue calls as a browser does"),
            Map.entry("CTX-01", UPLINK_CONTEXT), Map.entry("CTX-03", UPLINK_CONTEXT),
            Map.entry("CTX-04", UPLINK_CONTEXT), Map.entry("CTX-05", UPLINK_CONTEXT),
            Map.entry("CTX-06", UPLINK_CONTEXT), Map.entry("CTX-07", UPLINK_CONTEXT),
            Map.entry("CTX-08", UPLINK_CONTEXT), Map.entry("CTX-09", UPLINK_CONTEXT),
            Map.entry("CTX-12", "an uplink caller cannot choose the IP address or location the runtime sees"),
            Map.entry("CTX-13", UPLINK_CONTEXT), Map.entry("CTX-14", UPLINK_CONTEXT),
            Map.entry("CAP-07", NO_INVALIDATION), Map.entry("CAP-15", NO_INVALIDATION),
            Map.entry("CAP-16", NO_INVALIDATION), Map.entry("SESS-12", NO_INVALIDATION),
            Map.entry("CAP-08", UPLINK_CONTEXT),
            Map.entry("CAP-17", NO_CAP_UPDATES), Map.entry("CAP-18", NO_CAP_UPDATES),
            Map.entry("MEDIA-04", NO_LAZY_MEDIA), Map.entry("MEDIA-05", NO_LAZY_MEDIA),
            Map.entry("SESS-06", NO_LAZY_MEDIA),
            Map.entry("SER-09", NO_ZONES),
            Map.entry("SESS-01", NO_SESSION_ID), Map.entry("SESS-02", NO_SESSION_ID),
            Map.entry("SESS-03", NO_SESSION_ID), Map.entry("SESS-09", NO_SESSION_ID),
            Map.entry("SESS-15", NO_SESSION_ID),
            Map.entry("SESS-14", NO_TASK_SESSIONS));

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
     * The reason a clause cannot be observed over the wire, for the clauses whose tests need an
     * in-process simulation (a browser's own context, a logged-in user, the caller's zone, ...).
     *
     * @param clause the clause ID
     * @param testName the test method's name
     * @return the reason, or empty
     */
    @Override
    public Optional<String> notObservable(String clause, String testName) {
        return Optional.ofNullable(UNOBSERVABLE.get(clause));
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
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
