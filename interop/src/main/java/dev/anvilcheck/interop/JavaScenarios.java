package dev.anvilcheck.interop;

import static dev.anvilcheck.server.Kwargs.kw;

import dev.anvilcheck.interop.probe.Describe;
import dev.anvilcheck.interop.probe.Point;
import dev.anvilcheck.interop.probe.ProbeError;
import dev.anvilcheck.interop.probe.Probes;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.uplink.Uplink;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The scenarios of the interop harness played by the Java uplink client
 * ({@link Uplink}), step for step as {@code interop/python/interop_scenarios.py} plays them with
 * the official Python client: the same probe calls, the same uplink-side functions and endpoints
 * (registered by {@link #registerUplinkSide(Uplink)} as the script's {@code define_uplink_functions}
 * decorates them), the same outcome shapes ({@link Describe}). A scenario's id names the same
 * steps on both sides.
 */
final class JavaScenarios {
    /** One scenario's steps: the outcome, as maps, lists and plain values. */
    @FunctionalInterface
    interface Play {
        Object run() throws Exception;
    }

    private final Uplink uplink;
    private final Http http;
    private final Map<String, Play> plays = new LinkedHashMap<>();

    private JavaScenarios(Uplink uplink, Http http, Scenario.Key key) {
        this.uplink = uplink;
        this.http = http;
        if (key == Scenario.Key.SERVER) {
            serverKeyScenarios();
        } else {
            clientKeyScenarios();
        }
    }

    /**
     * Plays every scenario of {@code key} in {@code catalogue} with a Java uplink connected to
     * {@code url}, and returns each one's outcome.
     *
     * @param url serve mode's uplink address
     * @param api serve mode's api address
     * @param secret the uplink key of that kind
     * @param key the key kind
     * @param catalogue the scenarios
     * @return outcome per scenario id, in the catalogue's order
     */
    static Map<String, Object> play(URI url, URI api, String secret, Scenario.Key key, List<Scenario> catalogue) {
        registerSharedTypes();
        Map<String, Object> outcomes = new LinkedHashMap<>();
        Uplink.Builder builder = Uplink.builder(url, secret);
        try (Uplink uplink = builder.connect()) {
            if (key == Scenario.Key.SERVER) {
                registerUplinkSide(uplink);
            }
            JavaScenarios scenarios = new JavaScenarios(uplink, new Http(api), key);
            for (Scenario s : catalogue) {
                if (s.key() != key) {
                    continue;
                }
                Play play = scenarios.plays.get(s.id());
                if (play == null) {
                    continue;
                }
                Object outcome;
                try {
                    outcome = play.run();
                } catch (Exception | Error e) {
                    outcome = Map.of("harness_error", e.toString());
                }
                outcomes.put(s.id(), outcome);
            }
        }
        return outcomes;
    }

    /** The portable class and error type every side registers (the script's define_shared_types). */
    static void registerSharedTypes() {
        AnvilServer.registerPortableClass(Point.class, Point.NAME);
        AnvilServer.registerExceptionType(ProbeError.NAME, ProbeError.class);
    }

    // ------------------------------------------------------------------ outcome helpers

    /** {"result": typed} or {"raised": typed error}: the script's {@code typed}. */
    static Map<String, Object> typed(Play play) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            out.put("result", Describe.value(play.run(), false));
        } catch (Exception e) {
            out.put("raised", Describe.value(e, false));
        }
        return out;
    }

    /** {"result": plain} or {"raised": typed error}: the script's {@code raw}. */
    static Map<String, Object> raw(Play play) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            out.put("result", play.run());
        } catch (Exception e) {
            out.put("raised", Describe.value(e, false));
        }
        return out;
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** Runs {@code play} bound to the uplink's top level, where {@code AnvilServer}'s statics ask the app. */
    private Object atTopLevel(Play play) throws Exception {
        CallScope.Binding top = uplink.bind();
        try {
            return play.run();
        } finally {
            top.close();
        }
    }

    private Object call(String fn, Object... args) {
        return uplink.call(fn, args);
    }

    private Map<String, Object> bothWays(Object value) {
        return map("server_saw", raw(() -> call("describe", value)), "round_trip", typed(() -> call("echo", value)));
    }

    private static BlobMedia blob(int length, int seed, String name, String contentType) {
        return new BlobMedia(contentType, Describe.pattern(length, seed), name);
    }

    private static BlobMedia blob(int length, int seed) {
        return blob(length, seed, "up.bin", "application/x-interop");
    }

    private Capability issued() {
        return (Capability) call("issue_cap", list("doc", 7L));
    }

    private static Task waitTask(Task task) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (task.getTerminationStatus() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return task;
    }

    private static Map<String, Object> taskOutcome(Task task) {
        return map("status", task.getTerminationStatus(), "name", task.getTaskName(),
                "return_value", typed(task::getReturnValue), "error", typed(task::getError),
                "state", typed(task::getState), "is_completed", typed(task::isCompleted));
    }

    // ------------------------------------------------------------------ the uplink's side

    /**
     * Registers the functions and endpoints a server-key uplink provides, as the script's
     * {@code define_uplink_functions} does with decorators.
     *
     * @param uplink the uplink
     */
    static void registerUplinkSide(Uplink uplink) {
        uplink.register("shadowed", args -> "uplink");
        uplink.register("up_echo", args -> args.get(0));
        uplink.register("up_context", args -> Probes.contextOf(AnvilServer.context()));
        uplink.register("up_call_back", args -> AnvilServer.call("context_info"));
        uplink.register("up_session_id", args -> AnvilServer.getSessionId());
        uplink.register("up_session_write", args -> {
            AnvilServer.session().put("written", args.get(0));
            return "written";
        });
        uplink.register("up_cookie_read", args -> AnvilServer.cookies().local().get("interop", null));
        uplink.register("up_cap_scope", args -> ((Capability) args.get(0)).scope());
        uplink.register("up_cap_send_update", args -> {
            Capability cap = (Capability) args.get(0);
            cap.sendUpdate(map("n", 1L));
            cap.sendUpdate(map("m", 2L));
            return cap.scope();
        });
        uplink.register("up_raise", args -> {
            List<?> spec = (List<?>) args.get(0);
            throw Probes.error((String) spec.get(0), (String) spec.get(1));
        });
        uplink.register("up_media_info", args -> Describe.value(args.get(0), false));
        uplink.register("up_make_media", args -> new BlobMedia("application/x-interop",
                Describe.pattern((int) (long) (Long) args.get(0), 5), "from-uplink.bin"));
        uplink.register("up_bounce", args -> AnvilServer.call("bounce", "up_bounce", args.get(0)));
        uplink.register("up_describe", args -> Describe.value(args.get(0), false));
        uplink.register("up_describe_call", args -> map("args", Describe.value(args.args(), false),
                "kwargs", Describe.value(args.kwargs(), false)));
        uplink.register("up_cap_bad_updates", args -> {
            Capability cap = (Capability) args.get(0);
            cap.sendUpdate("replace");
            cap.sendUpdate(map("a", 1L));
            return cap.scope();
        });
        uplink.registerBackgroundTask("up_task_context", args -> Probes.contextOf(AnvilServer.context()));
        uplink.registerEndpoint(Endpoint.wellknown("/interop-wk"), args -> map("path", AnvilServer.request().path(),
                "caller", AnvilServer.context().remoteCaller().type()));
        uplink.registerBackgroundTask("up_task", args -> {
            long n = (Long) args.get(0);
            AnvilServer.taskState().put("n", n);
            return map("plus100", n + 100);
        });

        uplink.registerEndpoint(Endpoint.http("/interop/items/:id"), args -> {
            HttpRequest r = AnvilServer.request();
            CallContext c = AnvilServer.context();
            Media body = r.body();
            Map<String, Object> kwargs = new TreeMap<>(args.kwargs());
            Object id = kwargs.remove("id");
            return map("id", id, "kwargs", kwargs, "method", r.method(), "path", r.path(),
                    "query", r.queryParams(), "form", r.formParams(), "body_json", r.bodyJson(),
                    "body_length", body == null ? null : (long) body.getBytes().length,
                    "caller", c.remoteCaller().type(), "trusted", c.remoteCaller().isTrusted(),
                    "client", c.client() == null ? null : c.client().type());
        });
        uplink.registerEndpoint(Endpoint.http("/interop/only-get").withMethods("GET"), args -> "only GET");
        uplink.registerEndpoint(Endpoint.http("/interop/response"),
                args -> new HttpResponse(201, "created", Map.of("X-Interop", "yes")));
        uplink.registerEndpoint(Endpoint.http("/interop/media"),
                args -> new BlobMedia("image/png", Describe.pattern(100000, 9), "p.png"));
        uplink.registerEndpoint(Endpoint.http("/interop/raise"), args -> {
            throw new dev.anvilcheck.python.ValueError("endpoint failed");
        });
        uplink.registerEndpoint(Endpoint.http("/interop/secret").withRequireCredentials(), args -> {
            HttpRequest r = AnvilServer.request();
            return map("username", r.username(), "password", r.password());
        });
        uplink.registerEndpoint(Endpoint.route("/interop-route/:name"),
                args -> map("name", args.kw("name"), "path", AnvilServer.request().path()));
        uplink.registerEndpoint(Endpoint.http("/interop/cors").withMethods("GET").withCors(), args -> "cors");
    }

    // ------------------------------------------------------------------ scenarios, server key

    private void on(String id, Play play) {
        plays.put(id, play);
    }

    private void serverKeyScenarios() {
        // CALL
        on("call-args-kwargs", () -> raw(() -> uplink.call("describe_call",
                1L, "two", kw("x", 3.5).and("y", Arrays.asList(true, null)))));
        on("call-return-nested", () -> typed(() -> call("echo",
                map("a", Arrays.asList(1L, 2.5, "s", null, true), "b", map("c", map(), "d", list())))));
        on("call-no-such-function", () -> typed(() -> call("interop_no_such_function", 1L)));
        on("call-not-callable", () -> typed(() -> call("helper")));
        on("call-task-is-not-callable", () -> typed(() -> call("probe_task", 1L)));
        on("call-uplink-shadows-server", () -> typed(() -> call("shadowed")));
        on("call-stack-overflow", () -> typed(() -> call("bounce", "up_bounce", 0L)));
        on("call-unserialisable-argument", () -> typed(() -> call("echo", new Object())));
        on("call-unserialisable-return", () -> typed(() -> call("return_unserialisable")));

        on("call-server-to-uplink-kwargs", () -> raw(() -> call("relay_kwargs", "up_describe_call")));
        on("call-registered-after-connect", () -> {
            uplink.register("up_late", args -> "late");
            return typed(() -> call("up_late"));
        });

        // CTX
        on("ctx-uplink-background-task", () -> {
            Task task = waitTask(uplink.launchBackgroundTask("up_task_context"));
            return map("status", task.getTerminationStatus(), "context", raw(task::getReturnValue));
        });
        on("ctx-server-sees-uplink", () -> raw(() -> call("context_info")));
        on("ctx-uplink-in-served-call", () -> raw(() -> call("relay", "up_context", null)));
        on("ctx-uplink-top-level", () -> raw(() -> atTopLevel(() -> Probes.contextOf(AnvilServer.context()))));
        on("ctx-nested-call-stack", () -> raw(() -> call("relay", "up_call_back", null)));

        // SESS
        on("sess-id-top-level", () -> {
            String mine = (String) atTopLevel(AnvilServer::getSessionId);
            Object server = call("session_id");
            return map("is_str", true, "length", (long) mine.length(), "same_as_server", mine.equals(server));
        });
        on("sess-id-in-served-call", () -> {
            Object inside = call("relay", "up_session_id", null);
            String top = (String) atTopLevel(AnvilServer::getSessionId);
            return map("is_str", inside instanceof String, "same_as_top_level", top.equals(inside));
        });
        on("sess-data-persists", () -> {
            call("session_put", "kept", map("n", 1L, "when", LocalDate.of(2024, 2, 29)));
            return raw(() -> call("session_get", "kept"));
        });
        on("sess-rollback-on-error", () -> {
            call("session_put", "rollback", "before");
            Map<String, Object> failed = typed(() -> call("session_put_then_fail", "rollback", "after"));
            return map("failed", failed, "after", raw(() -> call("session_get", "rollback")));
        });
        on("sess-media-refused", () -> typed(() -> call("session_store_media")));
        on("sess-cookies-read-top-level",
                () -> typed(() -> atTopLevel(() -> AnvilServer.cookies().local().get("interop", null))));
        on("sess-cookies-write-top-level", () -> typed(() -> atTopLevel(() -> {
            AnvilServer.cookies().local().put("interop", "x");
            return null;
        })));
        on("sess-cookies-in-server-call", () -> typed(() -> call("cookie_get")));
        on("sess-cookies-in-served-call", () -> raw(() -> call("relay_describe", "up_cookie_read", null)));
        on("sess-uplink-session-object", () -> raw(() -> call("relay_describe", "up_session_write", "v")));

        // CAP
        on("cap-issue-scope", () -> typed(() -> issued().scope()));
        on("cap-narrow-locally", () -> {
            Capability cap = issued();
            Capability narrowed = cap.narrow(list("sec"));
            return map("original", Describe.value(cap.scope(), false),
                    "narrowed", Describe.value(narrowed.scope(), false));
        });
        on("cap-equality", () -> {
            Capability a = issued();
            Capability b = issued();
            return map("same_scope", a.equals(b), "narrowed", a.narrow(list("x")).equals(a),
                    "narrow_empty", a.narrow(list()).equals(a), "list", a.equals(list("doc", 7L)));
        });
        on("cap-narrow-hand-back", () -> raw(() -> call("cap_scope", issued().narrow(list("sec", map("k", 1L))))));
        on("cap-unwrap-on-server", () -> typed(() -> call("unwrap_cap", issued().narrow(list("sec")),
                list("doc", Probes.ANY, Probes.ANY, Probes.ANY))));
        on("cap-too-narrow-on-server", () -> typed(() -> call("unwrap_cap", issued().narrow(list("sec")),
                list("doc", Probes.ANY))));
        on("cap-unwrap-on-uplink", () -> {
            Capability cap = issued();
            Object any = Capability.ANY;
            return map("matches", typed(() -> AnvilServer.unwrapCapability(cap, list("doc", any, any))),
                    "mismatch", typed(() -> AnvilServer.unwrapCapability(cap, list("other", any))));
        });
        on("cap-made-by-uplink", () -> raw(() -> call("cap_scope", new Capability(list("up", 1L)).narrow(list(2L)))));
        on("cap-relay-server-to-uplink",
                () -> raw(() -> call("relay_cap", "up_cap_scope", list("doc", 7L), list("sec"))));
        on("cap-updates-uplink-to-server",
                () -> raw(() -> call("relay_cap", "up_cap_send_update", list("upd"), list())));
        on("cap-updates-server-to-uplink", () -> {
            Capability cap = new Capability(list("mine", 1L));
            List<Object> got = new ArrayList<>();
            cap.setUpdateHandler(got::add);
            Map<String, Object> result = typed(() -> call("cap_send_updates", cap,
                    list(map("a", 1L), map("b", 2L), map("a", 3L))));
            return map("call", result, "updates", Describe.value(got, false));
        });
        on("cap-update-non-dict-then-dict",
                () -> raw(() -> call("relay_cap", "up_cap_bad_updates", list("bad"), list())));
        on("cap-invalid-scopes", () -> map("empty", typed(() -> new Capability(list())),
                "reserved", typed(() -> new Capability(list("_", 1L)))));

        // SER
        on("ser-int-small", () -> bothWays(list(0L, -1L, 2147483647L, -2147483647L)));
        on("ser-int-beyond-32-bits", () -> bothWays(list(2147483648L, -2147483648L, (1L << 53) + 1,
                Long.MAX_VALUE, Long.MIN_VALUE)));
        on("ser-int-beyond-64-bits", () -> bothWays(list(BigInteger.TWO.pow(64), BigInteger.TWO.pow(70).negate(),
                BigInteger.TEN.pow(30).add(BigInteger.valueOf(7)))));
        on("ser-float-special", () -> bothWays(list(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
        on("ser-float-values", () -> bothWays(list(1.5, 0.1, -0.0, 1e300, Double.MIN_VALUE, 123456789.125)));
        on("ser-float-integral", () -> bothWays(list(2.0, -1.0, 1e16)));
        on("ser-bool", () -> bothWays(list(true, false, list(true, 1L, 0L, false))));
        on("ser-aware-datetime", () -> bothWays(list(
                OffsetDateTime.of(2024, 2, 29, 13, 45, 6, 123456000, ZoneOffset.ofHoursMinutes(5, 30)),
                OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999999000, ZoneOffset.ofHours(-8)))));
        on("ser-utc-datetime", () -> bothWays(OffsetDateTime.of(2024, 7, 1, 0, 0, 0, 1000, ZoneOffset.UTC)));
        on("ser-naive-datetime", () -> bothWays(LocalDateTime.of(2024, 2, 29, 13, 45, 6, 500000)));
        on("ser-naive-datetime-from-server", () -> typed(() -> call("make_naive")));
        on("ser-values-in-incoming-call", () -> raw(() -> call("relay_values", "up_describe")));
        on("ser-date",
                () -> bothWays(list(LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31))));
        on("ser-unicode-strings", () -> bothWays(list("caf\u00e9", "\u65e5\u672c\u8a9e", "\uD83D\uDE00 astral",
                "nul\u0000byte", "tab\tline\nbreak", "quote\" backslash\\", "\u2028\u2029", "")));
        on("ser-unicode-keys", () -> bothWays(map("\u00fcml\u00e4ut", 1L, "\uD83D\uDD11", "key", "", "empty key")));
        on("ser-empty-containers", () -> bothWays(list(list(), map(), list(list()), map("e", map()))));
        on("ser-tuple-becomes-list", () -> bothWays(list(1L, "two")));
        on("ser-dict-non-string-key", () -> typed(() -> call("echo", Map.of(1L, "a"))));
        on("ser-bytes-refused",
                () -> typed(() -> call("echo", (Object) "bytes".getBytes(StandardCharsets.US_ASCII))));

        // ERR
        on("err-value-error", () -> typed(() -> call("raise_error", "ValueError", "bad value")));
        on("err-key-error", () -> typed(() -> call("raise_error", "KeyError", "missing")));
        on("err-permission-denied", () -> typed(() -> call("raise_error", "PermissionDenied", "not yours")));
        on("err-registered-types", () -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String k : List.of("InternalError", "TimeoutError", "QuotaExceededError", "NoServerFunctionError",
                    "SerializationError", "CookieError", "BackgroundTaskError", "BackgroundTaskNotFound",
                    "ExecutionTerminatedError", "UplinkDisconnectedError")) {
                out.put(k, typed(() -> call("raise_error", k, "raised " + k)));
            }
            return out;
        });
        on("err-background-task-killed", () -> typed(() -> call("raise_error", "BackgroundTaskKilled", "killed")));
        on("err-authentication-failed", () -> typed(() -> call("raise_error", "AuthenticationFailed", "log in")));
        on("err-custom-registered", () -> typed(() -> call("raise_error", "ProbeError", "custom")));
        on("err-plain-server-exception", () -> typed(() -> call("raise_error", "IllegalStateException", "plain")));
        on("err-uplink-raises-value-error",
                () -> raw(() -> call("relay_describe", "up_raise", list("ValueError", "from uplink"))));
        on("err-uplink-raises-key-error",
                () -> raw(() -> call("relay_describe", "up_raise", list("KeyError", "uplink key"))));
        on("err-uplink-raises-runtime-error", () -> raw(() -> call("relay_describe", "up_raise",
                list("RuntimeError", "uplink runtime"))));
        on("err-uplink-raises-permission-denied", () -> raw(() -> call("relay_describe", "up_raise",
                list("PermissionDenied", "uplink says no"))));
        on("err-uplink-raises-custom",
                () -> raw(() -> call("relay_describe", "up_raise", list("ProbeError", "uplink custom"))));

        // MEDIA
        on("media-upload-multichunk", () -> raw(() -> call("describe", blob(200000, 1))));
        on("media-download-multichunk",
                () -> typed(() -> call("make_media", 300000L, 2L, "down.bin", "application/x-down")));
        on("media-round-trip", () -> typed(() -> call("echo", blob(150000, 3, "echo.txt", "text/plain"))));
        on("media-empty", () -> map("up", raw(() -> call("describe", blob(0, 0, "empty", "application/x-interop"))),
                "down", typed(() -> call("make_media", 0L, 0L, "empty", "text/plain"))));
        on("media-chunk-boundaries", () -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int n : new int[] {65535, 65536, 65537, 131072}) {
                out.put(Integer.toString(n), raw(() -> call("describe", blob(n, 4))));
            }
            return out;
        });
        on("media-relay-server-to-uplink", () -> raw(() -> call("relay_media", "up_media_info", 200000L, 6L)));
        on("media-uplink-returns", () -> raw(() -> call("relay_describe", "up_make_media", 100000L)));

        // PORT
        on("port-server-to-uplink", () -> typed(() -> call("make_point", 3L, 4L)));
        on("port-uplink-to-server", () -> raw(() -> call("describe", new Point(5, 6))));
        on("port-round-trip", () -> typed(() -> call("echo", new Point(-1, 1L << 40))));
        on("port-unknown-class", () -> typed(() -> call("make_server_only")));

        // TASK
        on("task-server-task", () -> taskOutcome(waitTask(uplink.launchBackgroundTask("probe_task", 21L))));
        on("task-failing",
                () -> taskOutcome(waitTask(uplink.launchBackgroundTask("probe_failing_task", "task failed"))));
        on("task-unknown-name", () -> taskOutcome(waitTask(uplink.launchBackgroundTask("interop_no_such_task"))));
        on("task-not-found", () -> typed(() -> uplink.getBackgroundTask("interop-no-such-task-id")));
        on("task-uplink-provided", () -> taskOutcome(waitTask(uplink.launchBackgroundTask("up_task", 7L))));
        on("task-server-launches-uplink-task", () -> raw(() -> call("launch_and_wait", "up_task", 9L, 20000L)));
        on("task-state-outside-task", () -> typed(() -> atTopLevel(() -> {
            AnvilServer.taskState().put("x", 1L);
            return null;
        })));

        // HTTP
        on("http-get-path-query",
                () -> http.request("GET", "/interop/items/42?q=x&r=%C3%A9", null, Map.of(), false, false));
        on("http-post-json-body", () -> http.request("POST", "/interop/items/7", "{\"k\": [1, \"v\"]}",
                Map.of("Content-Type", "application/json"), false, false));
        on("http-post-form", () -> http.request("POST", "/interop/items/8", "a=1&b=two",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), false, false));
        on("http-method-not-allowed", () -> map(
                "post", http.request("POST", "/interop/only-get", "", Map.of(), false, false),
                "get", http.request("GET", "/interop/only-get", null, Map.of(), false, false)));
        on("http-response-object", () -> http.request("GET", "/interop/response", null, Map.of(), false, false));
        on("http-returns-media", () -> http.request("GET", "/interop/media", null, Map.of(), false, true));
        on("http-endpoint-raises", () -> http.request("GET", "/interop/raise", null, Map.of(), false, false));
        on("http-require-credentials", () -> {
            String token = Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.US_ASCII));
            return map("without", http.request("GET", "/interop/secret", null, Map.of(), false, false),
                    "with", http.request("GET", "/interop/secret", null, Map.of("Authorization", "Basic " + token),
                            false, false));
        });
        on("http-route", () -> http.request("GET", "/interop-route/hello", null, Map.of(), true, false));
        on("http-wellknown", () -> http.request("GET", "/.well-known/interop-wk", null, Map.of(), true, false));
        on("http-empty-path-param", () -> http.request("GET", "/interop/items/", null, Map.of(), false, false));
        on("http-cors-preflight",
                () -> http.request("OPTIONS", "/interop/cors", null, Map.of("Origin", "http://example.test",
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "X-Custom"), false, false));
    }

    // ------------------------------------------------------------------ scenarios, client key

    private void clientKeyScenarios() {
        on("ctx-client-key-caller", () -> raw(() -> call("context_info")));
        on("ctx-client-key-own-context", () -> raw(() -> atTopLevel(() -> Probes.contextOf(AnvilServer.context()))));
        on("sess-id-client-key", () -> typed(() -> atTopLevel(() -> AnvilServer.getSessionId())));
        on("sess-cookies-client-key",
                () -> typed(() -> atTopLevel(() -> AnvilServer.cookies().local().get("interop", null))));
        on("task-client-key-launch", () -> typed(() -> uplink.launchBackgroundTask("probe_task", 1L)));
    }
}
