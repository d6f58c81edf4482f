package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.TestEnvironment;
import dev.anvilcheck.tck.internal.Describe;
import dev.anvilcheck.uplink.Uplink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of MISC-05 and the rest of the newer event API of section 1.1
 * ({@code raise_event}, {@code subscribe}, {@code unsubscribe}, {@code get_subscriptions},
 * {@code list_client_sessions}, {@code get_client_session}, {@code add_event_handler},
 * {@code remove_event_handler}). The API is optional: every test needs
 * {@link Feature#EVENTS}. Events may arrive asynchronously, so the suite waits for them, and waits
 * the "no signal" time for events that must not arrive.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("MISC-05: server events")
@RequiresFeature(Feature.EVENTS)
public class EventVerification {

    /** A browser's handler for one event name: records payloads; one latch per expected arrival. */
    private static final class Listener implements Consumer<Object> {
        final List<Object> received = new CopyOnWriteArrayList<>();
        private final List<CountDownLatch> arrivals = new ArrayList<>();

        Listener(TestEnvironment env, int expected) {
            for (int i = 0; i < expected; i++) {
                arrivals.add(env.latch(1));
            }
        }

        @Override
        public synchronized void accept(Object payload) {
            received.add(payload);
            int index = received.size() - 1;
            if (index < arrivals.size()) {
                arrivals.get(index).countDown();
            }
        }

        /** The latch released by the {@code n}-th event (1-based). */
        CountDownLatch arrival(int n) {
            return arrivals.get(n - 1);
        }
    }

    private static Listener listen(TestEnvironment env, BrowserCaller browser, String event, int expected) {
        Listener listener = new Listener(env, expected);
        browser.addEventHandler(event, listener);
        return listener;
    }

    /** Registers the functions that raise events and manage subscriptions. */
    private static void registerRaisers(RuntimeUnderTest rt) {
        rt.register("raise", a -> {
            AnvilServer.raiseEvent((String) a.get(0), a.get(1));
            return null;
        });
        rt.register("raise_to", a -> {
            AnvilServer.raiseEvent((String) a.get(0), a.get(1), EventTarget.sessionId((String) a.get(2)));
            return null;
        });
        rt.register("raise_to_each", a -> {
            List<String> ids = new ArrayList<>();
            for (Object id : (List<?>) a.get(2)) {
                ids.add((String) id);
            }
            AnvilServer.raiseEvent((String) a.get(0), a.get(1), EventTarget.sessionIds(ids));
            return null;
        });
        rt.register("raise_on", a -> {
            AnvilServer.raiseEvent((String) a.get(0), a.get(1), EventTarget.channel((String) a.get(2)));
            return null;
        });
        rt.register("subscribe", a -> {
            AnvilServer.subscribe((String) a.get(0));
            return AnvilServer.getSubscriptions();
        });
        rt.register("unsubscribe", a -> {
            AnvilServer.unsubscribe((String) a.get(0));
            return AnvilServer.getSubscriptions();
        });
    }

    @Test
    @DisplayName("[SESS-12] the session a browser adopts with reset_session() after expiry is its own: events raised"
            + " to it, without a target or by its id, reach the browser")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_SESS_12_eventsReachTheSessionAdoptedAfterExpiry(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerRaisers(rt);
        rt.register("noop", a -> null);
        BrowserCaller browser = rt.browser();
        Listener listener = listen(env, browser, "sess12", 2);
        Expect.returns(browser, "noop", () -> browser.call("noop"));
        rt.time().advance(Duration.ofMinutes(31));
        Expect.returns(browser, "reset_session", () -> {
            browser.resetSession();
            return null;
        });
        Expect.returns(browser, "raise", () -> browser.call("raise", "sess12", "without a target"));
        env.await(listener.arrival(1), "the browser's handler to receive the event raised in its adopted session");
        String id = browser.sessionId();
        Caller server = rt.caller(CallerKind.SERVER_MODULE);
        Expect.returns(server, "raise_to", () -> server.call("raise_to", "sess12", "by its id", id));
        env.await(listener.arrival(2), "the browser's handler to receive the event raised to its adopted session's id");
        Expect.equal(browser, "raise_to", "payloads received", List.of("without a target", "by its id"),
                listener.received);
    }

    @Test
    @DisplayName("[MISC-05] raise_event(name, payload) without a target reaches the current session's handlers")
    void optional_MISC_05_eventReachesTheCurrentSession(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerRaisers(rt);
        BrowserCaller mine = rt.browser();
        BrowserCaller other = rt.browser();
        Listener atMine = listen(env, mine, "ping", 1);
        Listener otherName = listen(env, mine, "pong", 1);
        Listener atOther = listen(env, other, "ping", 1);
        Map<String, Object> payload = Map.of("n", 1L, "items", List.of("a", "b"));
        Expect.returns(mine, "raise", () -> mine.call("raise", "ping", payload));
        env.await(atMine.arrival(1), "the raising browser's 'ping' handler to receive the event");
        Expect.equal(mine, "raise", "payloads received", List.of(payload), atMine.received);
        env.expectNoSignal(atOther.arrival(1), "event reaching another browser's session");
        Expect.equal(mine, "raise", "payloads received by a handler of another name", List.of(),
                otherName.received);
    }

    @Test
    @DisplayName("[MISC-05] session_id= and session_ids= send to the sessions named")
    void optional_MISC_05_sessionIdsSelectTargets(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerRaisers(rt);
        BrowserCaller a = rt.browser();
        BrowserCaller b = rt.browser();
        BrowserCaller c = rt.browser();
        Listener atA = listen(env, a, "note", 1);
        Listener atB = listen(env, b, "note", 2);
        Listener atC = listen(env, c, "note", 1);
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Expect.returns(uplink, "raise_to", () -> uplink.call("raise_to", "note", "for b", b.sessionId()));
        Expect.returns(uplink, "raise_to_each",
                () -> uplink.call("raise_to_each", "note", "for b and c", List.of(b.sessionId(), c.sessionId())));
        env.await(atB.arrival(2), "browser b to receive both events");
        env.await(atC.arrival(1), "browser c to receive the event sent to session_ids");
        Expect.equal(uplink, "raise_to", "payloads browser b received", List.of("for b", "for b and c"),
                atB.received);
        Expect.equal(uplink, "raise_to_each", "payloads browser c received", List.of("for b and c"),
                atC.received);
        env.expectNoSignal(atA.arrival(1), "event reaching a session that was not named");
    }

    @Test
    @DisplayName("[MISC-05] channel= reaches the subscribed sessions; subscribe, unsubscribe, get_subscriptions")
    void optional_MISC_05_channelsReachSubscribers(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerRaisers(rt);
        BrowserCaller subscribed = rt.browser();
        BrowserCaller leaving = rt.browser();
        BrowserCaller never = rt.browser();
        Listener atSubscribed = listen(env, subscribed, "news", 2);
        Listener atLeaving = listen(env, leaving, "news", 2);
        Listener atNever = listen(env, never, "news", 1);
        Expect.equal(subscribed, "subscribe", "get_subscriptions() after subscribe('sport')",
                List.of("sport"), Expect.returns(subscribed, "subscribe",
                        () -> subscribed.call("subscribe", "sport")));
        Expect.returns(leaving, "subscribe", () -> leaving.call("subscribe", "sport"));
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Expect.returns(uplink, "raise_on", () -> uplink.call("raise_on", "news", "goal", "sport"));
        env.await(atLeaving.arrival(1), "the second subscribed browser to receive the first event");
        Expect.equal(leaving, "unsubscribe", "get_subscriptions() after unsubscribe('sport')", List.of(),
                Expect.returns(leaving, "unsubscribe", () -> leaving.call("unsubscribe", "sport")));
        Expect.returns(uplink, "raise_on", () -> uplink.call("raise_on", "news", "final score", "sport"));
        env.await(atSubscribed.arrival(2), "the subscribed browser to receive both events");
        Expect.equal(uplink, "raise_on", "payloads the subscribed browser received",
                List.of("goal", "final score"), atSubscribed.received);
        env.expectNoSignal(atLeaving.arrival(2), "the second event reaching the session that unsubscribed");
        Expect.equal(uplink, "raise_on", "payloads the unsubscribed browser received", List.of("goal"),
                atLeaving.received);
        env.expectNoSignal(atNever.arrival(1), "a channel event reaching a session that never subscribed");
    }

    @Test
    @DisplayName("[MISC-05] remove_event_handler: the handler stops receiving; an unknown one raises LookupError")
    void optional_MISC_05_removeEventHandler(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        registerRaisers(rt);
        BrowserCaller browser = rt.browser();
        Listener removed = listen(env, browser, "tick", 1);
        Listener kept = listen(env, browser, "tick", 1);
        Expect.returns(browser, "remove_event_handler", () -> {
            browser.removeEventHandler("tick", removed);
            return null;
        });
        Expect.returns(browser, "raise", () -> browser.call("raise", "tick", 1L));
        env.await(kept.arrival(1), "the remaining handler to receive the event");
        env.expectNoSignal(removed.arrival(1), "a removed handler receiving the event");
        for (String event : List.of("tick", "never_registered")) {
            Throwable raised = Expect.raises(browser, "remove_event_handler", NoSuchElementException.class,
                    () -> {
                        browser.removeEventHandler(event, removed);
                        return null;
                    });
            Expect.that(browser, "remove_event_handler",
                    !(raised instanceof PythonError p) || "LookupError".equals(p.pythonType()),
                    "LookupError (a NoSuchElementException)", Describe.raised(raised));
        }
    }

    @Test
    @DisplayName("[MISC-05] add_event_handler and remove_event_handler raise TypeError for a None name or handler")
    void optional_MISC_05_handlerArgumentsAreChecked(TestEnvironment env) {
        BrowserCaller browser = env.runtime().browser();
        Consumer<Object> handler = payload -> { };
        Map<String, Action> calls = new LinkedHashMap<>();
        calls.put("add_event_handler('ping', None)", () -> browser.addEventHandler("ping", null));
        calls.put("add_event_handler(None, handler)", () -> browser.addEventHandler(null, handler));
        calls.put("remove_event_handler('ping', None)", () -> browser.removeEventHandler("ping", null));
        calls.put("remove_event_handler(None, handler)", () -> browser.removeEventHandler(null, handler));
        for (Map.Entry<String, Action> call : calls.entrySet()) {
            Throwable raised = Expect.raises(browser, call.getKey(), IllegalArgumentException.class, () -> {
                call.getValue().run();
                return null;
            });
            Expect.that(browser, call.getKey(), !(raised instanceof PythonError p) || "TypeError".equals(p.pythonType()),
                    "TypeError (an IllegalArgumentException)", Describe.raised(raised));
        }
    }

    /** One call of the browser's event API. */
    private interface Action {
        void run();
    }

    @Test
    @DisplayName("[MISC-05] list_client_sessions(user=None) and get_client_session(id) read other sessions"
            + " (section 1.1, Q-15)")
    void optional_MISC_05_listAndReadClientSessions(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.register("sessions", a -> a.args().isEmpty() ? AnvilServer.listClientSessions()
                : AnvilServer.listClientSessions(a.get(0)));
        rt.register("session_of", a -> AnvilServer.getClientSession((String) a.get(0)));
        rt.register("touch", a -> null);
        BrowserCaller ann = rt.browser();
        ann.user(Probes.USER);
        BrowserCaller bob = rt.browser();
        bob.putSession("colour", "green");
        Expect.returns(ann, "touch", () -> ann.call("touch"));
        Expect.returns(bob, "touch", () -> bob.call("touch"));
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Object all = Expect.returns(uplink, "sessions", () -> uplink.call("sessions"));
        Expect.that(uplink, "sessions", all instanceof List<?> l && l.contains(ann.sessionId())
                && l.contains(bob.sessionId()), "list_client_sessions() to hold both browsers' session ids",
                Describe.value(all));
        Object annOnly = Expect.returns(uplink, "sessions", () -> uplink.call("sessions", Probes.USER));
        Expect.equal(uplink, "sessions", "list_client_sessions(user)", List.of(ann.sessionId()), annOnly);
        Expect.equal(ann, "session_of", "get_client_session(bob's session id)", Map.of("colour", "green"),
                Expect.returns(ann, "session_of", () -> ann.call("session_of", bob.sessionId())));
    }

    @Test
    @DisplayName("[MISC-05] get_client_session(id) reads the caller's own session too, and no longer reads a session"
            + " that has expired (SESS-10)")
    @RequiresFeature(Feature.TIME_CONTROL)
    void optional_MISC_05_ownAndExpiredSessionsByIdentifier(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.register("session_of", a -> AnvilServer.getClientSession((String) a.get(0)));
        BrowserCaller bob = rt.browser();
        bob.putSession("colour", "green");
        String id = bob.sessionId();
        Expect.equal(bob, "session_of", "get_client_session(its own session id)", Map.of("colour", "green"),
                Expect.returns(bob, "session_of", () -> bob.call("session_of", id)));
        rt.time().advance(java.time.Duration.ofHours(2));
        Caller uplink = rt.caller(CallerKind.UPLINK);
        Expect.equal(uplink, "session_of", "get_client_session(id) of a session idle for two hours", null,
                Expect.returns(uplink, "session_of", () -> uplink.call("session_of", id)));
    }

    @Test
    @DisplayName("[MISC-05] a connected uplink raises events in the session of the call it serves or to the sessions"
            + " and channels it names, subscribes that session, and lists and reads sessions")
    @RequiresFeature(Feature.UPLINK_WIRE)
    void optional_MISC_05_connectedUplinkUsesTheEventApi(TestEnvironment env) {
        RuntimeUnderTest rt = env.runtime();
        rt.register("touch", a -> null);
        try (Uplink uplink = RealUplinks.connectServer("MISC-05", RealUplinks.server(rt).register("misc05_raise",
                a -> {
                    AnvilServer.raiseEvent((String) a.get(0), a.get(1));
                    return null;
                }).register("misc05_subscribe", a -> {
                    AnvilServer.subscribe((String) a.get(0));
                    return AnvilServer.getSubscriptions();
                }).register("misc05_unsubscribe", a -> {
                    AnvilServer.unsubscribe((String) a.get(0));
                    return AnvilServer.getSubscriptions();
                }))) {
            BrowserCaller mine = rt.browser();
            BrowserCaller other = rt.browser();
            BrowserCaller named = rt.browser();
            named.putSession("colour", "green");
            Expect.returns(named, "touch", () -> named.call("touch"));
            Listener atMine = listen(env, mine, "ping", 2);
            Listener atOther = listen(env, other, "ping", 1);
            Listener atNamed = listen(env, named, "note", 3);
            Expect.returns(mine, "misc05_raise", () -> mine.call("misc05_raise", "ping", "from the uplink"));
            env.await(atMine.arrival(1), "the calling browser's handler to receive the uplink's event");
            Expect.equal(mine, "misc05_subscribe", "get_subscriptions() on the uplink after subscribe('sport')",
                    List.of("sport"), Expect.returns(mine, "misc05_subscribe",
                            () -> mine.call("misc05_subscribe", "sport")));
            try (dev.anvilcheck.server.host.CallScope.Binding top = uplink.bind()) {
                AnvilServer.raiseEvent("ping", "on the channel", EventTarget.channel("sport"));
                env.await(atMine.arrival(2), "the subscribed browser to receive the channel event");
                AnvilServer.raiseEvent("note", "to one", EventTarget.sessionId(named.sessionId()));
                AnvilServer.raiseEvent("note", "to each", EventTarget.sessionIds(List.of(named.sessionId())));
                env.await(atNamed.arrival(2), "the named session to receive both events");
                Expect.equal(CallerKind.UPLINK, "anvil.private.raise_event", "payloads the named session received",
                        List.of("to one", "to each"), atNamed.received);
                List<String> sessions = AnvilServer.listClientSessions();
                Expect.that(CallerKind.UPLINK, "anvil.private.list_sessions", sessions.contains(named.sessionId()),
                        "list_client_sessions() to hold the browser's session id", Describe.value(sessions));
                Expect.equal(CallerKind.UPLINK, "anvil.private.get_session_data", "get_client_session(id)",
                        Map.of("colour", "green"), AnvilServer.getClientSession(named.sessionId()));
                Expect.equal(CallerKind.UPLINK, "anvil.private.get_subscriptions",
                        "get_subscriptions() of the uplink's own session", List.of(), AnvilServer.getSubscriptions());
            }
            Expect.equal(mine, "misc05_unsubscribe", "get_subscriptions() on the uplink after unsubscribe('sport')",
                    List.of(), Expect.returns(mine, "misc05_unsubscribe",
                            () -> mine.call("misc05_unsubscribe", "sport")));
            Expect.equal(mine, "misc05_raise", "payloads the calling browser received",
                    List.of("from the uplink", "on the channel"), atMine.received);
            env.expectNoSignal(atOther.arrival(1), "an event reaching a session that was not the target");
        }
    }
}
