package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.SessionExpiredError;
import dev.anvilcheck.server.Task;
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
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.4, SESS: sessions, {@code anvil.server.session} and
 * {@code anvil.server.cookies}.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("SESS: sessions")
public class SessionVerification {
    /** Caller kinds whose calls share one session (every kind but HTTP, CTX-04). */
    private static final List<CallerKind> SESSION_KINDS = Probes.ALL_KINDS.stream()
            .filter(k -> k != CallerKind.HTTP).toList();

    private static final Duration IDLE_LIMIT = Duration.ofMinutes(30);

    /** Registers {@code put(key, value)} and {@code get(key)} functions on the session. */
    private static void registerPutGet(RuntimeUnderTest rt) {
        rt.register("put", a -> {
            AnvilServer.session().put((String) a.get(0), a.get(1));
            return null;
        });
        rt.register("get", a -> AnvilServer.session().get((String) a.get(0)));
        rt.register("keys", a -> new ArrayList<>(AnvilServer.session().keys()));
    }

    // ---------------------------------------------------------------- SESS-01 .. SESS-03

    @Test
    @DisplayName("[SESS-01] the session persists across a caller's calls and is private to it")
    void required_SESS_01_sessionPersistsAndIsPrivate(RuntimeUnderTest rt) {
        registerPutGet(rt);
        for (CallerKind kind : SESSION_KINDS) {
            Caller mine = rt.caller(kind);
            Caller other = rt.caller(kind);
            Expect.returns(mine, "put", () -> mine.call("put", "colour", "green"));
            Expect.equal(mine, "get", "session['colour'] on a later call", "green",
                    Expect.returns(mine, "get", () -> mine.call("get", "colour")));
            Expect.equal(other, "get", "session['colour'] in another caller's session", null,
                    Expect.returns(other, "get", () -> other.call("get", "colour")));
            Expect.that(other, null, !mine.sessionId().equals(other.sessionId()),
                    "two callers in two sessions", "both in session " + mine.sessionId());
        }
    }

    @Test
    @DisplayName("[SESS-02] the session supports get, put, delete, get with default and iteration over keys")
    void required_SESS_02_sessionOperations(RuntimeUnderTest rt) {
        Map<String, Object> observed = new LinkedHashMap<>();
        rt.register("exercise", a -> {
            Session s = AnvilServer.session();
            s.put("a", 1L);
            s.put("b", "two");
            s.put("c", List.of(3L));
            observed.put("s['a']", s.get("a"));
            observed.put("s.get('missing')", s.get("missing"));
            observed.put("s.get('missing', 'dflt')", s.get("missing", "dflt"));
            observed.put("s.get('b', 'dflt')", s.get("b", "dflt"));
            observed.put("'a' in s", s.containsKey("a"));
            observed.put("'z' in s", s.containsKey("z"));
            s.put("a", 10L);
            observed.put("s['a'] after s['a'] = 10", s.get("a"));
            s.remove("c");
            observed.put("'c' in s after del s['c']", s.containsKey("c"));
            List<String> iterated = new ArrayList<>();
            for (String key : s) {
                iterated.add(key);
            }
            iterated.sort(null);
            observed.put("keys by iteration", iterated);
            try {
                s.remove("never_there");
                observed.put("del s['never_there']", "no error");
            } catch (KeyError e) {
                observed.put("del s['never_there']", "KeyError");
            }
            return null;
        });
        rt.register("read_back", a -> {
            Session s = AnvilServer.session();
            List<String> keys = new ArrayList<>(s.keys());
            keys.sort(null);
            return List.of(keys, s.get("a"));
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "exercise", () -> browser.call("exercise"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s['a']", 1L);
        expected.put("s.get('missing')", null);
        expected.put("s.get('missing', 'dflt')", "dflt");
        expected.put("s.get('b', 'dflt')", "two");
        expected.put("'a' in s", true);
        expected.put("'z' in s", false);
        expected.put("s['a'] after s['a'] = 10", 10L);
        expected.put("'c' in s after del s['c']", false);
        expected.put("keys by iteration", List.of("a", "b"));
        expected.put("del s['never_there']", "KeyError");
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Expect.equal(browser, "exercise", e.getKey(), e.getValue(), observed.get(e.getKey()));
        }
        Expect.equal(browser, "read_back", "[sorted keys, s['a']] on the next call",
                List.of(List.of("a", "b"), 10L),
                Expect.returns(browser, "read_back", () -> browser.call("read_back")));
    }

    @Test
    @DisplayName("[SESS-03] session.session_id is the session's id")
    void required_SESS_03_sessionIdAttribute(RuntimeUnderTest rt) {
        rt.register("ids", a -> java.util.Arrays.asList(AnvilServer.session().sessionId(),
                AnvilServer.getSessionId()));
        for (CallerKind kind : SESSION_KINDS) {
            Caller caller = rt.caller(kind);
            Object ids = Expect.returns(caller, "ids", () -> caller.call("ids"));
            String id = caller.sessionId();
            Expect.that(caller, "ids", id != null, "the caller to have a session id", "null");
            Expect.equal(caller, "ids", "[session.session_id, get_session_id()]", List.of(id, id), ids);
        }
    }

    // ---------------------------------------------------------------- SESS-04 .. SESS-07

    @Test
    @DisplayName("[SESS-04] storing in-memory Media in the session fails the call at return with"
            + " SerializationError")
    void required_SESS_04_mediaInSessionFailsTheCall(RuntimeUnderTest rt) {
        AtomicBoolean bodyFinished = new AtomicBoolean();
        rt.register("store_media", a -> {
            AnvilServer.session().put("before", "changed");
            AnvilServer.session().put("file", new BlobMedia("text/plain", "hi".getBytes(StandardCharsets.UTF_8)));
            bodyFinished.set(true);
            return "returned";
        });
        Caller browser = rt.browser();
        browser.putSession("before", "committed");
        SerializationError e = Expect.raises(browser, "store_media", SerializationError.class,
                () -> browser.call("store_media"));
        String message = String.valueOf(e.getMessage());
        Expect.that(browser, "store_media",
                message.startsWith("Tried to store illegal value in a anvil.server.session."),
                "a message starting \"Tried to store illegal value in a anvil.server.session.\"",
                "\"" + message + "\"");
        Expect.that(browser, "store_media", bodyFinished.get(), "the body to have run to its end",
                "it did not");
        Map<String, Object> data = browser.sessionData();
        Expect.equal(browser, "store_media", "committed session['before']", "committed",
                data.get("before"));
        Expect.equal(browser, "store_media", "'file' in the committed session", false,
                data.containsKey("file"));
    }

    @Test
    @DisplayName("[SESS-05] an unserialisable session value fails the call at return with SerializationError")
    void required_SESS_05_unserialisableSessionValueFailsTheCall(RuntimeUnderTest rt) {
        List<Object> badValues = List.of(Set.of(1L), new Object(), List.of(1L, new StringBuilder("x")));
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Throwable> putRaised = new AtomicReference<>();
        rt.register("store_bad", a -> {
            int i = ((Number) a.get(0)).intValue();
            try {
                AnvilServer.session().put("bad", badValues.get(i));
            } catch (RuntimeException e) {
                putRaised.set(e);
                throw e;
            }
            finished.incrementAndGet();
            return null;
        });
        for (int i = 0; i < badValues.size(); i++) {
            Caller caller = rt.caller(i == 0 ? CallerKind.BROWSER : CallerKind.UPLINK);
            int index = i;
            Expect.raises(caller, "store_bad", SerializationError.class,
                    () -> caller.call("store_bad", (long) index));
            Expect.that(caller, "store_bad", putRaised.get() == null,
                    "the value to be accepted until the call returns, " + Describe.value(badValues.get(i)),
                    "storing it " + (putRaised.get() == null ? "" : Describe.raised(putRaised.get())));
            Expect.equal(caller, "store_bad", "bodies that ran to the end", i + 1, finished.get());
            Expect.equal(caller, "store_bad", "'bad' in the committed session", false,
                    caller.sessionData().containsKey("bad"));
        }
    }

    @Test
    @DisplayName("[SESS-06] LazyMedia may be stored in the session: the call commits, and later calls read it")
    void required_SESS_06_lazyMediaStorable(RuntimeUnderTest rt) {
        AtomicInteger fetches = new AtomicInteger();
        LazyMedia lazy = new LazyMedia("table/row-1/file", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("text/plain", "stored".getBytes(StandardCharsets.UTF_8), "stored.txt");
        });
        rt.register("store_lazy", a -> {
            AnvilServer.session().put("file", a.get(0));
            AnvilServer.session().put("other", "kept");
            return "stored";
        });
        rt.register("read_lazy", a -> {
            Object file = AnvilServer.session().get("file");
            if (!(file instanceof Media media)) {
                return Describe.value(file);
            }
            return java.util.Arrays.asList(file instanceof LazyMedia, media.name(),
                    new String(media.getBytes(), StandardCharsets.UTF_8));
        });
        for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.UPLINK)) {
            Caller caller = rt.caller(kind);
            Expect.returns(caller, "store_lazy", () -> caller.call("store_lazy", lazy));
            Expect.equal(caller, "store_lazy", "committed session['other']", "kept",
                    caller.sessionData().get("other"));
            Expect.equal(caller, "read_lazy", "[is LazyMedia, name, content] read from the session",
                    List.of(true, "stored.txt", "stored"),
                    Expect.returns(caller, "read_lazy", () -> caller.call("read_lazy")));
        }
        Expect.that(CallerKind.SERVER_MODULE, "read_lazy", fetches.get() >= 1,
                "the media to be fetched when read", "it was never fetched");
    }

    @Test
    @DisplayName("[SESS-07] session changes are committed on a normal return and discarded when the call raises")
    void required_SESS_07_commitOnlyOnNormalReturn(RuntimeUnderTest rt) {
        rt.register("write_and_fail", a -> {
            AnvilServer.session().put("kept", "overwritten");
            AnvilServer.session().put("new_key", "written");
            AnvilServer.session().remove("doomed");
            throw new IllegalStateException("failing after writes");
        });
        rt.register("write_and_return", a -> {
            AnvilServer.session().put("new_key", "committed");
            return null;
        });
        registerPutGet(rt);
        for (CallerKind kind : SESSION_KINDS) {
            Caller caller = rt.caller(kind);
            caller.putSession("kept", "original");
            caller.putSession("doomed", "still here");
            Expect.raises(caller, "write_and_fail", RuntimeException.class,
                    () -> caller.call("write_and_fail"));
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("kept", "original");
            expected.put("doomed", "still here");
            Expect.equal(caller, "write_and_fail", "committed session after the call raised", expected,
                    caller.sessionData());
            Expect.equal(caller, "get", "session['new_key'] on the next call", null,
                    Expect.returns(caller, "get", () -> caller.call("get", "new_key")));
            Expect.returns(caller, "write_and_return", () -> caller.call("write_and_return"));
            Expect.equal(caller, "write_and_return", "committed session['new_key']", "committed",
                    caller.sessionData().get("new_key"));
        }
    }

    // ---------------------------------------------------------------- SESS-08

    @Test
    @DisplayName("[SESS-08] of two overlapping calls in one session, the later finisher's writes are dropped"
            + " (Q-10)")
    @RequiresFeature(Feature.CONCURRENT_CALLS)
    void optional_SESS_08_laterFinisherLosesItsWrites(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        CountDownLatch entered = env.latch(1);
        CountDownLatch release = env.latch(1);
        rt.register("write_a", a -> {
            AnvilServer.session().put("a", 1L);
            entered.countDown();
            env.await(release, "the test to release the first call");
            return "a";
        });
        rt.register("write_b", a -> {
            AnvilServer.session().put("b", 2L);
            return "b";
        });
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Pending<Object> first = env.startCall(uplink, "write_a");
        env.await(entered, "the first call to write and wait");
        Expect.returns(uplink, "write_b", () -> uplink.call("write_b"));
        release.countDown();
        Throwable firstRaised = null;
        try {
            first.await();
        } catch (dev.anvilcheck.tck.ClauseViolation e) {
            throw e;
        } catch (RuntimeException e) {
            firstRaised = e;
        }
        Map<String, Object> data = uplink.sessionData();
        boolean casShown = firstRaised == null && Long.valueOf(2L).equals(data.get("b")) && !data.containsKey("a");
        String observed = "first call " + (firstRaised == null ? "returned" : Describe.raised(firstRaised))
                + ", committed session " + Describe.value(data);
        env.note("Q-10", casShown ? "compare-and-set: the later finisher's writes were dropped" : observed);
        Expect.optional(casShown, observed);
    }

    // ---------------------------------------------------------------- SESS-09

    @Test
    @DisplayName("[SESS-09] get_session_id() returns the session id, a string that stays valid")
    void required_SESS_09_getSessionIdReturnsStableId(RuntimeUnderTest rt) {
        rt.register("session_id", a -> AnvilServer.getSessionId());
        for (CallerKind kind : SESSION_KINDS) {
            Caller caller = rt.caller(kind);
            Object first = Expect.returns(caller, "session_id", () -> caller.call("session_id"));
            Expect.that(caller, "session_id", first instanceof String, "a string",
                    Describe.value(first));
            Expect.equal(caller, "session_id", "get_session_id()", caller.sessionId(), first);
            Expect.equal(caller, "session_id", "get_session_id() on a later call", first,
                    Expect.returns(caller, "session_id", () -> caller.call("session_id")));
        }
    }

    @Test
    @DisplayName("[SESS-09] get_session_id() persists the session: code in another session reads it by that id"
            + " (get_client_session, section 1.1, Q-15)")
    void optional_SESS_09_getSessionIdPersistsTheSession(RuntimeUnderTest rt) {
        rt.register("sess09_put_and_id", a -> {
            AnvilServer.session().put("colour", "green");
            return AnvilServer.getSessionId();
        });
        rt.register("sess09_session_of", a -> AnvilServer.getClientSession((String) a.get(0)));
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Object id = Expect.returns(uplink, "sess09_put_and_id", () -> uplink.call("sess09_put_and_id"));
        Caller browser = rt.browser();
        Expect.equal(browser, "sess09_session_of", "get_client_session(id from the uplink's get_session_id())",
                Map.of("colour", "green"), Expect.returns(browser, "sess09_session_of",
                        () -> browser.call("sess09_session_of", id)));
    }

    // ---------------------------------------------------------------- SESS-10 .. SESS-13

    @Test
    @DisplayName("[SESS-10] a browser session expires after 30 idle minutes; each call pushes expiry forward")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_SESS_10_sessionExpiresAfterThirtyIdleMinutes(RuntimeUnderTest rt) {
        registerPutGet(rt);
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "put", () -> browser.call("put", "k", "v"));
        Duration almost = IDLE_LIMIT.minusMinutes(1);
        for (int i = 1; i <= 2; i++) {
            rt.time().advance(almost);
            Expect.equal(browser, "get",
                    "session['k'] after " + (i * almost.toMinutes()) + " minutes, none of them 30 idle", "v",
                    Expect.returns(browser, "get", () -> browser.call("get", "k")));
        }
        rt.time().advance(IDLE_LIMIT.plusMinutes(1));
        Expect.raises(browser, "get", SessionExpiredError.class, () -> browser.call("get", "k"));
    }

    @Test
    @DisplayName("[SESS-10] a session idle for exactly 30 minutes is still alive; one idle a millisecond longer expired")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_SESS_10_sessionAliveAtExactlyThirtyIdleMinutes(RuntimeUnderTest rt) {
        registerPutGet(rt);
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "put", () -> browser.call("put", "k", "v"));
        rt.time().advance(IDLE_LIMIT);
        Expect.equal(browser, "get", "session['k'] after exactly 30 idle minutes", "v",
                Expect.returns(browser, "get", () -> browser.call("get", "k")));
        rt.time().advance(IDLE_LIMIT.plusMillis(1));
        Expect.raises(browser, "get", SessionExpiredError.class, () -> browser.call("get", "k"));
    }

    @Test
    @DisplayName("[SESS-10] an HTTP request carrying a browser's session cookie is an access: it pushes expiry forward")
    @RequiresFeature({Feature.TIME_CONTROL, Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    void optional_SESS_10_httpRequestInTheSessionPushesExpiryForward(RuntimeUnderTest rt) {
        registerPutGet(rt);
        rt.registerEndpoint(Endpoint.http("/touch"), a -> "ok");
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "put", () -> browser.call("put", "k", "v"));
        Duration twenty = Duration.ofMinutes(20);
        rt.time().advance(twenty);
        RawHttpResponse response = Expect.returns(CallerKind.HTTP, "/touch",
                () -> rt.http().send(RawHttpRequest.get("/_/api/touch").withHeader("Cookie", browser.sessionCookie())));
        Expect.equal(CallerKind.HTTP, "/touch", "status", 200, response.status());
        rt.time().advance(twenty);
        Expect.equal(browser, "get", "session['k'] 40 minutes after the browser's last call, 20 after a request with"
                + " its cookie", "v", Expect.returns(browser, "get", () -> browser.call("get", "k")));
    }

    @Test
    @DisplayName("[SESS-10] a cross-site request to an endpoint with cross_site_session=True runs in the browser's"
            + " session (HTTP-27) and so pushes its expiry forward")
    @RequiresFeature({Feature.TIME_CONTROL, Feature.HTTP_ENDPOINTS, Feature.HTTP_SESSION_COOKIE})
    void optional_SESS_10_crossSiteRequestInTheSessionPushesExpiryForward(RuntimeUnderTest rt) {
        registerPutGet(rt);
        rt.registerEndpoint(Endpoint.http("/touch_across").withCrossSiteSession(), a -> "ok");
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "put", () -> browser.call("put", "k", "v"));
        Duration twenty = Duration.ofMinutes(20);
        rt.time().advance(twenty);
        RawHttpResponse response = Expect.returns(CallerKind.HTTP, "/touch_across",
                () -> rt.http().send(RawHttpRequest.get("/_/api/touch_across")
                        .withHeader("Cookie", browser.sessionCookie())
                        .withHeader("Origin", "https://elsewhere.example")));
        Expect.equal(CallerKind.HTTP, "/touch_across", "status", 200, response.status());
        rt.time().advance(twenty);
        Expect.equal(browser, "get", "session['k'] 40 minutes after the browser's last call, 20 after a cross-site"
                + " request run in its session", "v", Expect.returns(browser, "get", () -> browser.call("get", "k")));
    }

    /** Makes {@code browser}'s session expire (SESS-10). */
    private static void expire(RuntimeUnderTest rt, BrowserCaller browser, String clause) {
        Expect.returns(clause, browser, "put", () -> browser.call("put", "k", "v"));
        rt.time().advance(IDLE_LIMIT.plusMinutes(1));
    }

    @Test
    @DisplayName("[SESS-11] once expired, every browser call raises SessionExpiredError and runs nothing")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_SESS_11_everyCallAfterExpiryRaises(RuntimeUnderTest rt) {
        registerPutGet(rt);
        AtomicInteger ran = new AtomicInteger();
        rt.register("count", a -> ran.incrementAndGet());
        BrowserCaller browser = rt.browser();
        expire(rt, browser, "SESS-11");
        for (int i = 0; i < 2; i++) {
            Expect.raises(browser, "count", SessionExpiredError.class, () -> browser.call("count"));
        }
        Expect.raises(browser, "missing_fn", SessionExpiredError.class, () -> browser.call("missing_fn"));
        Expect.equal(browser, "count", "times the function ran", 0, ran.get());
    }

    @Test
    @DisplayName("[SESS-12] after reset_session() calls succeed again, in a new, empty session")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_SESS_12_resetSessionAdoptsNewEmptySession(RuntimeUnderTest rt) {
        registerPutGet(rt);
        BrowserCaller browser = rt.browser();
        expire(rt, browser, "SESS-12");
        String oldId = browser.sessionId();
        Expect.returns(browser, "reset_session", () -> {
            browser.resetSession();
            return null;
        });
        Expect.equal(browser, "keys", "session keys after reset_session()", List.of(),
                Expect.returns(browser, "keys", () -> browser.call("keys")));
        Expect.that(browser, "keys", !oldId.equals(browser.sessionId()), "a new session id",
                "still " + oldId);
        Expect.returns(browser, "put", () -> browser.call("put", "k2", "v2"));
        Expect.equal(browser, "get", "session['k2'] in the new session", "v2",
                Expect.returns(browser, "get", () -> browser.call("get", "k2")));
    }

    @Test
    @DisplayName("[SESS-12] reset_session() on a live session keeps the session: the same id and its data")
    void required_SESS_12_resetSessionKeepsALiveSession(RuntimeUnderTest rt) {
        registerPutGet(rt);
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "put", () -> browser.call("put", "cart", "tea"));
        String id = browser.sessionId();
        Expect.returns(browser, "reset_session", () -> {
            browser.resetSession();
            return null;
        });
        Expect.equal(browser, "get", "session['cart'] after reset_session() on a live session", "tea",
                Expect.returns(browser, "get", () -> browser.call("get", "cart")));
        Expect.equal(browser, "get", "the session id after reset_session() on a live session", id,
                browser.sessionId());
    }

    @Test
    @DisplayName("[SESS-13] a Capability issued to an expired session is refused as anvil.server.InvalidObjectError")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_SESS_13_objectFromExpiredSessionIsRefused(RuntimeUnderTest rt) {
        registerPutGet(rt);
        rt.register("issue", a -> new Capability(List.of("doc", 42L)));
        AtomicInteger accepted = new AtomicInteger();
        rt.register("accept", a -> {
            accepted.incrementAndGet();
            return ((Capability) a.get(0)).scope();
        });
        BrowserCaller browser = rt.browser();
        Object cap = Expect.returns(browser, "issue", () -> browser.call("issue"));
        Expect.that(browser, "issue", cap instanceof Capability, "a Capability",
                Describe.returned(cap));
        Expect.equal(browser, "accept", "scope of the capability sent back in its session",
                List.of("doc", 42L), Expect.returns(browser, "accept", () -> browser.call("accept", cap)));
        expire(rt, browser, "SESS-13");
        browser.resetSession();
        AnvilWrappedError e = Expect.raises(browser, "accept", AnvilWrappedError.class,
                () -> browser.call("accept", cap));
        Expect.equal(browser, "accept", "wire type", "anvil.server.InvalidObjectError", e.wireType());
        Expect.equal(browser, "accept", "times the function ran", 1, accepted.get());
    }

    // ---------------------------------------------------------------- SESS-14, SESS-15

    @Test
    @DisplayName("[SESS-14] a background task runs in its own new, initially empty session")
    void required_SESS_14_backgroundTaskHasOwnEmptySession(RuntimeUnderTest rt) {
        registerPutGet(rt);
        Caller browser = rt.browser();
        Expect.returns(browser, "put", () -> browser.call("put", "owner", "browser"));
        for (CallerKind kind : List.of(CallerKind.BACKGROUND_TASK, CallerKind.SCHEDULED_TASK)) {
            Caller task = rt.caller(kind);
            Expect.equal(task, "keys", "session keys at the task's first call", List.of(),
                    Expect.returns(task, "keys", () -> task.call("keys")));
            Expect.that(task, "keys", !task.sessionId().equals(browser.sessionId()),
                    "a session of the task's own", "the browser's session " + browser.sessionId());
            Expect.returns(task, "put", () -> task.call("put", "owner", "task"));
            Expect.equal(task, "get", "session['owner'] in the task", "task",
                    Expect.returns(task, "get", () -> task.call("get", "owner")));
        }
        Expect.equal(browser, "get", "session['owner'] in the browser", "browser",
                Expect.returns(browser, "get", () -> browser.call("get", "owner")));
    }

    @Test
    @DisplayName("[SESS-14] a launched task runs in a new, empty session of its own, apart from its launcher's")
    @RequiresFeature(Feature.BACKGROUND_TASKS)
    void optional_SESS_14_launchedTaskHasOwnEmptySession(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerPutGet(rt);
        AtomicReference<List<Object>> inTask = new AtomicReference<>();
        rt.registerBackgroundTask("job", a -> {
            Session session = AnvilServer.session();
            List<Object> seen = new ArrayList<>();
            seen.add(new ArrayList<>(session.keys()));
            seen.add(AnvilServer.getSessionId());
            session.put("owner", "task");
            inTask.set(seen);
            return null;
        });
        AtomicReference<Task> launched = new AtomicReference<>();
        rt.register("start", a -> {
            launched.set(AnvilServer.launchBackgroundTask("job"));
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "put", () -> browser.call("put", "owner", "browser"));
        Expect.returns(browser, "start", () -> browser.call("start"));
        env.awaitTask(launched.get(), CallerKind.SERVER_MODULE, "job");
        List<Object> seen = inTask.get();
        Expect.that(CallerKind.SERVER_MODULE, "job", seen != null, "the task to run", "it did not run");
        Expect.equal(CallerKind.SERVER_MODULE, "job", "session keys at the start of the task", List.of(),
                seen.get(0));
        Expect.that(CallerKind.SERVER_MODULE, "job", !browser.sessionId().equals(seen.get(1)),
                "a session of the task's own", "the launcher's session " + browser.sessionId());
        Expect.equal(browser, "get", "session['owner'] in the launcher's session after the task",
                "browser", Expect.returns(browser, "get", () -> browser.call("get", "owner")));
    }

    @Test
    @DisplayName("[SESS-15] an uplink's calls share the uplink's one default session")
    void required_SESS_15_uplinkCallsShareDefaultSession(RuntimeUnderTest rt) {
        registerPutGet(rt);
        rt.register("session_id", a -> AnvilServer.session().sessionId());
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Object first = Expect.returns(uplink, "session_id", () -> uplink.call("session_id"));
        Expect.returns(uplink, "put", () -> uplink.call("put", "k", "v"));
        Expect.equal(uplink, "session_id", "session id of a later call", first,
                Expect.returns(uplink, "session_id", () -> uplink.call("session_id")));
        Expect.equal(uplink, "get", "session['k'] on a later call", "v",
                Expect.returns(uplink, "get", () -> uplink.call("get", "k")));
    }

    @Test
    @DisplayName("[SESS-15] a function run on an uplink for a browser runs in that browser's session")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_SESS_15_uplinkFunctionRunsInCallersSession(RuntimeUnderTest rt) {
        UplinkCaller uplink = rt.uplink();
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        uplink.register("on_uplink", a -> {
            seen.set(java.util.Arrays.asList(AnvilServer.session().sessionId(), AnvilServer.session().get("k")));
            AnvilServer.session().put("from_uplink", "written");
            return null;
        });
        Caller browser = rt.browser();
        browser.putSession("k", "browser value");
        Expect.returns(browser, "on_uplink", () -> browser.call("on_uplink"));
        Expect.equal(browser, "on_uplink", "[session id, session['k']] on the uplink",
                List.of(browser.sessionId(), "browser value"), seen.get());
        Expect.equal(browser, "on_uplink", "browser's committed session['from_uplink']", "written",
                browser.sessionData().get("from_uplink"));
    }

    @Test
    @DisplayName("[SESS-09] get_session_id() in a function an uplink provides is the calling browser's session id")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_SESS_09_uplinkFunctionGetsTheCallersSessionId(RuntimeUnderTest rt) {
        UplinkCaller uplink = rt.uplink();
        uplink.register("session_id_on_uplink", a -> AnvilServer.getSessionId());
        Caller browser = rt.browser();
        Object id = Expect.returns(browser, "session_id_on_uplink", () -> browser.call("session_id_on_uplink"));
        Expect.equal(browser, "session_id_on_uplink", "get_session_id() on the uplink (the platform answers"
                + " anvil.private.get_session_id with the served call's session)", browser.sessionId(), id);
    }

    // ---------------------------------------------------------------- SESS-16, SESS-17

    /** Registers {@code cookie_put(jar, key, value)}, {@code cookie_get(jar, key)} (default {@code "<absent>"}) and {@code touch}. */
    private static void registerCookies(RuntimeUnderTest rt) {
        rt.register("cookie_put", a -> {
            jar((String) a.get(0)).put((String) a.get(1), a.get(2));
            return null;
        });
        rt.register("cookie_get", a -> jar((String) a.get(0)).get((String) a.get(1), ABSENT));
        // cookies.local.set(timeout_days, **{key: value})
        rt.register("cookie_set_for", a -> {
            AnvilServer.cookies().local().set(((Number) a.get(0)).doubleValue(), Map.of((String) a.get(1), a.get(2)));
            return null;
        });
        rt.register("touch", a -> null);
    }

    private static final String ABSENT = "<absent>";

    private static CookieJar jar(String name) {
        return "shared".equals(name) ? AnvilServer.cookies().shared() : AnvilServer.cookies().local();
    }

    private static Object cookie(Caller caller, String jar, String key) {
        return Expect.returns("SESS-16", caller, "cookie_get", () -> caller.call("cookie_get", jar, key));
    }

    @Test
    @DisplayName("[SESS-16] cookies.local and cookies.shared: jar[k], get(k, default), jar[k] = v, set(), del, clear()")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_16_cookieJarOperations(RuntimeUnderTest rt) {
        Map<String, Object> observed = new LinkedHashMap<>();
        rt.register("exercise_cookies", a -> {
            for (String name : List.of("local", "shared")) {
                CookieJar jar = jar(name);
                try {
                    observed.put(name + "['missing']", "returned " + Describe.value(jar.get("missing")));
                } catch (NoSuchElementException e) {
                    observed.put(name + "['missing']", e instanceof PythonError p && !"KeyError".equals(p.pythonType())
                            ? p.pythonType() : "KeyError");
                }
                observed.put(name + ".get('missing', 'dflt')", jar.get("missing", "dflt"));
                jar.put("k", name + " value");
                observed.put(name + "['k'] after " + name + "['k'] = v", jar.get("k"));
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("a", 1L);
                values.put("b", List.of("x", Map.of("y", true)));
                jar.set(values);
                observed.put(name + "['b'] after set(a=1, b=[...])", jar.get("b"));
                jar.set(7, Map.of("c", "seven days"));
                observed.put(name + "['c'] after set(7, c=...)", jar.get("c"));
                jar.remove("a");
                observed.put(name + ".get('a', 'gone') after del", jar.get("a", "gone"));
            }
            AnvilServer.cookies().shared().clear();
            observed.put("shared.get('k', 'cleared') after shared.clear()",
                    AnvilServer.cookies().shared().get("k", "cleared"));
            observed.put("local['k'] after shared.clear()", AnvilServer.cookies().local().get("k"));
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "exercise_cookies", () -> browser.call("exercise_cookies"));
        Map<String, Object> expected = new LinkedHashMap<>();
        for (String name : List.of("local", "shared")) {
            expected.put(name + "['missing']", "KeyError");
            expected.put(name + ".get('missing', 'dflt')", "dflt");
            expected.put(name + "['k'] after " + name + "['k'] = v", name + " value");
            expected.put(name + "['b'] after set(a=1, b=[...])", List.of("x", Map.of("y", true)));
            expected.put(name + "['c'] after set(7, c=...)", "seven days");
            expected.put(name + ".get('a', 'gone') after del", "gone");
        }
        expected.put("shared.get('k', 'cleared') after shared.clear()", "cleared");
        expected.put("local['k'] after shared.clear()", "local value");
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Expect.equal(browser, "exercise_cookies", e.getKey(), e.getValue(), observed.get(e.getKey()));
        }
    }

    @Test
    @DisplayName("[SESS-16] cookies persist across a browser's calls and are not another browser's")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_16_cookiesPersistAcrossCalls(RuntimeUnderTest rt) {
        registerCookies(rt);
        rt.register("cookie_put_and_fail", a -> {
            AnvilServer.cookies().local().put("despite", "the error");
            throw new IllegalStateException("failing after setting a cookie");
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "cookie_put", () -> browser.call("cookie_put", "local", "k", "v"));
        Expect.equal(browser, "cookie_get", "cookies.local['k'] on a later call", "v",
                cookie(browser, "local", "k"));
        Expect.equal(browser, "cookie_get", "cookies.shared['k'] (another jar)", ABSENT,
                cookie(browser, "shared", "k"));
        Caller other = rt.browser();
        Expect.equal(other, "cookie_get", "cookies.local['k'] in another browser", ABSENT,
                cookie(other, "local", "k"));
        Expect.raises(browser, "cookie_put_and_fail", RuntimeException.class,
                () -> browser.call("cookie_put_and_fail"));
        Object kept = cookie(browser, "local", "despite");
        Expect.equal(browser, "cookie_put_and_fail", "cookies.local['despite'] after the call raised",
                "the error", kept);
    }

    @Test
    @DisplayName("[SESS-16] a cookie whose stored form would pass 4000 characters raises CookieError 'Cookie too big'"
            + " and keeps what the jar held")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_16_cookieTooBigRaises(RuntimeUnderTest rt) {
        registerCookies(rt);
        Caller browser = rt.browser();
        String fits = "a".repeat(2_500);
        String tooBig = "b".repeat(3_100);
        Expect.returns(browser, "cookie_put", () -> browser.call("cookie_put", "local", "small", fits));
        Expect.raises(browser, "cookie_put", CookieError.class,
                () -> browser.call("cookie_put", "local", "big", tooBig));
        CookieError replacing = Expect.raises(browser, "cookie_put", CookieError.class,
                () -> browser.call("cookie_put", "local", "small", tooBig));
        Expect.equal(browser, "cookie_put", "the CookieError's message", "Cookie too big", replacing.getMessage());
        Expect.equal(browser, "cookie_get", "cookies.local['small'] after the refused update", fits,
                cookie(browser, "local", "small"));
        Expect.equal(browser, "cookie_get", "cookies.local['big'] after the refused update", ABSENT,
                cookie(browser, "local", "big"));
    }

    /**
     * The longest text one entry {@code k} of a fresh jar may hold (SESS-16): its stored form is
     * {@code {"c":{<16 hex>:{"k":[<text>,<13-digit expiry>]}},"id":"x","objects":[]}}, 73 characters
     * and the text, prefixed {@code :c:} and sealed with a 12-byte IV and a 16-byte tag: 104 bytes
     * and the text, which Base64 writes in exactly 4000 characters when they are 3000.
     */
    private static final int LONGEST_ENTRY = 3000 - 104;

    @Test
    @DisplayName("[SESS-16] a jar whose stored form is exactly 4000 characters is kept; three more bytes raise"
            + " CookieError")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_16_cookieOfExactlyTheLimitIsKept(RuntimeUnderTest rt) {
        registerCookies(rt);
        Caller browser = rt.browser();
        String limit = "a".repeat(LONGEST_ENTRY);
        Expect.returns(browser, "cookie_put", () -> browser.call("cookie_put", "local", "k", limit));
        Expect.equal(browser, "cookie_get", "cookies.local['k'] stored in exactly 4000 characters", limit,
                cookie(browser, "local", "k"));
        String over = limit + "a";
        Expect.raises(browser, "cookie_put", CookieError.class,
                () -> browser.call("cookie_put", "local", "k", over));
        Expect.equal(browser, "cookie_get", "cookies.local['k'] after an update to 4004 characters was refused", limit,
                cookie(browser, "local", "k"));
    }

    @Test
    @DisplayName("[SESS-16] an expired entry no longer counts towards the jar's size limit")
    @RequiresFeature({Feature.COOKIES, Feature.TIME_CONTROL})
    void optional_SESS_16_expiredEntriesDoNotCountTowardsTheLimit(RuntimeUnderTest rt) {
        registerCookies(rt);
        Caller browser = rt.browser();
        String large = "a".repeat(LONGEST_ENTRY - 10);
        Expect.returns(browser, "cookie_set_for",
                () -> browser.call("cookie_set_for", 1.0 / 96, "old", large));
        rt.time().advance(Duration.ofMinutes(16));
        Expect.returns(browser, "cookie_put", () -> browser.call("cookie_put", "local", "k", large));
        Expect.equal(browser, "cookie_get", "cookies.local['k'] stored once the 15-minute entry expired", large,
                cookie(browser, "local", "k"));
    }

    @Test
    @DisplayName("[SESS-16] a timeout_days beyond any date: 1e300 keeps the entry, -1e300 has it expired at once")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_16_timeoutDaysBeyondAnyDate(RuntimeUnderTest rt) {
        registerCookies(rt);
        Caller browser = rt.browser();
        Expect.returns(browser, "cookie_set_for", () -> browser.call("cookie_set_for", 1e300, "forever", "v"));
        Expect.returns(browser, "cookie_set_for", () -> browser.call("cookie_set_for", -1e300, "never", "v"));
        Expect.equal(browser, "cookie_get", "jar['forever'] (timeout_days=1e300)", "v",
                cookie(browser, "local", "forever"));
        Expect.equal(browser, "cookie_get", "jar['never'] (timeout_days=-1e300)", ABSENT,
                cookie(browser, "local", "never"));
    }

    @Test
    @DisplayName("[SESS-16] cookies live in the browser: they outlive its session (reset_session)")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_16_cookiesOutliveTheSession(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerCookies(rt);
        BrowserCaller browser = rt.browser();
        Expect.returns(browser, "cookie_put", () -> browser.call("cookie_put", "local", "k", "v"));
        browser.resetSession();
        Object seen = cookie(browser, "local", "k");
        env.note("SESS-16 cookies after reset_session()", Describe.value(seen));
        Expect.optional("v".equals(seen), "cookies.local['k'] in the browser's new session = "
                + Describe.value(seen) + " (the platform reloads the browser's cookies into the new session)");
    }

    @Test
    @DisplayName("[SESS-16] a cookie expires after its timeout_days, 30 by default, by the runtime's clock")
    @RequiresFeature({Feature.COOKIES, Feature.TIME_CONTROL})
    void optional_SESS_16_cookiesExpire(RuntimeUnderTest rt) {
        registerCookies(rt);
        Caller browser = rt.browser();
        Expect.returns(browser, "cookie_set_for", () -> browser.call("cookie_set_for", 1.0 / 96, "quarter", "v"));
        Expect.returns(browser, "cookie_put", () -> browser.call("cookie_put", "local", "month", "v"));
        rt.time().advance(Duration.ofMinutes(14));
        Expect.equal(browser, "cookie_get", "a 15-minute cookie after 14 minutes", "v",
                cookie(browser, "local", "quarter"));
        rt.time().advance(Duration.ofMinutes(2));
        Expect.equal(browser, "cookie_get", "a 15-minute cookie after 16 minutes", ABSENT,
                cookie(browser, "local", "quarter"));
        Duration step = Duration.ofMinutes(25);
        Duration elapsed = Duration.ofMinutes(16);
        Duration almost = Duration.ofDays(30).minusMinutes(5);
        while (elapsed.plus(step).compareTo(almost) <= 0) {
            rt.time().advance(step);
            elapsed = elapsed.plus(step);
            Expect.returns(browser, "touch", () -> browser.call("touch"));
        }
        rt.time().advance(almost.minus(elapsed));
        Expect.equal(browser, "cookie_get", "jar['month'] = v after 30 days minus 5 minutes", "v",
                cookie(browser, "local", "month"));
        rt.time().advance(Duration.ofMinutes(6));
        Expect.equal(browser, "cookie_get", "jar['month'] = v after 30 days and a minute", ABSENT,
                cookie(browser, "local", "month"));
    }

    @Test
    @DisplayName("[SESS-17] in sessions no browser started, cookies raise CookieError")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_17_cookiesOutsideBrowserSessionsRaiseCookieError(RuntimeUnderTest rt) {
        registerCookies(rt);
        String message = "This connection is not from a web browser - cannot access cookies.";
        for (CallerKind kind : List.of(CallerKind.HTTP, CallerKind.UPLINK, CallerKind.CLIENT_UPLINK,
                CallerKind.BACKGROUND_TASK, CallerKind.EMAIL, CallerKind.SCHEDULED_TASK)) {
            Caller caller = rt.caller(kind);
            CookieError e = Expect.raises(caller, "cookie_get", CookieError.class,
                    () -> caller.call("cookie_get", "local", "k"));
            Expect.equal(caller, "cookie_get", "message", message, e.getMessage());
            Expect.raises(caller, "cookie_put", CookieError.class,
                    () -> caller.call("cookie_put", "shared", "k", "v"));
        }
        Map<String, Object> raised = new LinkedHashMap<>();
        rt.register("every_operation", a -> {
            CookieJar jar = AnvilServer.cookies().local();
            Map<String, Runnable> operations = new LinkedHashMap<>();
            operations.put("jar['k']", () -> jar.get("k"));
            operations.put("jar.get('k', None)", () -> jar.get("k", null));
            operations.put("jar['k'] = 1", () -> jar.put("k", 1L));
            operations.put("jar.set(k=1)", () -> jar.set(Map.of("k", 1L)));
            operations.put("del jar['k']", () -> jar.remove("k"));
            operations.put("jar.clear()", jar::clear);
            operations.forEach((what, op) -> {
                try {
                    op.run();
                    raised.put(what, "no error");
                } catch (RuntimeException ex) {
                    raised.put(what, ex.getClass().getSimpleName());
                }
            });
            return null;
        });
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Expect.returns(uplink, "every_operation", () -> uplink.call("every_operation"));
        for (Map.Entry<String, Object> e : raised.entrySet()) {
            Expect.equal(uplink, "every_operation", e.getKey() + " raises", "CookieError", e.getValue());
        }
        Expect.equal(uplink, "every_operation", "operations tried", 6, raised.size());
    }

    @Test
    @DisplayName("[SESS-17] Media cannot be stored in cookies")
    @RequiresFeature(Feature.COOKIES)
    void optional_SESS_17_mediaCannotBeStoredInCookies(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerCookies(rt);
        AtomicReference<Throwable> raised = new AtomicReference<>();
        rt.register("cookie_media", a -> {
            try {
                AnvilServer.cookies().local().put("file",
                        List.of(new BlobMedia("text/plain", "hi".getBytes(StandardCharsets.UTF_8))));
            } catch (RuntimeException e) {
                raised.set(e);
            }
            return null;
        });
        Caller browser = rt.browser();
        Expect.returns(browser, "cookie_media", () -> browser.call("cookie_media"));
        Expect.that(browser, "cookie_media", raised.get() != null,
                "storing Media in a cookie to raise", "it returned");
        env.note("SESS-17 Media in a cookie", Describe.raised(raised.get()));
        Expect.equal(browser, "cookie_get", "cookies.local['file'] afterwards", ABSENT,
                cookie(browser, "local", "file"));
    }

    // ---------------------------------------------------------------- SESS-09, SESS-15 .. SESS-17 on a connected uplink

    @Test
    @DisplayName("[SESS-15] a function a connected uplink provides runs in the calling browser's session, and what it"
            + " writes or deletes there is kept")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_SESS_15_connectedUplinkFunctionRunsInCallersSession(RuntimeUnderTest rt) {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        rt.register("sess15_server_side", a -> List.of(AnvilServer.getSessionId(),
                AnvilServer.session().get((String) a.get(0))));
        try (Uplink uplink = RealUplinks.connectServer("SESS-15", RealUplinks.server(rt).register("sess15_on_uplink",
                a -> {
                    Session session = AnvilServer.session();
                    seen.set(java.util.Arrays.asList(AnvilServer.getSessionId(), session.get("k"),
                            session.get("gone"), AnvilServer.call("sess15_server_side", "k")));
                    session.put("from_uplink", "written");
                    session.remove("gone");
                    return null;
                }))) {
            Caller browser = rt.browser();
            browser.putSession("k", "browser value");
            browser.putSession("gone", "to be deleted");
            Expect.returns(browser, "sess15_on_uplink", () -> browser.call("sess15_on_uplink"));
            Expect.equal(browser, "sess15_on_uplink", "[get_session_id(), session['k'], session['gone'], [id,"
                    + " session['k']] of server code it calls] on the uplink", List.of(browser.sessionId(),
                            "browser value", "to be deleted", List.of(browser.sessionId(), "browser value")),
                    seen.get());
            Map<String, Object> after = browser.sessionData();
            Expect.equal(browser, "sess15_on_uplink", "the browser's session after the call",
                    Map.of("k", "browser value", "from_uplink", "written"), after);
        }
    }

    @Test
    @DisplayName("[SESS-15] a call a connected uplink makes while serving a browser's call, naming that call only in"
            + " call-stack-id, runs in the browser's session (the platform finds the call by call-stack-id)")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_SESS_15_nestedCallNamedByCallStackIdRunsInCallersSession(TestEnvironment env) throws Exception {
        RuntimeUnderTest rt = env.runtime();
        rt.register("sess15_raw_session_id", a -> AnvilServer.getSessionId());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        dev.anvilcheck.spi.UplinkEndpoint target = RealUplinks.target(rt);
        try (RawUplink raw = RawUplink.open(target.url(), target.serverKey(), "SESS-15", env.timeout())) {
            raw.text(json.writeValueAsString(Map.of("type", "REGISTER", "name", "sess15_raw")));
            // a call answered after the REGISTER: the function is registered by then
            raw.text(json.writeValueAsString(Map.of("type", "CALL", "id", "sess15-own", "command",
                    "sess15_raw_session_id", "args", List.of(), "kwargs", Map.of())));
            RawUplink.Frame own = raw.next(env.timeout(), "the reply to sess15_raw_session_id");
            String ownId = own.isBinary() ? null : own.json().path("response").asText(null);
            Caller browser = rt.browser();
            Pending<Object> outer = env.startCall(browser, "sess15_raw");
            RawUplink.Frame call = raw.next(env.timeout(), "the CALL of sess15_raw");
            Expect.that(CallerKind.UPLINK, "sess15_raw", !call.isBinary() && "CALL".equals(call.json().path("type")
                    .asText()) && call.json().has("id"), "a CALL", call.isBinary() ? "a binary frame"
                            : String.valueOf(call.json()));
            String callStackId = call.json().path("call-stack-id").asText(call.json().path("id").asText());
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("type", "CALL");
            nested.put("id", "sess15-nested");
            nested.put("command", "sess15_raw_session_id");
            nested.put("args", List.of());
            nested.put("kwargs", Map.of());
            nested.put("call-stack-id", callStackId);
            raw.text(json.writeValueAsString(nested));
            RawUplink.Frame inner = raw.next(env.timeout(), "the reply to the nested sess15_raw_session_id");
            Object innerId = inner.isBinary() ? null : inner.json().path("response").asText(null);
            raw.text(json.writeValueAsString(Map.of("id", call.json().path("id").asText(), "response", "done")));
            Expect.returns(browser, "sess15_raw", outer::await);
            Expect.equal(CallerKind.UPLINK, "sess15_raw_session_id", "get_session_id() of the nested call naming only"
                    + " call-stack-id", browser.sessionId(), innerId);
            Expect.that(CallerKind.UPLINK, "sess15_raw_session_id", ownId != null && !ownId.equals(innerId),
                    "the uplink's own session at its top level, another", "session id " + Describe.value(ownId));
        }
    }

    @Test
    @DisplayName("[SESS-15] the calls a connected uplink starts share its one default session, whose id its"
            + " get_session_id() gives; another uplink has another")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_SESS_15_connectedUplinkCallsShareItsDefaultSession(RuntimeUnderTest rt) {
        registerPutGet(rt);
        rt.register("sess15_id", a -> AnvilServer.getSessionId());
        try (Uplink first = RealUplinks.connectServer("SESS-15", RealUplinks.server(rt));
                Uplink second = RealUplinks.connectServer("SESS-15", RealUplinks.server(rt))) {
            Object id = Expect.returns(CallerKind.UPLINK, "sess15_id", () -> first.call("sess15_id"));
            Expect.returns(CallerKind.UPLINK, "put", () -> first.call("put", "k", "v"));
            Expect.equal(CallerKind.UPLINK, "sess15_id", "session id of a later call", id,
                    Expect.returns(CallerKind.UPLINK, "sess15_id", () -> first.call("sess15_id")));
            Expect.equal(CallerKind.UPLINK, "get", "session['k'] on a later call", "v",
                    Expect.returns(CallerKind.UPLINK, "get", () -> first.call("get", "k")));
            try (dev.anvilcheck.server.host.CallScope.Binding top = first.bind()) {
                Expect.equal(CallerKind.UPLINK, "anvil.private.get_session_id", "get_session_id() at the uplink's"
                        + " top level", id, Expect.returns(CallerKind.UPLINK, "anvil.private.get_session_id",
                                AnvilServer::getSessionId));
            }
            Object other = Expect.returns(CallerKind.UPLINK, "sess15_id", () -> second.call("sess15_id"));
            Expect.that(CallerKind.UPLINK, "sess15_id", other instanceof String && !other.equals(id),
                    "another uplink's own session", "session id " + Describe.value(other));
            Expect.equal(CallerKind.UPLINK, "keys", "session keys of the other uplink", List.of(),
                    Expect.returns(CallerKind.UPLINK, "keys", () -> second.call("keys")));
        }
    }

    @Test
    @DisplayName("[SESS-16] a function a connected uplink provides reads and writes the calling browser's cookies")
    @RequiresFeature({Feature.UPLINK_WIRE, Feature.COOKIES})
    void optional_SESS_16_connectedUplinkUsesTheBrowsersCookies(RuntimeUnderTest rt) {
        registerCookies(rt);
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        try (Uplink uplink = RealUplinks.connectServer("SESS-16", RealUplinks.server(rt).register("sess16_on_uplink",
                a -> {
                    CookieJar local = AnvilServer.cookies().local();
                    CookieJar shared = AnvilServer.cookies().shared();
                    seen.set(java.util.Arrays.asList(local.get("from_browser"), local.get("missing", "default")));
                    local.put("from_uplink", "local value");
                    shared.set(7, Map.of("shared_key", 3L));
                    local.remove("from_browser");
                    return null;
                }).register("sess16_clear_on_uplink", a -> {
                    AnvilServer.cookies().shared().clear();
                    return null;
                }))) {
            Caller browser = rt.browser();
            Expect.returns(browser, "cookie_put", () -> browser.call("cookie_put", "local", "from_browser", "b"));
            Expect.returns(browser, "sess16_on_uplink", () -> browser.call("sess16_on_uplink"));
            Expect.equal(browser, "sess16_on_uplink", "[cookies.local['from_browser'], cookies.local.get('missing',"
                    + " 'default')] on the uplink", List.of("b", "default"), seen.get());
            Expect.equal(browser, "cookie_get", "cookies.local['from_uplink'] in server code", "local value",
                    cookie(browser, "local", "from_uplink"));
            Expect.equal(browser, "cookie_get", "cookies.shared['shared_key'] in server code", 3L,
                    cookie(browser, "shared", "shared_key"));
            Expect.equal(browser, "cookie_get", "cookies.local['from_browser'] after the uplink deleted it", ABSENT,
                    cookie(browser, "local", "from_browser"));
            Expect.returns(browser, "sess16_clear_on_uplink", () -> browser.call("sess16_clear_on_uplink"));
            Expect.equal(browser, "cookie_get", "cookies.shared['shared_key'] after the uplink cleared the jar",
                    ABSENT, cookie(browser, "shared", "shared_key"));
            // SESS-17: at its own top level, the uplink's session is not a browser's
            CookieError refused = Expect.raises(CallerKind.UPLINK, "anvil.private.get_cookie", CookieError.class,
                    () -> uplink.call("anvil.private.get_cookie", "local", "from_uplink"));
            Expect.equal(CallerKind.UPLINK, "anvil.private.get_cookie", "message",
                    "This connection is not from a web browser - cannot access cookies.", refused.getMessage());
        }
    }
}
