package dev.anvilcheck.uplink;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.server.host.ServerEvents;
import dev.anvilcheck.wire.PrivateCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server-event API on an uplink (MISC-05): each operation asks the server, as the Python
 * client's {@code raise_event}, {@code list_client_sessions}, {@code get_client_session},
 * {@code subscribe}, {@code unsubscribe} and {@code get_subscriptions} do, in the session of the
 * call the uplink serves, or of its connection at the top level; the server refuses client code
 * (AUTH-06).
 */
final class UplinkEvents implements ServerEvents {
    private final UplinkScope scope;

    UplinkEvents(UplinkScope scope) {
        this.scope = scope;
    }

    @Override
    public void raiseEvent(String name, Object payload, EventTarget target) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if (target != null && target.channel() != null) {
            kwargs.put("channel", target.channel());
        } else if (target != null && target.sessionIds() != null) {
            kwargs.put("session_ids", new ArrayList<Object>(target.sessionIds()));
        } else if (target != null && target.sessionId() != null) {
            kwargs.put("session_id", target.sessionId());
        }
        List<Object> args = new ArrayList<>(2);
        args.add(name);
        args.add(payload);
        scope.call(PrivateCommands.RAISE_EVENT, new Arguments(args, kwargs));
    }

    @Override
    public List<String> listClientSessions(Object user) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("user", user);
        return strings(scope.call(PrivateCommands.LIST_SESSIONS, new Arguments(List.of(), kwargs)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> getClientSession(String sessionId) {
        Object data = scope.call(PrivateCommands.GET_SESSION_DATA, Arguments.of(sessionId));
        return data == null ? null : (Map<String, Object>) data;
    }

    @Override
    public void subscribe(String channel) {
        scope.call(PrivateCommands.SUBSCRIBE, Arguments.of(channel));
    }

    @Override
    public void unsubscribe(String channel) {
        scope.call(PrivateCommands.UNSUBSCRIBE, Arguments.of(channel));
    }

    @Override
    public List<String> getSubscriptions() {
        return strings(scope.call(PrivateCommands.GET_SUBSCRIPTIONS, Arguments.none()));
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }
}
