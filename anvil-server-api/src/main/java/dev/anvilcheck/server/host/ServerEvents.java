package dev.anvilcheck.server.host;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.server.SerializationError;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The newer event API of {@code anvil.server} as a runtime provides it to server code (MISC-05,
 * optional): raising named events to browser sessions, listing and reading other sessions,
 * and the current session's channel subscriptions. Runtimes implement this interface; server
 * code reaches it through the static methods of {@link AnvilServer} ({@code raiseEvent},
 * {@code listClientSessions}, {@code getClientSession}, {@code subscribe}, {@code unsubscribe},
 * {@code getSubscriptions}). On the platform these functions are server-only (AUTH-06); in Java
 * only server code can reach them.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ServerEvents {
    /**
     * Sends an event to the browsers of the target sessions, whose handlers for {@code name}
     * receive {@code payload} ({@code raise_event}, MISC-05). Sessions without a browser, and
     * unknown session ids, receive nothing.
     *
     * @param name the event name
     * @param payload the payload, a value that can cross the wire, or {@code null}
     * @param target the sessions to send to
     * @throws SerializationError if the payload cannot cross the wire
     */
    void raiseEvent(String name, Object payload, EventTarget target);

    /**
     * The ids of the live sessions of the app, or of those where {@code user} is logged in
     * ({@code list_client_sessions(user=None)}).
     *
     * @param user the user to filter by, or {@code null} for every session
     * @return the session ids
     */
    List<String> listClientSessions(Object user);

    /**
     * A copy of another session's {@code anvil.server.session} data, as last committed
     * ({@code get_client_session(session_id)}).
     *
     * @param sessionId the session id
     * @return the data, or {@code null} if there is no such live session
     */
    Map<String, Object> getClientSession(String sessionId);

    /**
     * Subscribes the current session to a channel ({@code subscribe(channel)}); takes effect at
     * once, whatever the call does afterwards.
     *
     * @param channel the channel
     */
    void subscribe(String channel);

    /**
     * Unsubscribes the current session from a channel ({@code unsubscribe(channel)}); no error if
     * it was not subscribed.
     *
     * @param channel the channel
     */
    void unsubscribe(String channel);

    /**
     * The channels the current session is subscribed to ({@code get_subscriptions()}).
     *
     * @return the channels
     */
    List<String> getSubscriptions();
}
