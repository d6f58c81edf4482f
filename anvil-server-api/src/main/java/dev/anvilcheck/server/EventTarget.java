package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Which sessions a server event goes to: the keyword arguments {@code session_id},
 * {@code session_ids} and {@code channel} of {@code anvil.server.raise_event} (MISC-05). Make one
 * with {@link #sessionId(String)}, {@link #sessionIds(List)} or {@link #channel(String)}; without
 * a target ({@link #currentSession()}) the event goes to the current session. As on the platform,
 * an empty list of session ids also means the current session.
 *
 * @param sessionId one session, or {@code null}
 * @param sessionIds several sessions, or {@code null}
 * @param channel every session subscribed to this channel, or {@code null}
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EventTarget(String sessionId, List<String> sessionIds, String channel) {
    private static final EventTarget CURRENT = new EventTarget(null, null, null);

    /**
     * Validates the target: at most one of its parts is given.
     *
     * @param sessionId one session, or {@code null}
     * @param sessionIds several sessions, or {@code null}
     * @param channel a channel, or {@code null}
     * @throws dev.anvilcheck.python.ValueError if more than one part is given
     * @throws dev.anvilcheck.python.TypeError if {@code sessionIds} holds {@code null}
     */
    public EventTarget {
        int given = (sessionId == null ? 0 : 1) + (sessionIds == null ? 0 : 1) + (channel == null ? 0 : 1);
        if (given > 1) {
            throw new dev.anvilcheck.python.ValueError(
                    "raise_event() takes at most one of session_id, session_ids and channel");
        }
        if (sessionIds != null) {
            for (String id : sessionIds) {
                if (id == null) {
                    throw new dev.anvilcheck.python.TypeError("session_ids must be strings, not None");
                }
            }
            sessionIds = List.copyOf(sessionIds);
        }
    }

    /**
     * The current session, as {@code raise_event(name, payload)} without a target.
     *
     * @return the target
     */
    public static EventTarget currentSession() {
        return CURRENT;
    }

    /**
     * One session ({@code session_id=id}).
     *
     * @param id the session id
     * @return the target
     */
    public static EventTarget sessionId(String id) {
        return new EventTarget(java.util.Objects.requireNonNull(id, "id"), null, null);
    }

    /**
     * Several sessions ({@code session_ids=ids}).
     *
     * @param ids the session ids
     * @return the target
     */
    public static EventTarget sessionIds(List<String> ids) {
        return new EventTarget(null, java.util.Objects.requireNonNull(ids, "ids"), null);
    }

    /**
     * Every session subscribed to a channel ({@code channel=name}).
     *
     * @param name the channel
     * @return the target
     */
    public static EventTarget channel(String name) {
        return new EventTarget(null, null, java.util.Objects.requireNonNull(name, "name"));
    }

    /**
     * Whether this target is the current session: no part given, or an empty list of ids.
     *
     * @return true for the current session
     */
    public boolean isCurrentSession() {
        return sessionId == null && channel == null && (sessionIds == null || sessionIds.isEmpty());
    }
}
