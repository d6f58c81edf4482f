package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.Pending;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.clauses.Probes.Recorder;
import dev.anvilcheck.tck.clauses.Probes.Seen;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.3, CTX: {@code anvil.server.context}.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("CTX: anvil.server.context")
public class ContextVerification {
    /** the client uplink's frame type may be spelled either way. */
    private static final Set<String> CLIENT_UPLINK_FRAME_TYPES = Set.of("client_uplink", "client-uplink");

    /** Whether a caller of each kind is trusted (CTX-06, CTX-07, CTX-08, Q-02). */
    private static final Map<CallerKind, Boolean> TRUST = Map.of(CallerKind.BROWSER, false,
            CallerKind.SERVER_MODULE, true, CallerKind.UPLINK, true, CallerKind.CLIENT_UPLINK, false,
            CallerKind.HTTP, false, CallerKind.BACKGROUND_TASK, true, CallerKind.EMAIL, false,
            CallerKind.SCHEDULED_TASK, false);

    private static Seen seeFrom(String clause, Caller caller, Recorder probe) {
        Seen seen = Probes.see(clause, caller, probe, "probe");
        Expect.that(clause, caller, "probe", seen.context() != null, "a context", "anvil.server.context = null");
        return seen;
    }

    private static StackFrame remoteCaller(String clause, Caller caller, Seen seen) {
        StackFrame frame = seen.context().remoteCaller();
        Expect.that(clause, caller, "probe", frame != null, "a remote caller during a call",
                "context.remote_caller = null");
        return frame;
    }

    // ---------------------------------------------------------------- CTX-01, CTX-02

    @Test
    @DisplayName("[CTX-01] context.type is server_module in a server-module function, for every caller")
    void required_CTX_01_serverModuleFunctionSeesTypeServerModule(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Seen seen = seeFrom("CTX-01", caller, probe);
            Expect.equal(caller, "probe", "context.type", "server_module", seen.context().type());
        }
        rt.register("outer", a -> AnvilServer.call("probe"));
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.type of a nested call", "server_module",
                probe.last().context().type());
    }

    @Test
    @DisplayName("[CTX-01] context.type is uplink in a function a server uplink provides")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_CTX_01_uplinkFunctionSeesTypeUplink(RuntimeUnderTest rt) {
        UplinkCaller uplink = rt.uplink();
        AtomicReference<CallContext> seen = new AtomicReference<>();
        uplink.register("where", a -> {
            seen.set(AnvilServer.context());
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "where", () -> browser.call("where"));
        Expect.that(browser, "where", seen.get() != null, "the uplink function to run", "it did not run");
        Expect.equal(browser, "where", "context.type in the uplink", "uplink", seen.get().type());
    }

    @Test
    @DisplayName("[CTX-01] a caller's own code sees context.type browser (browser) and uplink (server uplink)")
    @RequiresFeature(Feature.CALLER_CONTEXT)
    void optional_CTX_01_callersOwnContextType(RuntimeUnderTest rt) {
        Caller browser = rt.browser();
        Expect.equal(browser, null, "context.type of browser code", "browser", browser.context().type());
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Expect.equal(uplink, null, "context.type of uplink code", "uplink", uplink.context().type());
    }

    @Test
    @DisplayName("[CTX-02] a client-key uplink's own code sees context.type client")
    @RequiresFeature(Feature.CALLER_CONTEXT)
    void optional_CTX_02_clientUplinkSeesTypeClient(RuntimeUnderTest rt) {
        Caller clientUplink = rt.caller(CallerKind.CLIENT_UPLINK);
        Expect.equal(clientUplink, null, "context.type of client-uplink code", "client",
                clientUplink.context().type());
    }

    // ---------------------------------------------------------------- CTX-03, CTX-04

    @Test
    @DisplayName("[CTX-03] context.client.type names how the session began, for every caller")
    void required_CTX_03_clientTypeNamesHowSessionBegan(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Seen seen = seeFrom("CTX-03", caller, probe);
            ClientInfo client = seen.context().client();
            Expect.that(caller, "probe", client != null, "context.client during a call",
                    "context.client = null");
            Expect.equal(caller, "probe", "context.client.type", kind.clientType(), client.type());
        }
    }

    @Test
    @DisplayName("[CTX-03] a nested call keeps the client type of the session")
    void required_CTX_03_nestedCallKeepsClientType(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        rt.register("outer", a -> AnvilServer.call("probe"));
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.UPLINK, CallerKind.BACKGROUND_TASK)) {
            Caller caller = rt.caller(kind);
            Expect.returns(caller, "outer", () -> caller.call("outer"));
            ClientInfo client = probe.last().context().client();
            Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.client.type", kind.clientType(),
                    client == null ? null : client.type());
        }
    }

    @Test
    @DisplayName("[CTX-04] an HTTP request without a browser session runs in a new session of type http")
    void required_CTX_04_httpRequestWithoutSessionGetsNewHttpSession(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        Caller http = rt.caller(CallerKind.HTTP);
        Seen first = seeFrom("CTX-04", http, probe);
        Seen second = seeFrom("CTX-04", http, probe);
        Expect.equal(http, "probe", "context.client.type", "http",
                first.context().client() == null ? null : first.context().client().type());
        Expect.that(http, "probe", !first.sessionId().equals(second.sessionId()),
                "each request without a session cookie in a new session",
                "two requests shared session " + first.sessionId());
    }

    @Test
    @DisplayName("[CTX-04] each HTTP request to an endpoint without a session cookie runs in a new session of type"
            + " http")
    @RequiresFeature(Feature.HTTP_ENDPOINTS)
    void optional_CTX_04_endpointRequestWithoutCookieGetsNewHttpSession(RuntimeUnderTest rt) {
        List<List<Object>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        rt.registerEndpoint(Endpoint.http("/ctx"), a -> {
            ClientInfo client = AnvilServer.context().client();
            seen.add(java.util.Arrays.asList(client == null ? null : client.type(), AnvilServer.getSessionId()));
            return "ok";
        });
        for (int i = 0; i < 2; i++) {
            RawHttpResponse response = Expect.returns(CallerKind.HTTP, "/ctx",
                    () -> rt.http().send(RawHttpRequest.get("/_/api/ctx")));
            Expect.equal(CallerKind.HTTP, "/ctx", "status", 200, response.status());
        }
        Expect.equal(CallerKind.HTTP, "/ctx", "requests served", 2, seen.size());
        Expect.equal(CallerKind.HTTP, "/ctx", "context.client.type", List.of("http", "http"),
                List.of(String.valueOf(seen.get(0).get(0)), String.valueOf(seen.get(1).get(0))));
        Expect.that(CallerKind.HTTP, "/ctx", !seen.get(0).get(1).equals(seen.get(1).get(1)),
                "each request without a session cookie in a new session",
                "two requests shared session " + seen.get(0).get(1));
    }

    @Test
    @DisplayName("[CTX-04] an HTTP request carrying the browser's session cookie runs in the browser's session")
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    void optional_CTX_04_httpRequestWithBrowserCookieRunsInBrowserSession(RuntimeUnderTest rt) {
        AtomicReference<CallContext> context = new AtomicReference<>();
        AtomicReference<String> sessionId = new AtomicReference<>();
        rt.registerEndpoint(Endpoint.http("/ctx"), a -> {
            context.set(AnvilServer.context());
            sessionId.set(AnvilServer.session().sessionId());
            return "ok";
        });
        BrowserCaller browser = rt.browser();
        RawHttpResponse response = Expect.returns(CallerKind.HTTP, "/ctx",
                () -> rt.http().send(RawHttpRequest.get("/_/api/ctx").withHeader("Cookie", browser.sessionCookie())));
        Expect.equal(CallerKind.HTTP, "/ctx", "status", 200, response.status());
        Expect.equal(CallerKind.HTTP, "/ctx", "session id", browser.sessionId(), sessionId.get());
        ClientInfo client = context.get().client();
        Expect.equal(CallerKind.HTTP, "/ctx", "context.client.type", "browser",
                client == null ? null : client.type());
    }

    @Test
    @DisplayName("[CTX-04] an HTTP request carrying the cookie of an expired browser session runs in a new session of"
            + " type http")
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE, Feature.TIME_CONTROL})
    void optional_CTX_04_expiredSessionCookieGetsNewHttpSession(RuntimeUnderTest rt) {
        AtomicReference<CallContext> context = new AtomicReference<>();
        AtomicReference<String> sessionId = new AtomicReference<>();
        rt.registerEndpoint(Endpoint.http("/ctx"), a -> {
            context.set(AnvilServer.context());
            sessionId.set(AnvilServer.getSessionId());
            return "ok";
        });
        rt.register("touch", a -> null);
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "touch", () -> browser.call("touch"));
        String expired = browser.sessionId();
        String cookie = browser.sessionCookie();
        rt.time().advance(java.time.Duration.ofMinutes(31));
        RawHttpResponse response = Expect.returns(CallerKind.HTTP, "/ctx",
                () -> rt.http().send(RawHttpRequest.get("/_/api/ctx").withHeader("Cookie", cookie)));
        Expect.equal(CallerKind.HTTP, "/ctx", "status", 200, response.status());
        Expect.that(CallerKind.HTTP, "/ctx", sessionId.get() != null && !sessionId.get().equals(expired),
                "a new session, not the browser's expired session " + expired,
                "session id " + Describe.value(sessionId.get()));
        ClientInfo client = context.get() == null ? null : context.get().client();
        Expect.equal(CallerKind.HTTP, "/ctx", "context.client.type", "http", client == null ? null : client.type());
    }

    @Test
    @DisplayName("[CTX-04] the session cookie is found among other cookies, and only under its own name")
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    void optional_CTX_04_sessionCookieFoundByItsName(RuntimeUnderTest rt) {
        AtomicReference<String> sessionId = new AtomicReference<>();
        rt.registerEndpoint(Endpoint.http("/ctx"), a -> {
            sessionId.set(AnvilServer.session().sessionId());
            return "ok";
        });
        BrowserCaller browser = rt.browser();
        String cookie = browser.sessionCookie();
        String name = cookie.substring(0, cookie.indexOf('='));
        Map<String, Boolean> inBrowserSession = new java.util.LinkedHashMap<>();
        inBrowserSession.put("a=1; " + cookie + "; b=2", true);
        inBrowserSession.put("x" + cookie, false);
        inBrowserSession.put(name + "x" + cookie.substring(name.length()), false);
        inBrowserSession.put(name + "=", false);
        for (Map.Entry<String, Boolean> e : inBrowserSession.entrySet()) {
            RawHttpResponse response = Expect.returns(CallerKind.HTTP, "/ctx",
                    () -> rt.http().send(RawHttpRequest.get("/_/api/ctx").withHeader("Cookie", e.getKey())));
            Expect.equal(CallerKind.HTTP, "/ctx", "status", 200, response.status());
            Expect.equal(CallerKind.HTTP, "/ctx", "whether Cookie: " + e.getKey() + " runs in the browser's session",
                    e.getValue(), browser.sessionId().equals(sessionId.get()));
        }
    }

    // ---------------------------------------------------------------- CTX-05 .. CTX-08

    @Test
    @DisplayName("[CTX-05] context.remote_caller.type names the immediate caller, for every caller")
    void required_CTX_05_remoteCallerTypeNamesImmediateCaller(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            StackFrame frame = remoteCaller("CTX-05", caller, seeFrom("CTX-05", caller, probe));
            if (kind == CallerKind.CLIENT_UPLINK) {
                Expect.that(caller, "probe", CLIENT_UPLINK_FRAME_TYPES.contains(frame.type()),
                        "context.remote_caller.type = \"client_uplink\" or \"client-uplink\" (Q-01)",
                        "context.remote_caller.type = " + Describe.value(frame.type()));
                env.note("Q-01", "client uplink remote_caller.type = '" + frame.type() + "'");
            } else {
                Expect.equal(caller, "probe", "context.remote_caller.type", kind.frameType(),
                        frame.type());
            }
        }
    }

    @Test
    @DisplayName("[CTX-05] a call from server code has remote_caller.type server_module")
    void required_CTX_05_nestedCallHasServerModuleFrame(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        rt.register("outer", a -> AnvilServer.call("probe"));
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.HTTP, CallerKind.SCHEDULED_TASK)) {
            Caller caller = rt.caller(kind);
            Expect.returns(caller, "outer", () -> caller.call("outer"));
            StackFrame frame = probe.last().context().remoteCaller();
            Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.remote_caller.type", "server_module",
                    frame == null ? null : frame.type());
        }
    }

    @Test
    @DisplayName("[CTX-06] remote_caller.is_trusted is true exactly for server_module, uplink and background_task")
    void required_CTX_06_trustFollowsFrameType(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            StackFrame frame = remoteCaller("CTX-06", caller, seeFrom("CTX-06", caller, probe));
            Expect.equal(caller, "probe", "context.remote_caller.is_trusted for type '" + frame.type() + "'",
                    Probes.TRUSTED.contains(frame.type()), frame.isTrusted());
            Expect.equal(caller, "probe", "context.remote_caller.is_trusted", TRUST.get(kind),
                    frame.isTrusted());
        }
    }

    @Test
    @DisplayName("[CTX-07] a browser caller is untrusted browser; server code is trusted server_module")
    void required_CTX_07_browserUntrustedServerModuleTrusted(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        Caller browser = rt.browser();
        StackFrame fromBrowser = remoteCaller("CTX-07", browser, seeFrom("CTX-07", browser, probe));
        Expect.equal(browser, "probe", "context.remote_caller", List.of("browser", false),
                List.of(fromBrowser.type(), fromBrowser.isTrusted()));
        Caller server = rt.caller(CallerKind.SERVER_MODULE);
        StackFrame fromServer = remoteCaller("CTX-07", server, seeFrom("CTX-07", server, probe));
        Expect.equal(server, "probe", "context.remote_caller", List.of("server_module", true),
                List.of(fromServer.type(), fromServer.isTrusted()));
        rt.register("outer", a -> AnvilServer.call("probe"));
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        StackFrame nested = probe.last().context().remoteCaller();
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.remote_caller",
                List.of("server_module", true),
                nested == null ? null : List.of(nested.type(), nested.isTrusted()));
    }

    @Test
    @DisplayName("[CTX-08] in a background task the launcher's frame is seen: server_module trusted,"
            + " scheduled_task untrusted (Q-02)")
    void required_CTX_08_backgroundTaskSeesLauncherFrame(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        Caller task = rt.caller(CallerKind.BACKGROUND_TASK);
        StackFrame launched = remoteCaller("CTX-08", task, seeFrom("CTX-08", task, probe));
        Expect.equal(task, "probe", "context.remote_caller", List.of("server_module", true),
                List.of(launched.type(), launched.isTrusted()));
        Caller scheduled = rt.caller(CallerKind.SCHEDULED_TASK);
        StackFrame cron = remoteCaller("CTX-08", scheduled, seeFrom("CTX-08", scheduled, probe));
        Expect.equal(scheduled, "probe", "context.remote_caller", List.of("scheduled_task", false),
                List.of(cron.type(), cron.isTrusted()));
    }

    @Test
    @DisplayName("[CTX-08] a launched task's remote_caller is its launcher's frame: server code or a server uplink,"
            + " trusted")
    @RequiresFeature(Feature.BACKGROUND_TASKS)
    void optional_CTX_08_launchedTaskSeesItsLaunchersFrame(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        List<CallContext> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        rt.registerBackgroundTask("job", a -> {
            seen.add(AnvilServer.context());
            return null;
        });
        AtomicReference<Task> launched = new AtomicReference<>();
        rt.register("start", a -> {
            launched.set(AnvilServer.launchBackgroundTask("job"));
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "start", () -> browser.call("start"));
        env.awaitTask(launched.get(), CallerKind.SERVER_MODULE, "job");
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Task fromUplink = Expect.returns(uplink, "job", () -> uplink.launchBackgroundTask("job"));
        env.awaitTask(fromUplink, CallerKind.UPLINK, "job");
        Expect.equal(CallerKind.SERVER_MODULE, "job", "tasks that ran", 2, seen.size());
        StackFrame fromServer = seen.get(0).remoteCaller();
        Expect.equal(CallerKind.SERVER_MODULE, "job", "context.remote_caller of a task launched by server"
                + " code", List.of("server_module", true),
                fromServer == null ? null : List.of(fromServer.type(), fromServer.isTrusted()));
        List<String> stack = new java.util.ArrayList<>();
        seen.get(0).callStack().forEach(f -> stack.add(f.type()));
        Expect.equal(CallerKind.SERVER_MODULE, "job", "context.call_stack types (the launcher's, CTX-13)",
                List.of("server_module", "browser"), stack);
        StackFrame byUplink = seen.get(1).remoteCaller();
        Expect.equal(CallerKind.UPLINK, "job", "context.remote_caller of a task launched by an uplink",
                List.of("uplink", true), byUplink == null ? null : List.of(byUplink.type(), byUplink.isTrusted()));
    }

    // ---------------------------------------------------------------- CTX-09, CTX-10

    @Test
    @DisplayName("[CTX-09] background_task_id is the task's id in a task's session, also in nested calls")
    void required_CTX_09_backgroundTaskIdInTaskSessions(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        AtomicReference<String> outerId = new AtomicReference<>();
        rt.register("outer", a -> {
            outerId.set(AnvilServer.context().backgroundTaskId());
            return AnvilServer.call("probe");
        });
        Set<String> ids = new HashSet<>();
        for (CallerKind kind : List.of(CallerKind.BACKGROUND_TASK, CallerKind.SCHEDULED_TASK,
                CallerKind.BACKGROUND_TASK)) {
            Caller task = rt.caller(kind);
            String id = seeFrom("CTX-09", task, probe).context().backgroundTaskId();
            Expect.that(task, "probe", id != null, "context.background_task_id set in a task",
                    "context.background_task_id = null");
            String again = seeFrom("CTX-09", task, probe).context().backgroundTaskId();
            Expect.equal(task, "probe", "context.background_task_id on a later call of the same task", id,
                    again);
            Expect.returns(task, "outer", () -> task.call("outer"));
            Expect.equal(task, "outer", "context.background_task_id", id, outerId.get());
            Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.background_task_id in a nested call",
                    id, probe.last().context().backgroundTaskId());
            Expect.that(task, "probe", ids.add(id), "a different id for each task",
                    "id '" + id + "' seen in two tasks");
        }
    }

    @Test
    @DisplayName("[CTX-09] a launched task's background_task_id is its Task's get_id(), also in functions it calls")
    @RequiresFeature(Feature.BACKGROUND_TASKS)
    void optional_CTX_09_launchedTaskSeesItsId(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Recorder probe = Probes.recorder(rt, "probe", null);
        AtomicReference<String> inTask = new AtomicReference<>();
        rt.registerBackgroundTask("job", a -> {
            inTask.set(AnvilServer.context().backgroundTaskId());
            AnvilServer.call("probe");
            return null;
        });
        Caller launcher = rt.caller(CallerKind.SERVER_MODULE);
        Task task = Expect.returns(launcher, "job", () -> launcher.launchBackgroundTask("job"));
        env.awaitTask(task, CallerKind.SERVER_MODULE, "job");
        Expect.equal(CallerKind.SERVER_MODULE, "job", "context.background_task_id in the task",
                task.getId(), inTask.get());
        Seen nested = probe.last();
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.background_task_id in a function the task"
                + " called", task.getId(), nested == null ? "<not called>" : nested.context().backgroundTaskId());
    }

    @Test
    @DisplayName("[CTX-09] background_task_id is None outside background tasks")
    void required_CTX_09_backgroundTaskIdIsNoneElsewhere(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : Probes.ALL_KINDS) {
            if (kind == CallerKind.BACKGROUND_TASK || kind == CallerKind.SCHEDULED_TASK) {
                continue;
            }
            Caller caller = rt.caller(kind);
            Expect.equal(caller, "probe", "context.background_task_id", null,
                    seeFrom("CTX-09", caller, probe).context().backgroundTaskId());
        }
    }

    @Test
    @DisplayName("[CTX-10] after calls return, the calling thread has no call in progress")
    void required_CTX_10_noCallInProgressAfterCalls(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        rt.register("outer", a -> AnvilServer.call("probe"));
        rt.register("failing", a -> {
            throw new IllegalStateException("failing on purpose");
        });
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.returns(caller, "outer", () -> caller.call("outer"));
            try {
                caller.call("failing");
            } catch (RuntimeException expected) {
                // only the state afterwards matters here
            }
            checkIdle(caller.kind(), "outer", "on the calling thread after the call", AnvilServer.context());
            Expect.that(caller, "outer", CallScope.current() == null,
                    "no call bound to the calling thread after the call", "CallScope.current() = "
                            + CallScope.current());
        }
    }

    @Test
    @DisplayName("[CTX-10] a caller's own code, outside any call, sees no client, caller, task or stack")
    @RequiresFeature(Feature.CALLER_CONTEXT)
    void optional_CTX_10_callersOwnContextIsIdle(RuntimeUnderTest rt) {
        rt.register("probe", a -> null);
        for (CallerKind kind : List.of(CallerKind.UPLINK, CallerKind.CLIENT_UPLINK, CallerKind.SERVER_MODULE,
                CallerKind.BACKGROUND_TASK)) {
            Caller caller = rt.caller(kind);
            caller.call("probe");
            checkIdle(kind, null, "of the caller's own code", caller.context());
        }
    }

    private static void checkIdle(CallerKind kind, String function, String where, CallContext context) {
        Expect.that("CTX-10", kind, function, context != null, "a context " + where, "null");
        Expect.equal("CTX-10", kind, function, "context.client " + where, null, context.client());
        Expect.equal("CTX-10", kind, function, "context.remote_caller " + where, null, context.remoteCaller());
        Expect.equal("CTX-10", kind, function, "context.background_task_id " + where, null,
                context.backgroundTaskId());
        Expect.equal("CTX-10", kind, function, "context.call_stack " + where, List.of(), context.callStack());
    }

    // ---------------------------------------------------------------- CTX-11, CTX-12

    @Test
    @DisplayName("[CTX-11] the browser's own context: type browser, no remote caller, client browser or None"
            + " (Q-04)")
    @RequiresFeature(Feature.CALLER_CONTEXT)
    void optional_CTX_11_browserContext(TestEnvironment env) {
        Caller browser = env.runtime().browser();
        CallContext context = browser.context();
        Expect.equal(browser, null, "context.type", "browser", context.type());
        Expect.equal(browser, null, "context.remote_caller", null, context.remoteCaller());
        ClientInfo client = context.client();
        if (client == null) {
            env.note("Q-04", "browser context.client is None");
        } else {
            Expect.equal(browser, null, "context.client (type, ip, location)",
                    java.util.Arrays.asList("browser", null, null),
                    java.util.Arrays.asList(client.type(), client.ip(), client.location()));
            env.note("Q-04", "browser context.client is an object of type 'browser'");
        }
    }

    @Test
    @DisplayName("[CTX-12] context.client.ip and location describe the session's originator")
    void required_CTX_12_clientIpAndLocation(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        Location location = new Location("Cambridge", "England", "United Kingdom", "GB", 52.2, 0.12);
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.HTTP, CallerKind.UPLINK,
                CallerKind.CLIENT_UPLINK)) {
            Caller caller = rt.caller(kind).ip("203.0.113.7").location(location);
            ClientInfo client = seeFrom("CTX-12", caller, probe).context().client();
            Expect.that(caller, "probe", client != null, "context.client", "null");
            Expect.equal(caller, "probe", "context.client.ip", "203.0.113.7", client.ip());
            Expect.equal(caller, "probe", "context.client.location", location, client.location());
            Caller unknown = rt.caller(kind);
            unknown.ip("198.51.100.1").location(null);
            ClientInfo nowhere = seeFrom("CTX-12", unknown, probe).context().client();
            Expect.equal(unknown, "probe", "context.client.location when unknown", null,
                    nowhere == null ? "no client" : nowhere.location());
            Caller addressed = rt.caller(kind);
            addressed.ip("192.0.2.44");
            ClientInfo addressOnly = seeFrom("CTX-12", addressed, probe).context().client();
            Expect.equal(addressed, "probe", "context.client.ip when only the ip is given", "192.0.2.44",
                    addressOnly == null ? "no client" : addressOnly.ip());
        }
    }

    // ---------------------------------------------------------------- CTX-13, CTX-14

    @Test
    @DisplayName("[CTX-13] call_stack lists the frames most recent first; remote_caller is its first (Q-15)")
    void optional_CTX_13_callStackMostRecentFirst(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        AtomicReference<CallContext> outer = new AtomicReference<>();
        rt.register("outer", a -> {
            outer.set(AnvilServer.context());
            return AnvilServer.call("probe");
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "outer", () -> browser.call("outer"));
        CallContext top = outer.get();
        CallContext inner = probe.last().context();
        Expect.optional(!top.callStack().isEmpty() && !inner.callStack().isEmpty(),
                "context.call_stack is empty during calls (call_stack is optional, Q-15)");
        Expect.equal(browser, "outer", "context.call_stack frame types", List.of("browser"),
                top.callStack().stream().map(StackFrame::type).toList());
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.call_stack frame types",
                List.of("server_module", "browser"), inner.callStack().stream().map(StackFrame::type).toList());
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.call_stack trust",
                List.of(true, false), inner.callStack().stream().map(StackFrame::isTrusted).toList());
        Expect.equal(browser, "outer", "context.remote_caller", top.callStack().get(0),
                top.remoteCaller());
        Expect.equal(CallerKind.SERVER_MODULE, "probe", "context.remote_caller",
                inner.callStack().get(0), inner.remoteCaller());
    }

    @Test
    @DisplayName("[CTX-14] concurrent calls each see their own context")
    @RequiresFeature(Feature.CONCURRENT_CALLS)
    void optional_CTX_14_concurrentCallsSeeOwnContext(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch browserIn = env.latch(1);
        CountDownLatch taskIn = env.latch(1);
        AtomicReference<CallContext> browserSaw = new AtomicReference<>();
        AtomicReference<CallContext> taskSaw = new AtomicReference<>();
        rt.register("in_browser", a -> {
            browserIn.countDown();
            env.await(taskIn, "the task's call to start while the browser's call runs");
            browserSaw.set(AnvilServer.context());
            return null;
        });
        rt.register("in_task", a -> {
            taskIn.countDown();
            env.await(browserIn, "the browser's call to start while the task's call runs");
            taskSaw.set(AnvilServer.context());
            return null;
        });
        Caller browser = rt.browser();
        Caller task = rt.caller(CallerKind.BACKGROUND_TASK);
        Pending<Object> fromBrowser = env.startCall(browser, "in_browser");
        Pending<Object> fromTask = env.startCall(task, "in_task");
        Expect.returns(browser, "in_browser", fromBrowser::await);
        Expect.returns(task, "in_task", fromTask::await);
        Expect.equal(browser, "in_browser", "context (remote caller type, client type, task id)",
                java.util.Arrays.asList("browser", "browser", null), describe(browserSaw.get()));
        CallContext t = taskSaw.get();
        Expect.equal(task, "in_task", "context (remote caller type, client type)",
                List.of("server_module", "background_task"), describe(t).subList(0, 2));
        Expect.that(task, "in_task", t.backgroundTaskId() != null, "context.background_task_id set",
                "null");
    }

    // ---------------------------------------------------------------- uplink callers (CTX-03, 05, 06, 08, 13, 14)

    /** The caller kinds that are uplinks: every host, in memory or over the wire, has them as they are. */
    private static final List<CallerKind> UPLINK_KINDS = List.of(CallerKind.UPLINK, CallerKind.CLIENT_UPLINK);

    @Test
    @DisplayName("[CTX-03] an uplink's session has client type uplink (server key) or client_uplink (client key),"
            + " also in the calls it leads to")
    void required_CTX_03_uplinkSessionsClientType(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        rt.register("outer", a -> AnvilServer.call("probe"));
        for (CallerKind kind : UPLINK_KINDS) {
            Caller caller = rt.caller(kind);
            ClientInfo direct = seeFrom("CTX-03", caller, probe).context().client();
            Expect.equal(caller, "probe", "context.client.type", kind.clientType(),
                    direct == null ? null : direct.type());
            Expect.returns(caller, "outer", () -> caller.call("outer"));
            ClientInfo nested = probe.last().context().client();
            Expect.equal(caller, "probe", "context.client.type of the call 'outer' made", kind.clientType(),
                    nested == null ? null : nested.type());
        }
    }

    @Test
    @DisplayName("[CTX-03] the session of a connected uplink has client type uplink (server key) or client_uplink"
            + " (client key)")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_CTX_03_connectedUplinkSessionsClientType(RuntimeUnderTest rt) {
        rt.register("ctx03_client_type", a -> {
            ClientInfo client = AnvilServer.context().client();
            return client == null ? null : client.type();
        });
        try (Uplink server = RealUplinks.connectServer("CTX-03", RealUplinks.server(rt));
                Uplink client = RealUplinks.connectClient("CTX-03", RealUplinks.client(rt))) {
            Expect.equal(CallerKind.UPLINK, "ctx03_client_type", "context.client.type", CallerKind.UPLINK.clientType(),
                    Expect.returns(CallerKind.UPLINK, "ctx03_client_type", () -> server.call("ctx03_client_type")));
            Expect.equal(CallerKind.CLIENT_UPLINK, "ctx03_client_type", "context.client.type",
                    CallerKind.CLIENT_UPLINK.clientType(), Expect.returns(CallerKind.CLIENT_UPLINK, "ctx03_client_type",
                            () -> client.call("ctx03_client_type")));
        }
    }

    @Test
    @DisplayName("[CTX-05] an uplink caller's frame is uplink (server key) or client_uplink (client key, Q-01)")
    void required_CTX_05_uplinkCallersFrames(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Recorder probe = Probes.recorder(rt, "probe", null);
        Caller server = rt.caller(CallerKind.UPLINK);
        StackFrame fromServer = remoteCaller("CTX-05", server, seeFrom("CTX-05", server, probe));
        Expect.equal(server, "probe", "context.remote_caller.type", "uplink", fromServer.type());
        Caller client = rt.caller(CallerKind.CLIENT_UPLINK);
        StackFrame fromClient = remoteCaller("CTX-05", client, seeFrom("CTX-05", client, probe));
        Expect.that(client, "probe", CLIENT_UPLINK_FRAME_TYPES.contains(fromClient.type()),
                "context.remote_caller.type = \"client_uplink\" or \"client-uplink\" (Q-01)",
                "context.remote_caller.type = " + Describe.value(fromClient.type()));
        env.note("Q-01", "client uplink remote_caller.type = '" + fromClient.type() + "'");
    }

    @Test
    @DisplayName("[CTX-06] a server uplink's frame is trusted, a client uplink's is not")
    void required_CTX_06_uplinkCallersTrust(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        for (CallerKind kind : UPLINK_KINDS) {
            Caller caller = rt.caller(kind);
            StackFrame frame = remoteCaller("CTX-06", caller, seeFrom("CTX-06", caller, probe));
            Expect.equal(caller, "probe", "context.remote_caller.is_trusted for type '" + frame.type() + "'",
                    Probes.TRUSTED.contains(frame.type()), frame.isTrusted());
            Expect.equal(caller, "probe", "context.remote_caller.is_trusted", TRUST.get(kind), frame.isTrusted());
        }
    }

    @Test
    @DisplayName("[CTX-08] a task a server uplink launches sees the uplink's frame, trusted")
    @RequiresFeature(Feature.BACKGROUND_TASKS)
    void optional_CTX_08_taskLaunchedByAnUplinkSeesItsFrame(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        AtomicReference<CallContext> seen = new AtomicReference<>();
        rt.registerBackgroundTask("job", a -> {
            seen.set(AnvilServer.context());
            return null;
        });
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Task task = Expect.returns(uplink, "job", () -> uplink.launchBackgroundTask("job"));
        env.awaitTask(task, CallerKind.UPLINK, "job");
        Expect.that(CallerKind.UPLINK, "job", seen.get() != null, "the task to run", "it did not run");
        StackFrame frame = seen.get().remoteCaller();
        Expect.equal(CallerKind.UPLINK, "job", "context.remote_caller of a task launched by an uplink",
                List.of("uplink", true), frame == null ? null : List.of(frame.type(), frame.isTrusted()));
    }

    @Test
    @DisplayName("[CTX-13] call_stack of a call made for a client uplink: the newer frame first, the uplink's"
            + " after it; remote_caller is the first (Q-15)")
    void optional_CTX_13_nestedCallStackFromAnUplink(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        AtomicReference<CallContext> outer = new AtomicReference<>();
        rt.register("outer", a -> {
            outer.set(AnvilServer.context());
            return AnvilServer.call("probe");
        });
        Caller client = rt.caller(CallerKind.CLIENT_UPLINK);
        Expect.returns(client, "outer", () -> client.call("outer"));
        CallContext top = outer.get();
        CallContext inner = probe.last().context();
        Expect.optional(!top.callStack().isEmpty() && !inner.callStack().isEmpty(),
                "context.call_stack is empty during calls (call_stack is optional, Q-15)");
        Expect.equal(client, "outer", "context.call_stack length", 1, top.callStack().size());
        Expect.equal(client, "outer", "context.remote_caller", top.callStack().get(0), top.remoteCaller());
        List<StackFrame> stack = inner.callStack();
        Expect.equal(client, "probe", "context.call_stack length of the nested call", 2, stack.size());
        Expect.equal(client, "probe", "context.call_stack[1] (the client uplink's frame, the older)",
                List.of(top.callStack().get(0).type(), false), List.of(stack.get(1).type(), stack.get(1).isTrusted()));
        Expect.equal(client, "probe", "context.call_stack[0].is_trusted (the calling function's frame)", true,
                stack.get(0).isTrusted());
        Expect.equal(client, "probe", "context.remote_caller", stack.get(0), inner.remoteCaller());
    }

    @Test
    @DisplayName("[CTX-14] concurrent calls of a server uplink and a client uplink each see their own context")
    @RequiresFeature(Feature.CONCURRENT_CALLS)
    void optional_CTX_14_concurrentUplinkCallsSeeOwnContext(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch serverIn = env.latch(1);
        CountDownLatch clientIn = env.latch(1);
        AtomicReference<CallContext> serverSaw = new AtomicReference<>();
        AtomicReference<CallContext> clientSaw = new AtomicReference<>();
        rt.register("in_server", a -> {
            serverIn.countDown();
            env.await(clientIn, "the client uplink's call to start while the server uplink's call runs");
            serverSaw.set(AnvilServer.context());
            return null;
        });
        rt.register("in_client", a -> {
            clientIn.countDown();
            env.await(serverIn, "the server uplink's call to start while the client uplink's call runs");
            clientSaw.set(AnvilServer.context());
            return null;
        });
        Caller server = rt.caller(CallerKind.UPLINK);
        Caller client = rt.caller(CallerKind.CLIENT_UPLINK);
        Pending<Object> fromServer = env.startCall(server, "in_server");
        Pending<Object> fromClient = env.startCall(client, "in_client");
        Expect.returns(server, "in_server", fromServer::await);
        Expect.returns(client, "in_client", fromClient::await);
        Expect.equal(server, "in_server", "context (remote caller type, client type, task id)",
                java.util.Arrays.asList("uplink", "uplink", null), describe(serverSaw.get()));
        List<Object> c = describe(clientSaw.get());
        Expect.that(client, "in_client", CLIENT_UPLINK_FRAME_TYPES.contains(c.get(0)),
                "context.remote_caller.type \"client_uplink\" or \"client-uplink\" (Q-01)", Describe.value(c.get(0)));
        Expect.equal(client, "in_client", "context (client type, task id)",
                java.util.Arrays.asList(CallerKind.CLIENT_UPLINK.clientType(), null), c.subList(1, 3));
    }

    private static List<Object> describe(CallContext context) {
        if (context == null) {
            return java.util.Arrays.asList(null, null, null);
        }
        return java.util.Arrays.asList(context.remoteCaller() == null ? null : context.remoteCaller().type(),
                context.client() == null ? null : context.client().type(), context.backgroundTaskId());
    }

    // ---------------------------------------------------------------- the context of a function on a connected uplink

    @Test
    @DisplayName("[CTX-05] a function a connected uplink provides sees its immediate caller's frame and the"
            + " session's client type")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_CTX_05_connectedUplinkFunctionSeesItsCallersFrame(RuntimeUnderTest rt) {
        AtomicReference<CallContext> seen = new AtomicReference<>();
        try (Uplink uplink = RealUplinks.connectServer("CTX-05", RealUplinks.server(rt).register("ctx05_on_uplink",
                a -> {
                    seen.set(AnvilServer.context());
                    return null;
                }))) {
            for (CallerKind kind : UPLINK_KINDS) {
                Caller caller = rt.caller(kind);
                seen.set(null);
                Expect.returns(caller, "ctx05_on_uplink", () -> caller.call("ctx05_on_uplink"));
                CallContext context = seen.get();
                StackFrame frame = context == null ? null : context.remoteCaller();
                ClientInfo client = context == null ? null : context.client();
                Expect.that(caller, "ctx05_on_uplink", frame != null && client != null,
                        "context.remote_caller and context.client", "context " + Describe.value(context));
                if (kind == CallerKind.CLIENT_UPLINK) {
                    Expect.that(caller, "ctx05_on_uplink", CLIENT_UPLINK_FRAME_TYPES.contains(frame.type()),
                            "context.remote_caller.type = \"client_uplink\" or \"client-uplink\" (Q-01)",
                            "context.remote_caller.type = " + Describe.value(frame.type()));
                } else {
                    Expect.equal(caller, "ctx05_on_uplink", "context.remote_caller.type", "uplink", frame.type());
                }
                Expect.equal(caller, "ctx05_on_uplink", "context.remote_caller.is_trusted", TRUST.get(kind),
                        frame.isTrusted());
                Expect.equal(caller, "ctx05_on_uplink", "context.client.type", kind.clientType(), client.type());
            }
        }
    }
}
