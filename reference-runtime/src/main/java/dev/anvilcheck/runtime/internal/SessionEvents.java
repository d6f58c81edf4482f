package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.server.host.ServerEvents;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The event API as one call's server code sees it (MISC-05, Q-15): raising events to the browsers
 * of target sessions, listing and reading persisted sessions, and the call's own session's channel
 * subscriptions. Events are handed to the target browsers' handlers at once, on the thread that
 * raised them; each browser gets its own copy of the payload, which is checked by the rules of a
 * call's arguments first, as the platform sends it with a call (CALL-20).
 */
final class SessionEvents implements ServerEvents {
    private final Dispatcher dispatcher;
    private final SessionRecord current;
    private final Side side;

    /** @param side the side of the server code that raises events: its zone and portable classes */
    SessionEvents(Dispatcher dispatcher, SessionRecord current, Side side) {
        this.dispatcher = dispatcher;
        this.current = current;
        this.side = side;
    }

    private SessionRecord find(String id) {
        if (current.id().equals(id)) {
            return current;
        }
        return dispatcher.sessions().find(id, dispatcher::expired);
    }

    @Override
    public void raiseEvent(String name, Object payload, EventTarget target) {
        if (name == null) {
            throw new TypeError("raise_event() needs an event name (str), not None");
        }
        Objects.requireNonNull(target, "target");
        List<Object> args = new ArrayList<>(2);
        args.add(name);
        args.add(payload);
        Object checked = Crossing.from(side).arguments(new Arguments(args, Map.of())).args().get(1);
        Map<String, SessionRecord> targets = new LinkedHashMap<>();
        if (target.isCurrentSession()) {
            targets.put(current.id(), current);
        } else if (target.sessionId() != null) {
            addTarget(targets, target.sessionId());
        } else if (target.sessionIds() != null) {
            for (String id : target.sessionIds()) {
                addTarget(targets, id);
            }
        } else {
            for (SessionRecord record : dispatcher.sessions().live(dispatcher::expired)) {
                if (record.subscribed(target.channel())) {
                    targets.put(record.id(), record);
                }
            }
        }
        for (SessionRecord record : targets.values()) {
            EventSink sink = record.eventSink();
            if (sink != null) {
                sink.deliver(name, Crossing.from(side).returnValue(checked));
            }
        }
    }

    private void addTarget(Map<String, SessionRecord> targets, String id) {
        SessionRecord record = find(id);
        if (record != null) {
            targets.put(record.id(), record);
        }
    }

    @Override
    public List<String> listClientSessions(Object user) {
        List<String> ids = new ArrayList<>();
        for (SessionRecord record : dispatcher.sessions().live(dispatcher::expired)) {
            if (user == null || Objects.equals(user, record.user())) {
                ids.add(record.id());
            }
        }
        return ids;
    }

    @Override
    public Map<String, Object> getClientSession(String sessionId) {
        SessionRecord record = find(sessionId);
        return record == null ? null : Crossing.from(dispatcher.serverSide()).sessionData(record.data());
    }

    private static String check(String channel) {
        if (channel == null) {
            throw new TypeError("A channel must be a string, not None");
        }
        return channel;
    }

    @Override
    public void subscribe(String channel) {
        current.subscribe(check(channel));
        dispatcher.sessions().persist(current);
    }

    @Override
    public void unsubscribe(String channel) {
        current.unsubscribe(check(channel));
    }

    @Override
    public List<String> getSubscriptions() {
        return current.subscriptions();
    }
}
