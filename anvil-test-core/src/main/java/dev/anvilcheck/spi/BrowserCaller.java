package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.Arguments;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A simulated browser window, with the functions that exist only in the browser
 * ({@code call_s}, {@code reset_session}, {@code is_app_online}, the server event handlers;
 * CALL-16, SESS-12, MISC-02, MISC-05).
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface BrowserCaller extends Caller {
    /**
     * Like {@link #call(String, Arguments)}, without the loading indicator (CALL-16).
     *
     * @param fnName the registered name
     * @param arguments the arguments
     * @return the return value
     */
    Object callS(String fnName, Arguments arguments);

    /**
     * {@code reset_session()} (SESS-12): invalidates what the browser holds; after
     * {@link dev.anvilcheck.server.SessionExpiredError} adopts a fresh, empty session, while a live
     * session is kept with its data and user.
     */
    void resetSession();

    /**
     * Whether the app server is reachable (MISC-02).
     *
     * @return true when online
     */
    boolean isAppOnline();

    /**
     * How many calls of this browser have shown the loading indicator so far (CALL-16, CALL-17).
     * Needs {@link Feature#LOADING_INDICATOR}.
     *
     * @return the count
     * @throws UnsupportedOperationException without {@link Feature#LOADING_INDICATOR}
     */
    default int loadingIndicatorCount() {
        throw new UnsupportedOperationException("this runtime does not simulate the loading indicator");
    }

    /**
     * Starts a block in which calls show no loading indicator, until the returned handle is closed
     * ({@code with anvil.server.no_loading_indicator:}); blocks nest (CALL-17). Needs
     * {@link Feature#LOADING_INDICATOR}.
     *
     * @return the block, to close
     * @throws UnsupportedOperationException without {@link Feature#LOADING_INDICATOR}
     */
    default AutoCloseable noLoadingIndicator() {
        throw new UnsupportedOperationException("this runtime does not simulate the loading indicator");
    }

    /**
     * Adds a handler that receives the payload of every server event named {@code eventName}
     * raised to this browser's session ({@code anvil.server.add_event_handler}, MISC-05); handlers
     * of one name run in the order they were added. Needs {@link Feature#EVENTS}.
     *
     * @param eventName the event name
     * @param handler called with each event's payload
     * @throws UnsupportedOperationException without {@link Feature#EVENTS}
     */
    default void addEventHandler(String eventName, Consumer<Object> handler) {
        throw new UnsupportedOperationException("this runtime does not simulate server events");
    }

    /**
     * Removes a handler added with {@link #addEventHandler} ({@code anvil.server.remove_event_handler},
     * MISC-05). Needs {@link Feature#EVENTS}.
     *
     * @param eventName the event name
     * @param handler the handler to remove
     * @throws java.util.NoSuchElementException (Python's {@code LookupError}, e.g.
     *     {@link dev.anvilcheck.python.LookupError}) if the handler is not registered for that name
     * @throws UnsupportedOperationException without {@link Feature#EVENTS}
     */
    default void removeEventHandler(String eventName, Consumer<Object> handler) {
        throw new UnsupportedOperationException("this runtime does not simulate server events");
    }

    /**
     * The {@code Cookie} header value that carries this browser's session, e.g.
     * {@code anvil-session=...}: an HTTP request sending it from the app's own site runs in this
     * browser's session (CTX-04, HTTP-27). Needs {@link Feature#HTTP_SESSION_COOKIE}.
     *
     * @return the cookie, as {@code name=value}
     * @throws UnsupportedOperationException without {@link Feature#HTTP_SESSION_COOKIE}
     */
    default String sessionCookie() {
        throw new UnsupportedOperationException("this runtime does not expose a browser's session cookie");
    }

    /**
     * Loads the app in this browser window from the {@code @route} at {@code path}, in this
     * browser's session, as when a user opens that URL (HTTP-19). Needs {@link Feature#APP_PAGES}.
     *
     * @param path the path and query, e.g. {@code /invoices/7}
     * @return the HTTP response that served the page
     * @throws UnsupportedOperationException without {@link Feature#APP_PAGES}
     */
    default RawHttpResponse openPage(String path) {
        throw new UnsupportedOperationException("this runtime does not load app pages in a browser");
    }

    /**
     * {@code anvil.server.startup_data} in this browser: the {@code data} of the
     * {@code AppResponder} that served the page it loaded last, else {@code null} (MISC-03). Needs
     * {@link Feature#APP_PAGES}.
     *
     * @return the startup data, or {@code null}
     * @throws UnsupportedOperationException without {@link Feature#APP_PAGES}
     */
    default Object startupData() {
        throw new UnsupportedOperationException("this runtime does not load app pages in a browser");
    }
}
