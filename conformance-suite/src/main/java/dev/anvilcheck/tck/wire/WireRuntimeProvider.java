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
 * ones further server uplinks, each with a session of its own; with an HTTP origin, the suite's
 * endpoints are provided by that uplink and requests go to the origin. It declares only what the
 * wire lets the suite observe ({@link #FEATURES}, or {@link #HTTP_FEATURES} with an origin); clauses
 * that need more end as not applicable. Chosen with
 * {@code --runtime dev.anvilcheck.tck.wire.WireRuntimeProvider} (it is not a service, so it never
 * competes with the runtime on the class path) and configured by the {@link WireTarget} system
 * properties ({@code anvilcheck.wire.url}, {@code .serverKey}, {@code .clientKey},
 * {@code .origin}).
 *
 * @since 0.1
 */
public final class WireRuntimeProvider implements RuntimeProvider {
    /** The name of the transport, as reports show it. */
    public static final String TRANSPORT = "uplink-wire";
    /**
     * What the wire lets the suite observe: uplinks that provide functions, concurrent calls, the wire
     * itself, and background tasks (TASK-01..25) whose functions run on the suite's uplink, each on a
     * thread of its own as soon as the runtime launches it. Not declared, because only a runtime's
     * own SPI reaches them: its clock ({@code TIME_CONTROL}), its fault hooks such as killing a
     * task's worker ({@code FAULT_INJECTION}, TASK-23), and running tasks on the suite's thread
     * ({@code DETERMINISTIC_TASKS}).
     */
    public static final Set<Feature> FEATURES = Set.of(Feature.UPLINK_FUNCTIONS, Feature.CONCURRENT_CALLS,
            Feature.UPLINK_WIRE, Feature.BACKGROUND_TASKS, Feature.CONCURRENT_TASKS);
    /**
     * What the wire lets the suite observe of a target with an HTTP origin: also endpoints, which
     * the suite's uplink provides, and requests sent to the origin over a real socket (HTTP-01..29).
     *
     * @since 0.1
     */
    public static final Set<Feature> HTTP_FEATURES = Set.of(Feature.UPLINK_FUNCTIONS, Feature.CONCURRENT_CALLS,
            Feature.UPLINK_WIRE, Feature.BACKGROUND_TASKS, Feature.CONCURRENT_TASKS, Feature.HTTP_ENDPOINTS,
            Feature.HTTP_LOOPBACK);

    private static final String NO_USERS = "an uplink can neither log a user in nor have the runtime check require_user";
    private static final String UPLINK_CONTEXT = "the suite's functions run on an uplink, so they see an uplink's"
            + " context (type uplink, uplink frames), and every caller is an uplink, not a browser, HTTP client,"
            + " task or server module";
    private static final String NO_SESSION_ID = "a call to an uplink does not carry its session's id";
    private static final String NO_INVALIDATION = "the runtime's client-object invalidation is not reachable from"
            + " uplink code";
    private static final String NO_LAZY_MEDIA = "the test makes its LazyMedia in the suite's process, with a source"
            + " there; over the wire a runtime fetches only LazyMedia of its own media stores"
            + " (anvil.private.fetch_lazy_media), and the suite cannot put media in them";
    private static final String NO_ZONES = "an uplink caller cannot choose the zone or the runtime's server zone";
    private static final String UPLINK_TASKS_CANNOT_BE_KILLED = "the suite's task functions run on its uplink, and a"
            + " task running on an uplink cannot be killed (TASK-18): kill() leaves it running, so no task the suite"
            + " launches over the wire can be killed";
    private static final String BROWSER_LIBRARY = "the browser's own anvil.server library raises RuntimeError before"
            + " anything reaches the runtime; the wire's untrusted caller is a client uplink, which the runtime"
            + " refuses with BackgroundTaskError instead (TASK-02)";
    private static final String UPLINK_LAZY_MEDIA = "the endpoint's LazyMedia is made on the suite's uplink and"
            + " crosses the wire as a reference, which the server cannot fetch: an uplink serves no LazyMedia";

    /**
     * The clause tests that cannot observe the runtime over the wire, by method name, with the
     * reason; {@link #notObservable(String, String)} reports them as not applicable. Every other
     * clause test of the declared features runs over the wire.
     */
    private static final Map<String, String> UNOBSERVABLE = Map.ofEntries(
            Map.entry("required_AUTH_01_loggedInUserRunsBody", NO_USERS),
            Map.entry("required_AUTH_01_noUserRaisesAuthenticationFailed", NO_USERS),
            Map.entry("required_AUTH_02_falsePredicateRaisesPermissionDenied", NO_USERS),
            Map.entry("required_AUTH_02_predicateExceptionPropagates", NO_USERS),
            Map.entry("required_AUTH_02_predicateWithNoUserRaisesAuthenticationFailed", NO_USERS),
            Map.entry("required_AUTH_02_truePredicateRunsBody", NO_USERS),
            Map.entry("required_AUTH_03_noRequirementMeansNoCheck", NO_USERS),
            Map.entry("required_AUTH_04_nestedCallsAreChecked", NO_USERS),
            Map.entry("required_AUTH_04_trustedCallersAreChecked", NO_USERS),
            Map.entry("required_AUTH_05_backgroundTaskHasNoUser", NO_USERS),
            Map.entry("required_CALL_14_nestedCallSharesSessionAndUser", NO_USERS),
            Map.entry("optional_CALL_07_uplinkFunctionShadowsServerFunction", "every function is provided by an uplink; there is no server module to shadow"),
            Map.entry("optional_CALL_18_browserCallsAreSentInIssueOrder", "callers are uplinks, which do not queue calls as a browser does"),
            Map.entry("optional_CTX_13_callStackMostRecentFirst", UPLINK_CONTEXT),
            Map.entry("optional_CTX_14_concurrentCallsSeeOwnContext", UPLINK_CONTEXT),
            Map.entry("required_CTX_01_serverModuleFunctionSeesTypeServerModule", UPLINK_CONTEXT),
            Map.entry("required_CTX_03_clientTypeNamesHowSessionBegan", UPLINK_CONTEXT),
            Map.entry("required_CTX_03_nestedCallKeepsClientType", UPLINK_CONTEXT),
            Map.entry("required_CTX_04_httpRequestWithoutSessionGetsNewHttpSession", UPLINK_CONTEXT),
            Map.entry("required_CTX_05_nestedCallHasServerModuleFrame", UPLINK_CONTEXT),
            Map.entry("required_CTX_05_remoteCallerTypeNamesImmediateCaller", UPLINK_CONTEXT),
            Map.entry("required_CTX_06_trustFollowsFrameType", UPLINK_CONTEXT),
            Map.entry("required_CTX_07_browserUntrustedServerModuleTrusted", UPLINK_CONTEXT),
            Map.entry("required_CTX_08_backgroundTaskSeesLauncherFrame", UPLINK_CONTEXT),
            Map.entry("required_CTX_09_backgroundTaskIdInTaskSessions", UPLINK_CONTEXT),
            Map.entry("required_CAP_08_untrustedCallersNeedTheIssuedMac", UPLINK_CONTEXT),
            Map.entry("required_CTX_12_clientIpAndLocation", "an uplink caller cannot choose the IP address or location the runtime sees"),
            Map.entry("required_CAP_07_narrowingDoesNotRevalidate", NO_INVALIDATION),
            Map.entry("required_CAP_15_isValidUntilInvalidated", NO_INVALIDATION),
            Map.entry("required_CAP_16_invalidationRefusesEarlierCapabilities", NO_INVALIDATION),
            Map.entry("required_SESS_12_resetSessionInvalidatesHeldCapabilities", NO_INVALIDATION),
            Map.entry("required_SESS_12_resetSessionKeepsALiveSession", NO_SESSION_ID),
            Map.entry("required_MEDIA_04_lazyMediaIsFetchedOnFirstUse", NO_LAZY_MEDIA),
            Map.entry("required_MEDIA_05_inMemoryMediaIsNotStorable", NO_LAZY_MEDIA),
            Map.entry("optional_MEDIA_07_mediaAndHttpEndpoints", UPLINK_LAZY_MEDIA),
            Map.entry("required_SESS_06_lazyMediaStorable", NO_LAZY_MEDIA),
            Map.entry("required_SER_09_naiveDatetimeFromCallerGetsCallersOffset", NO_ZONES),
            Map.entry("required_SER_09_naiveDatetimeFromServerGetsServerOffset", NO_ZONES),
            Map.entry("required_SESS_01_sessionPersistsAndIsPrivate", NO_SESSION_ID),
            Map.entry("required_SESS_02_sessionOperations", NO_SESSION_ID),
            Map.entry("required_SESS_03_sessionIdAttribute", NO_SESSION_ID),
            Map.entry("required_SESS_09_getSessionIdReturnsStableId", NO_SESSION_ID),
            Map.entry("optional_SESS_15_uplinkFunctionRunsInCallersSession", NO_SESSION_ID),
            Map.entry("optional_SESS_09_uplinkFunctionGetsTheCallersSessionId", NO_SESSION_ID),
            Map.entry("required_SESS_14_backgroundTaskHasOwnEmptySession", UPLINK_CONTEXT),
            Map.entry("optional_AUTH_05_launchedTaskHasNoUser", NO_USERS),
            Map.entry("optional_CTX_08_launchedTaskSeesItsLaunchersFrame", UPLINK_CONTEXT),
            Map.entry("optional_SESS_14_launchedTaskHasOwnEmptySession", NO_SESSION_ID),
            Map.entry("optional_TASK_02_browserCannotLaunch", BROWSER_LIBRARY),
            Map.entry("optional_TASK_19_browserCannotLookUpTasks", BROWSER_LIBRARY),
            Map.entry("optional_TASK_20_listRunningAndFinishedTasks", BROWSER_LIBRARY),
            Map.entry("optional_TASK_08_terminalStatusNeverChanges", UPLINK_TASKS_CANNOT_BE_KILLED),
            Map.entry("optional_TASK_10_killedTaskRaisesBackgroundTaskKilled", UPLINK_TASKS_CANNOT_BE_KILLED),
            Map.entry("optional_TASK_12_returnValue", UPLINK_TASKS_CANNOT_BE_KILLED),
            Map.entry("optional_TASK_13_killedTaskKeepsTheStateOfTheKill", UPLINK_TASKS_CANNOT_BE_KILLED),
            Map.entry("optional_TASK_15_killDoesNotWaitForABlockedTask", UPLINK_TASKS_CANNOT_BE_KILLED),
            Map.entry("optional_TASK_15_killEndsTheTaskAsKilled", UPLINK_TASKS_CANNOT_BE_KILLED),
            Map.entry("optional_TASK_16_killOfAnEndedTaskDoesNothing", UPLINK_TASKS_CANNOT_BE_KILLED));

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
        return Optional.ofNullable(UNOBSERVABLE.get(testName));
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
        return known.origin() != null ? HTTP_FEATURES : FEATURES;
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
