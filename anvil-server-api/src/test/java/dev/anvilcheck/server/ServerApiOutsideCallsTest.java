package dev.anvilcheck.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.LookupError;
import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ServerEvents;
import dev.anvilcheck.server.host.WireError;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** The cookie and event functions of the facade, outside a call and on a runtime without them. */
class ServerApiOutsideCallsTest {

    /** A runtime's scope that implements neither cookies nor events. */
    private static class BareScope implements CallScope {
        @Override
        public CallContext context() {
            return CallContext.idle("server_module");
        }

        @Override
        public Session session() {
            throw new UnsupportedOperationException("no session");
        }

        @Override
        public Object user() {
            return null;
        }

        @Override
        public Object call(String fnName, Arguments arguments) {
            throw new UnsupportedOperationException("no calls");
        }
    }

    @Test
    void sess16_misc05_needACallInProgress() {
        assertThatThrownBy(AnvilServer::cookies).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("anvil.server.cookies");
        assertThatThrownBy(() -> AnvilServer.raiseEvent("e", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raise_event()");
        assertThatThrownBy(AnvilServer::listClientSessions).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AnvilServer.getClientSession("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AnvilServer.subscribe("c")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AnvilServer.unsubscribe("c")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(AnvilServer::getSubscriptions).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRuntimeWithoutCookiesOrEventsSaysSo() {
        try (CallScope.Binding ignored = CallScope.bind(new BareScope())) {
            assertThatThrownBy(AnvilServer::cookies).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cookies");
            assertThatThrownBy(() -> AnvilServer.raiseEvent("e")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("events");
            assertThatThrownBy(() -> AnvilServer.raiseEvent(null, 1)).isInstanceOf(TypeError.class);
        }
    }

    @Test
    void misc05_raiseEventOverloadsReachTheRuntimeWithTheCurrentSessionByDefault() {
        List<Object[]> raised = new java.util.ArrayList<>();
        ServerEvents events = new ServerEvents() {
            @Override
            public void raiseEvent(String name, Object payload, EventTarget target) {
                raised.add(new Object[] {name, payload, target});
            }

            @Override
            public List<String> listClientSessions(Object user) {
                return user == null ? List.of("all") : List.of("of " + user);
            }

            @Override
            public java.util.Map<String, Object> getClientSession(String sessionId) {
                return java.util.Map.of("id", sessionId);
            }

            @Override
            public void subscribe(String channel) {
                raised.add(new Object[] {"subscribe", channel});
            }

            @Override
            public void unsubscribe(String channel) {
                raised.add(new Object[] {"unsubscribe", channel});
            }

            @Override
            public List<String> getSubscriptions() {
                return List.of("c");
            }
        };
        CallScope scope = new BareScope() {
            @Override
            public ServerEvents events() {
                return events;
            }
        };
        try (CallScope.Binding ignored = CallScope.bind(scope)) {
            AnvilServer.raiseEvent("a");
            AnvilServer.raiseEvent("b", 2);
            AnvilServer.raiseEvent("c", 3, null);
            AnvilServer.raiseEvent("d", 4, EventTarget.channel("news"));
            AnvilServer.subscribe("news");
            AnvilServer.unsubscribe("news");
            assertThat(AnvilServer.listClientSessions()).containsExactly("all");
            assertThat(AnvilServer.listClientSessions("ann")).containsExactly("of ann");
            assertThat(AnvilServer.getClientSession("s")).containsEntry("id", "s");
            assertThat(AnvilServer.getSubscriptions()).containsExactly("c");
        }
        assertThat(raised).hasSize(6);
        assertThat(raised.get(0)).containsExactly("a", null, EventTarget.currentSession());
        assertThat(raised.get(1)).containsExactly("b", 2, EventTarget.currentSession());
        assertThat(raised.get(2)).containsExactly("c", 3, EventTarget.currentSession());
        assertThat(raised.get(3)).containsExactly("d", 4, EventTarget.channel("news"));
    }

    @Test
    void lookupErrorIsTheBaseOfKeyErrorAsInPython() {
        KeyError key = new KeyError("k");
        assertThat(key).isInstanceOf(LookupError.class).isInstanceOf(NoSuchElementException.class);
        assertThat(key.pythonType()).isEqualTo("KeyError");
        PythonError lookup = new LookupError("missing");
        assertThat(lookup.pythonType()).isEqualTo("LookupError");
        assertThat(WireError.of(new LookupError("missing")).type()).isEqualTo("LookupError");
        assertThat(WireError.of(key).toException()).isInstanceOf(KeyError.class);
    }
}
