package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ServerEvents;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Breaks SESS-09: {@code get_session_id()} does not persist the session, so code in another
 * session cannot read it by that id ({@code get_client_session} finds nothing) unless something
 * else (a browser) made it known.
 */
@Breaks(value = "SESS-09", bug = "get_session_id() does not persist the session")
public final class GetSessionIdDoesNotPersist extends DelegatingProvider {
    /** Ids that get_session_id() handed to code not called by a browser. */
    private final Set<String> onlyByGetSessionId = ConcurrentHashMap.newKeySet();

    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public String getSessionId() {
                String id = super.getSessionId();
                StackFrame caller = context().remoteCaller();
                if (caller == null || !"browser".equals(caller.type())) {
                    onlyByGetSessionId.add(id);
                }
                return id;
            }

            @Override
            public ServerEvents events() {
                ServerEvents events = super.events();
                return new ServerEvents() {
                    @Override
                    public void raiseEvent(String name, Object payload, EventTarget target) {
                        events.raiseEvent(name, payload, target);
                    }

                    @Override
                    public List<String> listClientSessions(Object user) {
                        return events.listClientSessions(user);
                    }

                    @Override
                    public Map<String, Object> getClientSession(String sessionId) {
                        return onlyByGetSessionId.contains(sessionId) ? null : events.getClientSession(sessionId);
                    }

                    @Override
                    public void subscribe(String channel) {
                        events.subscribe(channel);
                    }

                    @Override
                    public void unsubscribe(String channel) {
                        events.unsubscribe(channel);
                    }

                    @Override
                    public List<String> getSubscriptions() {
                        return events.getSubscriptions();
                    }
                };
            }
        };
    }
}
