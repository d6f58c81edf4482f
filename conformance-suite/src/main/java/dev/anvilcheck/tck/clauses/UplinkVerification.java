package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkEndpoint;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.Pending;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.uplink.UplinkFatalError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * UPL: the Anvil Uplink as a runtime shows it on the wire (SEMANTICS UPL-01..12, Uplink protocol
 * §2, §3, §7). These tests open uplinks of their own, with the runtime's keys and with wrong ones,
 * through the Java uplink client, to the endpoint {@link RuntimeUnderTest#uplinkEndpoint()} names;
 * they need a runtime that accepts uplinks ({@link Feature#UPLINK_WIRE}), in process or reached
 * over the wire. UPL-01 is the client library's own refusal, checked through the Java client;
 * UPL-11, about the Python library's module attributes alone, is untested.
 */
@ExtendWith(ConformanceExtension.class)
@RequiresFeature(Feature.UPLINK_WIRE)
@DisplayName("UPL: the Anvil Uplink, over the wire")
public class UplinkVerification {
    private static final String INCORRECT_KEY = "Incorrect uplink key";
    private static final String CLIENT_MAY_NOT_REGISTER =
            "Cannot register @anvil.server.callable functions from an unprivileged (client) uplink.";

    private static UplinkEndpoint target(RuntimeUnderTest rt) {
        UplinkEndpoint endpoint = rt.uplinkEndpoint();
        if (endpoint == null) {
            throw new IllegalStateException("The runtime declares Feature.UPLINK_WIRE, but its"
                    + " RuntimeUnderTest.uplinkEndpoint() returned null");
        }
        return endpoint;
    }

    private static Uplink.Builder uplink(UplinkEndpoint target, String key) {
        return Uplink.builder(target.url(), key).heartbeatInterval(Duration.ZERO);
    }

    /** Connects an uplink whose key the runtime must accept; a refusal is a failure of {@code clause}. */
    private static Uplink open(String clause, Uplink.Builder builder, boolean clientKey) {
        try {
            return builder.connect();
        } catch (UplinkFatalError e) {
            String key = clientKey ? "client" : "server";
            throw Expect.violation(clause, clientKey ? CallerKind.CLIENT_UPLINK : CallerKind.UPLINK, "connect",
                    "the runtime to accept the " + key + " uplink key", "it refused the connection: " + e.getMessage());
        }
    }

    /** Calls {@code function} until it stops returning, within the environment's timeout; returns what it raised. */
    private static RuntimeException callUntilItRaises(TestEnvironment env, Caller caller, String function) {
        long deadline = System.nanoTime() + env.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                caller.call(function);
            } catch (RuntimeException e) {
                return e;
            }
        }
        throw Expect.violation(env.clause(), caller.kind(), function, "an error once the uplink left",
                "it kept returning for " + env.timeout().toMillis() + " ms");
    }

    // ---------------------------------------------------------------- UPL-01, UPL-02

    @Test
    @DisplayName("[UPL-01] a call on an uplink that is not connected raises 'You must use anvil.server.connect(key)"
            + " before anvil.server.call()', and nothing reaches the runtime")
    void optional_UPL_01_callWithoutAConnectionNeverReachesTheRuntime(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        Probes.Recorder recorder = Probes.recorder(rt, "upl01_fn", "ran");
        Uplink uplink = open("UPL-01", uplink(target, target.serverKey()), false);
        try {
            Expect.returns(CallerKind.UPLINK, "upl01_fn", () -> uplink.call("upl01_fn"));
            uplink.disconnect();
            RuntimeException refused = Expect.raises(CallerKind.UPLINK, "upl01_fn", RuntimeException.class,
                    () -> uplink.call("upl01_fn"));
            Expect.equal(CallerKind.UPLINK, "upl01_fn", "the client's error", Uplink.NOT_CONNECTED,
                    refused.getMessage());
            Expect.equal(CallerKind.UPLINK, "upl01_fn", "times the function ran (once while connected)", 1,
                    recorder.count());
        } finally {
            uplink.close();
        }
    }

    @Test
    @DisplayName("[UPL-02] connect() returns once authenticated; REGISTERs sent right behind the key take effect")
    void optional_UPL_02_registrationsBehindTheKeyTakeEffect(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        try (Uplink uplink = open("UPL-02", uplink(target, target.serverKey()).register("upl02_fn", a -> "served"), false)) {
            Expect.equal(CallerKind.UPLINK, null, "privilege granted to the server key", "uplink",
                    uplink.privilege());
            Caller browser = rt.browser();
            Object result = Expect.returns(browser, "upl02_fn", () -> browser.call("upl02_fn"));
            Expect.equal(browser, "upl02_fn", "return value", "served", result);
        }
    }

    // ---------------------------------------------------------------- UPL-03, UPL-04

    @Test
    @DisplayName("[UPL-03] a wrong key is answered 'Incorrect uplink key' and the connection closes")
    void optional_UPL_03_wrongKeyIsRefused(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        UplinkFatalError refused = Expect.raises(CallerKind.UPLINK, null, UplinkFatalError.class,
                () -> uplink(target, target.serverKey() + "-wrong").connect());
        Expect.equal(CallerKind.UPLINK, null, "the server's fatal error", INCORRECT_KEY,
                refused.serverMessage());
    }

    @Test
    @DisplayName("[UPL-04] after disconnect() the uplink's functions are gone; connecting again starts afresh")
    void optional_UPL_04_disconnectDropsRegistrations(RuntimeUnderTest rt, TestEnvironment env) {
        UplinkEndpoint target = target(rt);
        Caller browser = rt.browser();
        try (Uplink uplink = open("UPL-04", uplink(target, target.serverKey()).register("upl04_fn", a -> "first"), false)) {
            Expect.returns(browser, "upl04_fn", () -> browser.call("upl04_fn"));
            uplink.disconnect();
            RuntimeException gone = callUntilItRaises(env, browser, "upl04_fn");
            Expect.that(browser, "upl04_fn", gone instanceof UplinkDisconnectedError
                    || gone instanceof NoServerFunctionError, "UplinkDisconnectedError or NoServerFunctionError",
                    "raised " + gone);
        }
        try (Uplink again = open("UPL-04", uplink(target, target.serverKey()).register("upl04_fn", a -> "second"), false)) {
            Object result = Expect.returns(browser, "upl04_fn", () -> browser.call("upl04_fn"));
            Expect.equal(browser, "upl04_fn", "return value after connecting again", "second", result);
        }
    }

    // ---------------------------------------------------------------- UPL-05, UPL-06

    @Test
    @DisplayName("[UPL-05] functions a server-key uplink registers, also after connecting, are callable by the app")
    void optional_UPL_05_registeredFunctionsAreCallable(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        try (Uplink uplink = open("UPL-05", uplink(target, target.serverKey()), false)) {
            uplink.register("upl05_late", a -> List.of("late", a.get(0)));
            for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.UPLINK, CallerKind.CLIENT_UPLINK)) {
                Caller caller = rt.caller(kind);
                Object result = Expect.returns(caller, "upl05_late", () -> caller.call("upl05_late", 5L));
                Expect.equal(caller, "upl05_late", "return value", List.of("late", 5L), result);
            }
        }
    }

    @Test
    @DisplayName("[CAP-06] a capability server code narrowed reaches an uplink with the full scope as its base, so a"
            + " client that ignores narrowing cannot broaden it")
    void optional_CAP_06_narrowedCapabilityReachesAnUplinkWhole(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        try (Uplink uplink = open("CAP-06", uplink(target, target.serverKey()), false)) {
            uplink.register("cap06_inspect", a -> {
                Capability c = (Capability) a.get(0);
                return List.of(c.baseScope(), c.narrowing());
            });
            rt.register("cap06_send", a -> AnvilServer.call("cap06_inspect",
                    new Capability(List.of("doc", 6L)).narrow(List.of("read"))));
            Caller browser = rt.browser();
            Object seen = Expect.returns(browser, "cap06_send", () -> browser.call("cap06_send"));
            Expect.equal(browser, "cap06_inspect", "[base scope, narrowing] the uplink received",
                    List.of(List.of("doc", 6L, "read"), List.of()), seen);
        }
    }

    @Test
    @DisplayName("[CAP-06] a capability server code narrowed and returns to a call a function on an uplink makes while"
            + " serving a browser reaches the uplink with the full scope as its base")
    void optional_CAP_06_narrowedCapabilityReturnedToAServingUplinkArrivesWhole(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        try (Uplink uplink = open("CAP-06", uplink(target, target.serverKey()), false)) {
            rt.register("cap06_narrowed", a -> new Capability(List.of("doc", 6L)).narrow(List.of("read")));
            uplink.register("cap06_relay", a -> {
                Capability c = (Capability) AnvilServer.call("cap06_narrowed");
                return List.of(c.baseScope(), c.narrowing());
            });
            Caller browser = rt.browser();
            Object seen = Expect.returns(browser, "cap06_relay", () -> browser.call("cap06_relay"));
            Expect.equal(browser, "cap06_narrowed", "[base scope, narrowing] the uplink received from the server",
                    List.of(List.of("doc", 6L, "read"), List.of()), seen);
        }
    }

    @Test
    @DisplayName("[CAP-06] a capability server code narrowed and kept in the browser's session reaches an uplink's"
            + " cross_site_session endpoint, in the session switch_session! sends, with the full scope as its base")
    @RequiresFeature({Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    void optional_CAP_06_narrowedCapabilityInASwitchedSessionArrivesWhole(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        rt.register("cap06_keep", a -> {
            AnvilServer.session().put("cap", new Capability(List.of("doc", 6L)).narrow(List.of("read")));
            return null;
        });
        java.util.concurrent.atomic.AtomicReference<Object> seen = new java.util.concurrent.atomic.AtomicReference<>();
        try (Uplink uplink = open("CAP-06", uplink(target, target.serverKey()), false)) {
            uplink.registerEndpoint(dev.anvilcheck.server.Endpoint.http("/cap06_session").withCrossSiteSession(), a -> {
                Object kept = AnvilServer.session().get("cap");
                seen.set(kept instanceof Capability c ? List.of(c.baseScope(), c.narrowing()) : kept);
                return "seen";
            });
            dev.anvilcheck.spi.BrowserCaller browser = rt.browser();
            Expect.returns(browser, "cap06_keep", () -> browser.call("cap06_keep"));
            dev.anvilcheck.spi.RawHttpResponse response = rt.http().send(dev.anvilcheck.spi.RawHttpRequest
                    .get("/_/api/cap06_session").withHeader("Cookie", browser.sessionCookie())
                    .withHeader("Origin", "https://elsewhere.example"));
            Expect.equal(CallerKind.HTTP, "/cap06_session", "status", 200, response.status());
            Expect.equal(CallerKind.HTTP, "/cap06_session", "[base scope, narrowing] of session['cap'] on the uplink",
                    List.of(List.of("doc", 6L, "read"), List.of()), seen.get());
        }
    }

    @Test
    @DisplayName("[UPL-06] a client-key uplink that registers a function is disconnected with the platform's error")
    void optional_UPL_06_clientKeyMayNotRegister(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        UplinkFatalError refused = Expect.raises(CallerKind.CLIENT_UPLINK, "upl06_fn",
                UplinkFatalError.class,
                () -> uplink(target, target.clientKey()).register("upl06_fn", a -> "never").connect());
        Expect.equal(CallerKind.CLIENT_UPLINK, "upl06_fn", "the server's fatal error",
                CLIENT_MAY_NOT_REGISTER, refused.serverMessage());
        Caller browser = rt.browser();
        Expect.raises(browser, "upl06_fn", NoServerFunctionError.class, () -> browser.call("upl06_fn"));
    }

    // ---------------------------------------------------------------- UPL-07, UPL-08

    @Test
    @DisplayName("[UPL-07] a client-key uplink is untrusted and may not call scoped names")
    void optional_UPL_07_clientKeyIsUntrusted(RuntimeUnderTest rt) {
        rt.register("upl07_who", a -> frame(AnvilServer.context()));
        rt.register("task:upl07_job", a -> "ran");
        UplinkEndpoint target = target(rt);
        try (Uplink client = open("UPL-07", uplink(target, target.clientKey()), true)) {
            Expect.equal(CallerKind.CLIENT_UPLINK, null, "privilege granted to the client key", "client",
                    client.privilege());
            Object who = Expect.returns(CallerKind.CLIENT_UPLINK, "upl07_who", () -> client.call("upl07_who"));
            Expect.equal(CallerKind.CLIENT_UPLINK, "upl07_who", "context.remote_caller.is_trusted", false,
                    ((List<?>) who).get(1));
            Expect.raises(CallerKind.CLIENT_UPLINK, "task:upl07_job", PermissionDenied.class,
                    () -> client.call("task:upl07_job"));
        }
    }

    @Test
    @DisplayName("[UPL-08] a server-key uplink is trusted: callees see remote_caller.type uplink, is_trusted True")
    void optional_UPL_08_serverKeyIsTrusted(RuntimeUnderTest rt) {
        rt.register("upl08_who", a -> frame(AnvilServer.context()));
        UplinkEndpoint target = target(rt);
        try (Uplink uplink = open("UPL-08", uplink(target, target.serverKey()), false)) {
            Object who = Expect.returns(CallerKind.UPLINK, "upl08_who", () -> uplink.call("upl08_who"));
            Expect.equal(CallerKind.UPLINK, "upl08_who", "context.remote_caller (type, is_trusted)",
                    List.of("uplink", true), who);
        }
    }

    private static List<Object> frame(CallContext context) {
        return context.remoteCaller() == null ? java.util.Arrays.asList(null, null)
                : List.of(context.remoteCaller().type(), context.remoteCaller().isTrusted());
    }

    // ---------------------------------------------------------------- UPL-09, UPL-10

    @Test
    @DisplayName("[UPL-09] when the providing uplink leaves, its call in flight raises UplinkDisconnectedError")
    void optional_UPL_09_inFlightCallFailsWhenUplinkLeaves(RuntimeUnderTest rt, TestEnvironment env) {
        UplinkEndpoint target = target(rt);
        CountDownLatch entered = env.latch(1);
        CountDownLatch released = new CountDownLatch(1);
        Caller browser = rt.browser();
        try (Uplink uplink = open("UPL-09", uplink(target, target.serverKey()).register("upl09_fn", a -> {
            entered.countDown();
            return env.block(released);
        }), false)) {
            Pending<Object> call = env.startCall(browser, "upl09_fn");
            env.await(entered, "the uplink function to start");
            uplink.disconnect();
            Expect.raises(browser, "upl09_fn", UplinkDisconnectedError.class, call::await);
            released.countDown();
        }
    }

    @Test
    @DisplayName("[UPL-10] a reconnecting uplink is a new uplink: its registrations, sent again, are served")
    void optional_UPL_10_reconnectionRegistersAgain(RuntimeUnderTest rt, TestEnvironment env) {
        UplinkEndpoint target = target(rt);
        Caller browser = rt.browser();
        try (Uplink first = open("UPL-10", uplink(target, target.serverKey()).register("upl10_fn", a -> "before"), false)) {
            Expect.returns(browser, "upl10_fn", () -> browser.call("upl10_fn"));
            first.disconnect();
            callUntilItRaises(env, browser, "upl10_fn");
        }
        try (Uplink second = open("UPL-10", uplink(target, target.serverKey()).register("upl10_fn", a -> "after"), false)) {
            Object result = Expect.returns(browser, "upl10_fn", () -> browser.call("upl10_fn"));
            Expect.equal(browser, "upl10_fn", "return value after reconnecting", "after", result);
        }
    }

    @Test
    @DisplayName("[UPL-09] a connected uplink's function shadows the same-named server function; once the uplink"
            + " leaves, calls fall back to the server function")
    void optional_UPL_09_callsFallBackToServerCodeWhenTheUplinkLeaves(RuntimeUnderTest rt, TestEnvironment env) {
        rt.register("upl09_shadowed", a -> "server code");
        UplinkEndpoint target = target(rt);
        Caller browser = rt.browser();
        try (Uplink uplink = open("UPL-09", uplink(target, target.serverKey()).register("upl09_shadowed",
                a -> "uplink"), false)) {
            Expect.equal(browser, "upl09_shadowed", "return value while the uplink is connected", "uplink",
                    Expect.returns(browser, "upl09_shadowed", () -> browser.call("upl09_shadowed")));
            uplink.disconnect();
            // while the runtime notices that the uplink left, a call may still reach it and raise
            // UplinkDisconnectedError (an in-flight call, UPL-09); once it has, server code serves
            long deadline = System.nanoTime() + env.timeout().toNanos();
            Object result = "uplink";
            while (!"server code".equals(result) && System.nanoTime() < deadline) {
                try {
                    result = browser.call("upl09_shadowed");
                } catch (UplinkDisconnectedError leaving) {
                    result = leaving;
                }
            }
            Expect.equal(browser, "upl09_shadowed", "return value once the uplink left", "server code", result);
        }
    }

    // ---------------------------------------------------------------- the handshake and the heartbeat (§1.4, §2, §3.10)

    @Test
    @DisplayName("[UPL-02] the heartbeat of a connected uplink, anvil.private.echo, is answered with its first"
            + " argument (Uplink protocol §1.4)")
    void optional_UPL_02_heartbeatIsAnsweredWithItsArgument(RuntimeUnderTest rt) {
        UplinkEndpoint target = target(rt);
        try (Uplink uplink = open("UPL-02", uplink(target, target.serverKey()), false);
                Uplink client = open("UPL-02", uplink(target, target.clientKey()), true)) {
            Expect.equal(CallerKind.UPLINK, "anvil.private.echo", "the heartbeat's answer", "keep-alive",
                    Expect.returns(CallerKind.UPLINK, "anvil.private.echo", uplink::heartbeat));
            Expect.equal(CallerKind.UPLINK, "anvil.private.echo", "echo('first', 'second')", "first",
                    Expect.returns(CallerKind.UPLINK, "anvil.private.echo",
                            () -> uplink.call("anvil.private.echo", "first", "second")));
            Expect.equal(CallerKind.CLIENT_UPLINK, "anvil.private.echo", "the heartbeat's answer", "keep-alive",
                    Expect.returns(CallerKind.CLIENT_UPLINK, "anvil.private.echo", client::heartbeat));
        }
    }

    @Test
    @DisplayName("[UPL-03] a key of protocol version below 5 is refused with a fatal error and the close; versions 5"
            + " and later are admitted, below 7 with a deprecation notice (Uplink protocol §2.2)")
    void optional_UPL_03_outdatedProtocolVersionIsRefused(RuntimeUnderTest rt, TestEnvironment env) {
        UplinkEndpoint target = target(rt);
        try (RawUplink raw = RawUplink.connect(target.url(), "UPL-03")) {
            raw.sendKey(target.serverKey(), 4);
            RawUplink.Frame reply = raw.next(env.timeout(), "the reply to a key of version 4");
            Expect.that(CallerKind.UPLINK, null, !reply.isBinary() && reply.json().has("error")
                    && !reply.json().has("auth") && !reply.json().has("id"),
                    "a fatal error, {\"error\": ...} without an id", String.valueOf(reply.json()));
            Expect.that(CallerKind.UPLINK, null, raw.closesWithin(env.timeout()), "the connection to close",
                    "it stayed open for " + env.timeout().toMillis() + " ms");
        }
        for (int version : new int[] {5, 6, 7}) {
            try (RawUplink raw = RawUplink.connect(target.url(), "UPL-03")) {
                raw.sendKey(target.serverKey(), version);
                RawUplink.Frame reply = raw.nextIncludingOutput(env.timeout(), "the reply to a key of version "
                        + version);
                Expect.equal(CallerKind.UPLINK, null, "the privilege granted to a key of version " + version,
                        "uplink", reply.isBinary() || !reply.json().has("auth") ? String.valueOf(reply.json())
                                : reply.json().path("priv").asText());
                // below version 7 the deprecation notice follows, as console output (§2.2, §3.8)
                if (version < 7) {
                    RawUplink.Frame notice = raw.nextIncludingOutput(env.timeout(), "the deprecation notice");
                    Expect.that(CallerKind.UPLINK, null, !notice.isBinary() && notice.json().has("output"),
                            "an {\"output\": ...} notice for version " + version, String.valueOf(notice.json()));
                } else {
                    Expect.that(CallerKind.UPLINK, null, !raw.anyFrameWithin(env.noSignalTimeout()),
                            "no further frame for version " + version, "a frame arrived");
                }
            }
        }
    }

    @Test
    @DisplayName("[UPL-05] a server uplink that registers an invalid name pattern or a live-object backend gets a"
            + " fatal error and the close (Uplink protocol §3.10)")
    void optional_UPL_05_invalidRegistrationsAreFatal(RuntimeUnderTest rt, TestEnvironment env) {
        UplinkEndpoint target = target(rt);
        for (String registration : List.of("{\"type\": \"REGISTER\", \"name\": \"upl05_bad((\"}",
                "{\"type\": \"REGISTER_LIVE_OBJECT_BACKEND\", \"backend\": \"upl05.Backend\"}")) {
            try (RawUplink raw = RawUplink.open(target.url(), target.serverKey(), "UPL-05", env.timeout())) {
                raw.text(registration);
                RawUplink.Frame reply = raw.next(env.timeout(), "the reply to " + registration);
                Expect.that(CallerKind.UPLINK, null, !reply.isBinary() && reply.json().has("error")
                        && !reply.json().has("id"), "a fatal error, {\"error\": ...} without an id, for "
                        + registration, String.valueOf(reply.json()));
                Expect.that(CallerKind.UPLINK, null, raw.closesWithin(env.timeout()), "the connection to close",
                        "it stayed open for " + env.timeout().toMillis() + " ms");
            }
        }
    }

    // ---------------------------------------------------------------- UPL-11, UPL-12

    @Test
    @DisplayName("[UPL-12] calls to one uplink are sent without waiting for each other, so each runs on its own thread")
    void optional_UPL_12_concurrentCallsReachTheUplinkTogether(RuntimeUnderTest rt, TestEnvironment env) {
        UplinkEndpoint target = target(rt);
        CountDownLatch both = env.latch(2);
        try (Uplink uplink = open("UPL-12", uplink(target, target.serverKey()).register("upl12_fn", a -> {
            both.countDown();
            return env.block(both);
        }), false)) {
            Caller first = rt.caller(CallerKind.UPLINK);
            Caller second = rt.caller(CallerKind.UPLINK);
            Pending<Object> a = env.startCall(first, "upl12_fn");
            Pending<Object> b = env.startCall(second, "upl12_fn");
            Expect.equal(first, "upl12_fn", "both calls running at once", true, a.await());
            Expect.equal(second, "upl12_fn", "both calls running at once", true, b.await());
        }
    }
}
