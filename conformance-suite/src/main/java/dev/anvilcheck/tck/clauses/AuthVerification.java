package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.clauses.Probes.Recorder;
import dev.anvilcheck.tck.clauses.Probes.Seen;
import dev.anvilcheck.users.AuthenticationFailed;
import dev.anvilcheck.users.Users;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.2, AUTH: {@code require_user}.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("AUTH: require_user")
public class AuthVerification {
    /** Caller kinds whose sessions keep a logged-in user across calls. */
    private static final List<CallerKind> SESSION_KINDS = List.of(CallerKind.BROWSER, CallerKind.SERVER_MODULE,
            CallerKind.UPLINK, CallerKind.CLIENT_UPLINK);

    /** A registered application error a predicate raises (ERR-05). */
    public static final class NotInTeamError extends AnvilWrappedError {
        private static final long serialVersionUID = 1L;

        /** The wire type name. */
        public static final String WIRE_TYPE = "anvilcheck.tck.NotInTeamError";

        static {
            AnvilServer.registerExceptionType(WIRE_TYPE, NotInTeamError.class);
        }

        /**
         * Creates the error.
         *
         * @param message the message
         */
        public NotInTeamError(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- AUTH-01

    @Test
    @DisplayName("[AUTH-01] require_user=True with nobody logged in raises AuthenticationFailed; the body does"
            + " not run")
    void required_AUTH_01_noUserRaisesAuthenticationFailed(RuntimeUnderTest rt) {
        Recorder secret = new Recorder(null);
        rt.register("secret", RequireUser.loggedIn(), secret);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "secret", AuthenticationFailed.class, () -> caller.call("secret"));
            Expect.equal(caller, "secret", "times the body ran", 0, secret.count());
        }
    }

    @Test
    @DisplayName("[AUTH-01] require_user=True with a user logged in runs the body, which sees the user")
    void required_AUTH_01_loggedInUserRunsBody(RuntimeUnderTest rt) {
        Recorder secret = new Recorder("secret");
        rt.register("secret", RequireUser.loggedIn(), secret);
        for (CallerKind kind : SESSION_KINDS) {
            Caller caller = rt.caller(kind);
            caller.user(Probes.USER);
            Seen seen = Probes.see("AUTH-01", caller, secret, "secret");
            Expect.equal(caller, "secret", "anvil.users.get_user()", Probes.USER, seen.user());
        }
    }

    // ---------------------------------------------------------------- AUTH-02

    @Test
    @DisplayName("[AUTH-02] require_user=<predicate> with nobody logged in raises AuthenticationFailed without"
            + " calling the predicate")
    void required_AUTH_02_predicateWithNoUserRaisesAuthenticationFailed(RuntimeUnderTest rt) {
        AtomicInteger predicateCalls = new AtomicInteger();
        Recorder body = new Recorder(null);
        rt.register("admin_only", RequireUser.where(user -> {
            predicateCalls.incrementAndGet();
            return true;
        }), body);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "admin_only", AuthenticationFailed.class,
                    () -> caller.call("admin_only"));
        }
        Expect.equal((CallerKind) null, "admin_only", "times the predicate ran", 0, predicateCalls.get());
        Expect.equal((CallerKind) null, "admin_only", "times the body ran", 0, body.count());
    }

    @Test
    @DisplayName("[AUTH-02] a predicate returning false raises PermissionDenied; the body does not run")
    void required_AUTH_02_falsePredicateRaisesPermissionDenied(RuntimeUnderTest rt) {
        List<Object> predicateSaw = new CopyOnWriteArrayList<>();
        Recorder body = new Recorder(null);
        rt.register("admin_only", RequireUser.where(user -> {
            predicateSaw.add(user);
            return false;
        }), body);
        for (CallerKind kind : SESSION_KINDS) {
            Caller caller = rt.caller(kind);
            caller.user(Probes.USER);
            Expect.raises(caller, "admin_only", PermissionDenied.class, () -> caller.call("admin_only"));
            Expect.equal(caller, "admin_only", "times the body ran", 0, body.count());
            Expect.that(caller, "admin_only", !predicateSaw.isEmpty(),
                    "the predicate to be called with the user", "it was not called");
            Expect.equal(caller, "admin_only", "user given to the predicate", Probes.USER,
                    predicateSaw.get(predicateSaw.size() - 1));
        }
    }

    @Test
    @DisplayName("[AUTH-02] a predicate returning true runs the body")
    void required_AUTH_02_truePredicateRunsBody(RuntimeUnderTest rt) {
        Recorder body = new Recorder("granted");
        rt.register("admin_only", RequireUser.where(user -> user instanceof Map<?, ?> m
                && "admin".equals(m.get("role"))), body);
        Caller browser = rt.browser();
        browser.user(Probes.USER);
        Seen seen = Probes.see("AUTH-02", browser, body, "admin_only");
        Expect.equal(browser, "admin_only", "anvil.users.get_user()", Probes.USER, seen.user());
    }

    @Test
    @DisplayName("[AUTH-02] an exception raised by the predicate propagates unchanged; the body does not run")
    void required_AUTH_02_predicateExceptionPropagates(RuntimeUnderTest rt) {
        AnvilServer.registerExceptionType(NotInTeamError.WIRE_TYPE, NotInTeamError.class);
        Recorder body = new Recorder(null);
        rt.register("registered", RequireUser.where(user -> {
            throw new NotInTeamError("not in team");
        }), body);
        rt.register("value_error", RequireUser.where(user -> {
            throw new ValueError("bad user");
        }), body);
        rt.register("key_error", RequireUser.where(user -> {
            throw new KeyError("team");
        }), body);
        Caller browser = rt.browser();
        browser.user(Probes.USER);
        NotInTeamError registered = Expect.raises(browser, "registered", NotInTeamError.class,
                () -> browser.call("registered"));
        Expect.equal(browser, "registered", "message", "not in team", registered.getMessage());
        AnvilWrappedError wrapped = Expect.raises(browser, "value_error", AnvilWrappedError.class,
                () -> browser.call("value_error"));
        Expect.equal(browser, "value_error", "wire type", "ValueError", wrapped.wireType());
        Expect.equal(browser, "value_error", "message", "bad user", wrapped.getMessage());
        Expect.raises(browser, "key_error", KeyError.class, () -> browser.call("key_error"));
        Expect.equal(browser, "registered", "times the body ran", 0, body.count());
    }

    // ---------------------------------------------------------------- AUTH-03

    @Test
    @DisplayName("[AUTH-03] without require_user, anybody may call, logged in or not")
    void required_AUTH_03_noRequirementMeansNoCheck(RuntimeUnderTest rt) {
        Recorder open = Probes.recorder(rt, "open", "ok");
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            Seen seen = Probes.see("AUTH-03", caller, open, "open");
            Expect.equal(caller, "open", "anvil.users.get_user()", null, seen.user());
        }
        Caller browser = rt.browser();
        browser.user(Probes.USER);
        Seen seen = Probes.see("AUTH-03", browser, open, "open");
        Expect.equal(browser, "open", "anvil.users.get_user()", Probes.USER, seen.user());
    }

    // ---------------------------------------------------------------- AUTH-04

    @Test
    @DisplayName("[AUTH-04] trusted callers are checked too")
    void required_AUTH_04_trustedCallersAreChecked(RuntimeUnderTest rt) {
        Recorder secret = new Recorder(null);
        rt.register("secret", RequireUser.loggedIn(), secret);
        Recorder picky = new Recorder(null);
        rt.register("picky", RequireUser.where(user -> false), picky);
        for (CallerKind kind : List.of(CallerKind.SERVER_MODULE, CallerKind.UPLINK, CallerKind.BACKGROUND_TASK)) {
            Caller caller = rt.caller(kind);
            Expect.raises(caller, "secret", AuthenticationFailed.class, () -> caller.call("secret"));
        }
        for (CallerKind kind : List.of(CallerKind.SERVER_MODULE, CallerKind.UPLINK)) {
            Caller caller = rt.caller(kind);
            caller.user(Probes.USER);
            Expect.raises(caller, "picky", PermissionDenied.class, () -> caller.call("picky"));
        }
        Expect.equal((CallerKind) null, "secret", "times the bodies ran", 0,
                secret.count() + picky.count());
    }

    @Test
    @DisplayName("[AUTH-04] server-to-server calls are checked")
    void required_AUTH_04_nestedCallsAreChecked(RuntimeUnderTest rt) {
        Recorder secret = new Recorder(null);
        rt.register("secret", RequireUser.loggedIn(), secret);
        Recorder picky = new Recorder(null);
        rt.register("picky", RequireUser.where(user -> false), picky);
        AtomicReference<Throwable> fromSecret = new AtomicReference<>();
        AtomicReference<Throwable> fromPicky = new AtomicReference<>();
        rt.register("outer", a -> {
            try {
                AnvilServer.call("secret");
            } catch (RuntimeException e) {
                fromSecret.set(e);
            }
            try {
                AnvilServer.call("picky");
            } catch (RuntimeException e) {
                fromPicky.set(e);
            }
            return null;
        });
        Caller anonymous = rt.browser();
        Expect.returns(anonymous, "outer", () -> anonymous.call("outer"));
        Expect.raises(CallerKind.SERVER_MODULE, "secret", AuthenticationFailed.class,
                () -> CallVerification.rethrowOrReturn(fromSecret.get()));
        Caller loggedIn = rt.browser();
        loggedIn.user(Probes.USER);
        Expect.returns(loggedIn, "outer", () -> loggedIn.call("outer"));
        Expect.raises(CallerKind.SERVER_MODULE, "picky", PermissionDenied.class,
                () -> CallVerification.rethrowOrReturn(fromPicky.get()));
        Expect.equal(CallerKind.SERVER_MODULE, "picky", "times the body ran", 0, picky.count());
        Expect.equal(CallerKind.SERVER_MODULE, "secret", "times the body ran (logged-in caller only)", 1,
                secret.count());
    }

    // ---------------------------------------------------------------- AUTH-05

    @Test
    @DisplayName("[AUTH-05] a background task starts with nobody logged in")
    void required_AUTH_05_backgroundTaskHasNoUser(RuntimeUnderTest rt) {
        Recorder probe = Probes.recorder(rt, "probe", null);
        Recorder secret = new Recorder(null);
        rt.register("secret", RequireUser.loggedIn(), secret);
        AtomicReference<Object> userInTask = new AtomicReference<>("not read");
        AtomicReference<Throwable> nested = new AtomicReference<>();
        rt.register("task_body", a -> {
            userInTask.set(Users.getUser());
            try {
                AnvilServer.call("secret");
            } catch (RuntimeException e) {
                nested.set(e);
            }
            return null;
        });
        for (CallerKind kind : List.of(CallerKind.BACKGROUND_TASK, CallerKind.SCHEDULED_TASK)) {
            Caller task = rt.caller(kind);
            Seen seen = Probes.see("AUTH-05", task, probe, "probe");
            Expect.equal(task, "probe", "anvil.users.get_user()", null, seen.user());
            Expect.raises(task, "secret", AuthenticationFailed.class, () -> task.call("secret"));
            Expect.returns(task, "task_body", () -> task.call("task_body"));
            Expect.equal(task, "task_body", "anvil.users.get_user()", null, userInTask.get());
            Expect.raises(CallerKind.SERVER_MODULE, "secret", AuthenticationFailed.class,
                    () -> CallVerification.rethrowOrReturn(nested.get()));
        }
        Expect.equal((CallerKind) null, "secret", "times the body ran", 0, secret.count());
    }

    @Test
    @DisplayName("[AUTH-05] a task launched by a logged-in user's call runs with nobody logged in")
    @RequiresFeature(Feature.BACKGROUND_TASKS)
    void optional_AUTH_05_launchedTaskHasNoUser(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        Recorder secret = new Recorder(null);
        rt.register("secret", RequireUser.loggedIn(), secret);
        AtomicReference<Object> userInTask = new AtomicReference<>("not read");
        AtomicReference<Throwable> nested = new AtomicReference<>();
        rt.registerBackgroundTask("job", a -> {
            userInTask.set(Users.getUser());
            try {
                AnvilServer.call("secret");
            } catch (RuntimeException e) {
                nested.set(e);
            }
            return null;
        });
        AtomicReference<Task> launched = new AtomicReference<>();
        rt.register("start", a -> {
            launched.set(AnvilServer.launchBackgroundTask("job"));
            return Users.getUser();
        });
        Caller browser = rt.browser().user(Probes.USER);
        Expect.equal(browser, "start", "anvil.users.get_user() of the launcher", Probes.USER,
                Expect.returns(browser, "start", () -> browser.call("start")));
        env.awaitTask(launched.get(), CallerKind.SERVER_MODULE, "job");
        Expect.equal(CallerKind.SERVER_MODULE, "job", "anvil.users.get_user() in the task", null,
                userInTask.get());
        Expect.raises(CallerKind.SERVER_MODULE, "secret", AuthenticationFailed.class,
                () -> CallVerification.rethrowOrReturn(nested.get()));
        Expect.equal((CallerKind) null, "secret", "times the body ran", 0, secret.count());
    }

    // ---------------------------------------------------------------- AUTH-06

    /** Server-only platform functions an uplink asks the server for, with arguments a call of them may carry. */
    private static final Map<String, List<Object>> SERVER_ONLY = Map.ofEntries(
            Map.entry("anvil.private.get_session_id", List.of()),
            Map.entry("anvil.private.get_cookie", List.of("local", "k")),
            Map.entry("anvil.private.del_cookie", List.of("local", "k")),
            Map.entry("anvil.private.clear_cookie", List.of("local")),
            Map.entry("anvil.private.set_cookie", List.of("local", 30L)),
            Map.entry("anvil.private.raise_event", List.of("auth06_event", "payload")),
            Map.entry("anvil.private.list_sessions", List.of()),
            Map.entry("anvil.private.get_session_data", List.of("some-session-id")),
            Map.entry("anvil.private.subscribe", List.of("auth06_channel")),
            Map.entry("anvil.private.unsubscribe", List.of("auth06_channel")),
            Map.entry("anvil.private.get_subscriptions", List.of()));

    @Test
    @DisplayName("[AUTH-06] server-only platform functions refuse client code with a typeless 'Permission denied'"
            + " error, and serve server code")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_AUTH_06_serverOnlyPlatformFunctionsRefuseClientCode(RuntimeUnderTest rt) {
        dev.anvilcheck.spi.UplinkEndpoint target = rt.uplinkEndpoint();
        if (target == null) {
            throw new IllegalStateException("The runtime declares Feature.UPLINK_WIRE, but its"
                    + " RuntimeUnderTest.uplinkEndpoint() returned null");
        }
        try (dev.anvilcheck.uplink.Uplink client = dev.anvilcheck.uplink.Uplink.builder(target.url(), target.clientKey())
                .heartbeatInterval(java.time.Duration.ZERO).connect()) {
            for (Map.Entry<String, List<Object>> command : new java.util.TreeMap<>(SERVER_ONLY).entrySet()) {
                String name = command.getKey();
                AnvilWrappedError refused = Expect.raises(CallerKind.CLIENT_UPLINK, name, AnvilWrappedError.class,
                        () -> client.call(name, command.getValue().toArray()));
                Expect.that(CallerKind.CLIENT_UPLINK, name, refused.wireType() == null || refused.wireType().isEmpty(),
                        "an error without a type", "type " + refused.wireType());
                String message = String.valueOf(refused.getMessage());
                Expect.that(CallerKind.CLIENT_UPLINK, name, message.startsWith("Permission denied. Cannot ")
                        && message.endsWith(" from client code."),
                        "'Permission denied. Cannot <operation> from client code.'", message);
            }
        }
        try (dev.anvilcheck.uplink.Uplink server = dev.anvilcheck.uplink.Uplink.builder(target.url(), target.serverKey())
                .heartbeatInterval(java.time.Duration.ZERO).connect()) {
            Object id = Expect.returns(CallerKind.UPLINK, "anvil.private.get_session_id",
                    () -> server.call("anvil.private.get_session_id"));
            Expect.that(CallerKind.UPLINK, "anvil.private.get_session_id", id instanceof String s && !s.isEmpty(),
                    "the session id, a string", String.valueOf(id));
        }
    }

    // ---------------------------------------------------------------- AUTH-01 on a connected uplink

    @Test
    @DisplayName("[AUTH-01] a require_user function a connected uplink provides runs for a caller with a user and"
            + " refuses one without")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_AUTH_01_connectedUplinkChecksTheCallersUser(RuntimeUnderTest rt) {
        AtomicReference<Object> seen = new AtomicReference<>();
        try (dev.anvilcheck.uplink.Uplink uplink = RealUplinks.connectServer("AUTH-01", RealUplinks.server(rt))) {
            uplink.register("auth01_on_uplink", RequireUser.loggedIn(), a -> {
                seen.set(Users.getUser());
                return "ran";
            });
            Caller anonymous = rt.browser();
            Expect.raises(anonymous, "auth01_on_uplink", AuthenticationFailed.class,
                    () -> anonymous.call("auth01_on_uplink"));
            Expect.equal(anonymous, "auth01_on_uplink", "anvil.users.get_user() seen by the uplink", null, seen.get());
            Caller browser = rt.browser().user(Probes.USER);
            Expect.equal(browser, "auth01_on_uplink", "return value", "ran",
                    Expect.returns(browser, "auth01_on_uplink", () -> browser.call("auth01_on_uplink")));
            Expect.equal(browser, "auth01_on_uplink", "anvil.users.get_user() on the uplink", Probes.USER,
                    seen.get());
        }
    }

    @Test
    @DisplayName("[AUTH-01] a connected uplink that logs in with email and password calls require_user functions as"
            + " that user until it logs out; a wrong password raises AuthenticationFailed")
    @RequiresFeature({Feature.UPLINK_WIRE, Feature.USER_ACCOUNTS})
    void optional_AUTH_01_connectedUplinkLogsIn(RuntimeUnderTest rt) {
        rt.addUser("ada@example.com", "s3cret", Probes.USER);
        rt.register("auth01_secret", RequireUser.loggedIn(), a -> Users.getUser());
        String login = "anvil.private.users.login_with_email";
        try (dev.anvilcheck.uplink.Uplink uplink = RealUplinks.connectServer("AUTH-01", RealUplinks.server(rt))) {
            Expect.raises(CallerKind.UPLINK, "auth01_secret", AuthenticationFailed.class,
                    () -> uplink.call("auth01_secret"));
            Expect.raises(CallerKind.UPLINK, login, AuthenticationFailed.class,
                    () -> uplink.call(login, "ada@example.com", "wrong"));
            Expect.raises(CallerKind.UPLINK, "auth01_secret", AuthenticationFailed.class,
                    () -> uplink.call("auth01_secret"));
            Expect.equal(CallerKind.UPLINK, login, "the user logged in", Probes.USER,
                    Expect.returns(CallerKind.UPLINK, login, () -> uplink.call(login, "ada@example.com", "s3cret")));
            Expect.equal(CallerKind.UPLINK, "auth01_secret", "anvil.users.get_user() in the function", Probes.USER,
                    Expect.returns(CallerKind.UPLINK, "auth01_secret", () -> uplink.call("auth01_secret")));
            Expect.returns(CallerKind.UPLINK, "anvil.private.users.logout",
                    () -> uplink.call("anvil.private.users.logout"));
            Expect.raises(CallerKind.UPLINK, "auth01_secret", AuthenticationFailed.class,
                    () -> uplink.call("auth01_secret"));
        }
    }

    @Test
    @DisplayName("[AUTH-01] a function a connected uplink provides that logs in with email and password logs the"
            + " calling browser's session in, not the uplink's own")
    @RequiresFeature({Feature.UPLINK_WIRE, Feature.USER_ACCOUNTS})
    void optional_AUTH_01_connectedUplinkLogsTheCallingBrowserIn(RuntimeUnderTest rt) {
        rt.addUser("ada@example.com", "s3cret", Probes.USER);
        rt.register("auth01_who", a -> Users.getUser());
        String login = "anvil.private.users.login_with_email";
        try (dev.anvilcheck.uplink.Uplink uplink = RealUplinks.connectServer("AUTH-01", RealUplinks.server(rt)
                .register("auth01_login_on_uplink", a -> AnvilServer.call(login, "ada@example.com", "s3cret")))) {
            Caller browser = rt.browser();
            Expect.equal(browser, "auth01_login_on_uplink", "the user login_with_email() returned on the uplink",
                    Probes.USER, Expect.returns(browser, "auth01_login_on_uplink",
                            () -> browser.call("auth01_login_on_uplink")));
            Expect.equal(browser, "auth01_who", "anvil.users.get_user() of the browser's next call", Probes.USER,
                    Expect.returns(browser, "auth01_who", () -> browser.call("auth01_who")));
            Expect.equal(CallerKind.UPLINK, "auth01_who", "anvil.users.get_user() of a call the uplink makes at its"
                    + " top level", null, Expect.returns(CallerKind.UPLINK, "auth01_who", () -> uplink.call("auth01_who")));
        }
    }
}
