package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.LookupError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.server.SerializationError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The event API of the reference runtime (MISC-05, Q-15). */
class ServerEventsTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();

    @BeforeEach
    void register() {
        runtime.register("raise", a -> {
            AnvilServer.raiseEvent((String) a.get(0), a.get(1));
            return null;
        });
        runtime.register("raise_to", a -> {
            AnvilServer.raiseEvent((String) a.get(0), a.get(1), EventTarget.sessionId((String) a.get(2)));
            return null;
        });
        runtime.register("raise_to_all", a -> {
            @SuppressWarnings("unchecked")
            List<String> ids = (List<String>) a.get(2);
            AnvilServer.raiseEvent((String) a.get(0), a.get(1), EventTarget.sessionIds(ids));
            return null;
        });
        runtime.register("raise_on", a -> {
            AnvilServer.raiseEvent((String) a.get(0), a.get(1), EventTarget.channel((String) a.get(2)));
            return null;
        });
        runtime.register("subscribe", a -> {
            AnvilServer.subscribe((String) a.get(0));
            return AnvilServer.getSubscriptions();
        });
        runtime.register("unsubscribe", a -> {
            AnvilServer.unsubscribe((String) a.get(0));
            return AnvilServer.getSubscriptions();
        });
        runtime.register("sessions", a -> a.args().isEmpty() ? AnvilServer.listClientSessions()
                : AnvilServer.listClientSessions(a.get(0)));
        runtime.register("session_of", a -> AnvilServer.getClientSession((String) a.get(0)));
        runtime.register("my_id", a -> AnvilServer.getSessionId());
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private static List<Object> listen(SimulatedBrowser browser, String name) {
        List<Object> received = new CopyOnWriteArrayList<>();
        browser.addEventHandler(name, received::add);
        return received;
    }

    @Test
    void misc05_withoutATargetTheEventGoesToTheCurrentSession() {
        SimulatedBrowser mine = runtime.browser();
        SimulatedBrowser other = runtime.browser();
        List<Object> atMine = listen(mine, "ping");
        List<Object> atOther = listen(other, "ping");
        List<Object> otherName = listen(mine, "pong");
        mine.call("raise", "ping", Map.of("n", 1));
        assertThat(atMine).containsExactly(Map.of("n", 1L));
        assertThat(atOther).isEmpty();
        assertThat(otherName).isEmpty();
        runtime.uplink().call("raise", "ping", "to the uplink's own session");
        assertThat(atMine).hasSize(1);
    }

    @Test
    void misc05_sessionIdAndSessionIdsSelectTargets() {
        SimulatedBrowser a = runtime.browser();
        SimulatedBrowser b = runtime.browser();
        SimulatedBrowser c = runtime.browser();
        List<Object> atA = listen(a, "e");
        List<Object> atB = listen(b, "e");
        List<Object> atC = listen(c, "e");
        runtime.uplink().call("raise_to", "e", "for b", b.sessionId());
        runtime.uplink().call("raise_to_all", "e", "for a and c", List.of(a.sessionId(), c.sessionId(), "unknown"));
        runtime.uplink().call("raise_to", "e", "nobody", "unknown");
        a.call("raise_to_all", "e", "empty list: current", List.of());
        assertThat(atA).containsExactly("for a and c", "empty list: current");
        assertThat(atB).containsExactly("for b");
        assertThat(atC).containsExactly("for a and c");
    }

    @Test
    void misc05_channelsReachSubscribedSessions() {
        SimulatedBrowser a = runtime.browser();
        SimulatedBrowser b = runtime.browser();
        List<Object> atA = listen(a, "news");
        List<Object> atB = listen(b, "news");
        assertThat(a.call("subscribe", "sport")).isEqualTo(List.of("sport"));
        assertThat(a.call("subscribe", "weather")).isEqualTo(List.of("sport", "weather"));
        b.call("subscribe", "weather");
        runtime.uplink().call("raise_on", "news", "goal", "sport");
        runtime.uplink().call("raise_on", "news", "rain", "weather");
        assertThat(a.call("unsubscribe", "weather")).isEqualTo(List.of("sport"));
        assertThat(a.call("unsubscribe", "never")).isEqualTo(List.of("sport"));
        runtime.uplink().call("raise_on", "news", "sun", "weather");
        assertThat(atA).containsExactly("goal", "rain");
        assertThat(atB).containsExactly("rain", "sun");
        runtime.faults().expireSession(a); // a live session is kept by reset_session (SESS-12)
        a.resetSession();
        assertThat(a.call("subscribe", "other")).as("subscriptions belong to the session").isEqualTo(List.of("other"));
    }

    @Test
    void misc05_handlersRunInOrderWithOwnCopiesAndCanBeRemoved() {
        SimulatedBrowser browser = runtime.browser();
        List<String> order = new ArrayList<>();
        List<Object> payloads = new ArrayList<>();
        Consumer<Object> first = p -> {
            order.add("first");
            payloads.add(p);
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) p;
            list.add("mutated");
        };
        Consumer<Object> second = p -> {
            order.add("second");
            payloads.add(p);
        };
        browser.addEventHandler("e", first);
        browser.addEventHandler("e", second);
        browser.addEventHandler("e", first);
        browser.call("raise", "e", List.of(1));
        assertThat(order).containsExactly("first", "second", "first");
        assertThat(payloads.get(1)).isEqualTo(List.of(1L));
        browser.removeEventHandler("e", first);
        order.clear();
        browser.call("raise", "e", null);
        assertThat(order).containsExactly("second");
        assertThatThrownBy(() -> browser.removeEventHandler("e", first)).isInstanceOf(LookupError.class);
        assertThatThrownBy(() -> browser.removeEventHandler("other", second)).isInstanceOf(LookupError.class);
        assertThatThrownBy(() -> browser.addEventHandler(null, second)).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> browser.addEventHandler("e", null)).isInstanceOf(TypeError.class);
    }

    @Test
    void misc05_aFailingHandlerStaysInTheBrowser() {
        SimulatedBrowser browser = runtime.browser();
        List<Object> later = listen(browser, "e");
        browser.addEventHandler("e", p -> {
            throw new IllegalStateException("handler bug");
        });
        List<Object> afterFailure = listen(browser, "e");
        assertThat(browser.call("raise", "e", 1)).isNull();
        assertThat(later).containsExactly(1L);
        assertThat(afterFailure).containsExactly(1L);
        assertThat(browser.eventHandlerErrors()).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void misc05_anUnserialisablePayloadFailsTheRaiserAndReachesNobody() {
        SimulatedBrowser browser = runtime.browser();
        List<Object> received = listen(browser, "e");
        assertThatThrownBy(() -> browser.call("raise", "e", new Object() {
        })).isInstanceOf(SerializationError.class);
        runtime.register("raise_set", a -> {
            AnvilServer.raiseEvent("e", java.util.Set.of(1));
            return null;
        });
        assertThatThrownBy(() -> browser.call("raise_set")).isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Cannot serialize arguments to function.");
        assertThat(received).isEmpty();
    }

    @Test
    void misc05_listClientSessionsAndGetClientSession() {
        SimulatedBrowser ann = runtime.browser().user(Map.of("email", "ann@example.com"));
        SimulatedBrowser bob = runtime.browser();
        bob.putSession("colour", "green");
        SimulatedUplink uplink = runtime.uplink();
        assertThat(uplink.call("sessions")).asList().containsExactlyInAnyOrder(ann.sessionId(), bob.sessionId());
        Object uplinkId = uplink.call("my_id");
        assertThat(uplink.call("sessions")).asList().contains(uplinkId);
        assertThat(uplink.call("sessions", Map.of("email", "ann@example.com")))
                .isEqualTo(List.of(ann.sessionId()));
        assertThat(ann.call("session_of", bob.sessionId())).isEqualTo(Map.of("colour", "green"));
        assertThat(ann.call("session_of", "unknown")).isNull();
        String oldBob = bob.sessionId();
        runtime.faults().expireSession(bob); // a live session is kept by reset_session (SESS-12)
        bob.resetSession();
        assertThat(uplink.call("sessions")).asList().doesNotContain(oldBob).contains(bob.sessionId());
        runtime.fakeClock().advance(Duration.ofMinutes(31));
        assertThat(runtime.uplink().call("sessions")).as("expired sessions are gone").asList().isEmpty();
    }
}
