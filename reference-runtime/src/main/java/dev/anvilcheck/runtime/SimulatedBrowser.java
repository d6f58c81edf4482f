package dev.anvilcheck.runtime;

import dev.anvilcheck.python.LookupError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.runtime.internal.cookies.CookieStore;
import dev.anvilcheck.runtime.internal.http.HttpService;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A simulated browser window running the app's client code: untrusted (CTX-07), with a session
 * of its own (SESS-01). Its calls are sent in issue order, one at a time (CALL-18). It has the
 * browser-only functions: {@link #callS}, {@link #noLoadingIndicator()}, {@link #resetSession()},
 * {@link #isAppOnline()}, {@link #addEventHandler} and {@link #removeEventHandler} (CALL-16,
 * CALL-17, SESS-12, MISC-02, MISC-05). It holds its own cookies, which server code running in its
 * sessions reads and writes with {@code AnvilServer.cookies()} and tests with {@link #cookies()}
 * (SESS-16); each simulated browser is a separate browser, so two never share cookies.
 *
 * @since 0.1
 */
public final class SimulatedBrowser extends SimulatedCaller<SimulatedBrowser> implements BrowserCaller {
    private static final System.Logger LOG = System.getLogger(SimulatedBrowser.class.getName());

    private final ReentrantLock sendOrder = new ReentrantLock(true);
    private final AtomicInteger suppressions = new AtomicInteger();
    private final AtomicInteger indicatorShows = new AtomicInteger();
    private final CookieStore cookieStore;
    private final Map<String, List<Consumer<Object>>> eventHandlers = new ConcurrentHashMap<>();
    private final List<Throwable> eventHandlerErrors = new CopyOnWriteArrayList<>();
    private final HttpService http;
    private volatile Object startupData;

    SimulatedBrowser(Dispatcher dispatcher, HttpService http) {
        super(dispatcher, CallerKind.BROWSER, "browser", "127.0.0.1", null);
        this.http = http;
        this.cookieStore = new CookieStore(dispatcher.config().clock());
        attach(session);
    }

    /** Makes {@code record} this browser's: its cookies, its events, reachable by id (MISC-05). */
    private void attach(SessionRecord record) {
        record.cookieStore(cookieStore);
        record.eventSink(this::deliver);
        dispatcher.sessions().persist(record);
    }

    @Override
    boolean isBrowser() {
        return true;
    }

    /**
     * Calls a server function, showing the loading indicator unless inside
     * {@link #noLoadingIndicator()} (CALL-17); waits for earlier calls of this browser first
     * (CALL-18).
     *
     * @param fnName the registered name
     * @param arguments the arguments
     * @return the return value
     */
    @Override
    public Object call(String fnName, Arguments arguments) {
        return send(fnName, arguments, suppressions.get() == 0);
    }

    /**
     * Calls a server function without the loading indicator ({@code call_s}, CALL-16).
     *
     * @param fnName the registered name
     * @param arguments the arguments
     * @return the return value
     */
    @Override
    public Object callS(String fnName, Arguments arguments) {
        return send(fnName, arguments, false);
    }

    /**
     * Like {@link #callS(String, Arguments)} with positional arguments, optionally followed by
     * one {@link dev.anvilcheck.server.Kwargs}.
     *
     * @param fnName the registered name
     * @param args the arguments
     * @return the return value
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public Object callS(String fnName, Object... args) {
        return callS(fnName, Arguments.fromVarargs(args));
    }

    private Object send(String fnName, Arguments arguments, boolean showIndicator) {
        sendOrder.lock();
        try {
            if (showIndicator) {
                indicatorShows.incrementAndGet();
            }
            return super.call(fnName, arguments);
        } finally {
            sendOrder.unlock();
        }
    }

    /**
     * Suppresses the loading indicator for every call until the returned handle is closed
     * ({@code with anvil.server.no_loading_indicator:}); blocks nest, and the indicator returns
     * only when all are closed (CALL-17).
     *
     * @return the handle to close
     */
    public LoadingIndicatorSuppression noLoadingIndicator() {
        suppressions.incrementAndGet();
        return new LoadingIndicatorSuppression(suppressions);
    }

    /**
     * How many calls of this browser showed the loading indicator (CALL-16, CALL-17).
     *
     * @return the count
     */
    public int loadingIndicatorCount() {
        return indicatorShows.get();
    }

    /**
     * {@code reset_session()} (SESS-12, CAP-15), as the App Server answers it
     * ({@code runtime/browser_ws.clj}): every capability this browser holds becomes invalid; after
     * {@code SessionExpiredError} the browser adopts a fresh, empty session (the logged-in user and
     * the channel subscriptions are gone with the old one, the browser's cookies carry over,
     * SESS-16), while a live session is kept, with its id, data and logged-in user.
     */
    @Override
    public void resetSession() {
        sendOrder.lock();
        try {
            SessionRecord old = session;
            old.invalidateObjects();
            if (!dispatcher.expired(old)) {
                return;
            }
            old.eventSink(null);
            dispatcher.sessions().remove(old);
            SessionRecord fresh = newSession();
            attach(fresh);
            session = fresh;
        } finally {
            sendOrder.unlock();
        }
    }

    /**
     * This browser's cookies, as a test sees them: to store cookies before a call, or to inspect
     * what server code stored (SESS-16). The jars behave as server code's do, with the runtime's
     * clock deciding expiry; values are copied in this browser's time zone.
     *
     * @return the cookies
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public Cookies cookies() {
        return cookieStore.view(side());
    }

    /**
     * Stores a cookie in this browser's local jar before it calls, as if the app had set it
     * earlier ({@code anvil.server.cookies.local[name] = value}, SESS-16), and returns this browser.
     *
     * @param name the cookie's name
     * @param value its value, which must be storable (no Media, SESS-17)
     * @return this browser
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (a browser's fluent set-up of its cookies)")
    public SimulatedBrowser withCookie(String name, Object value) {
        cookies().local().put(name, value);
        return this;
    }

    /**
     * Adds a handler for server events named {@code eventName} raised to this browser's session
     * ({@code anvil.server.add_event_handler}, MISC-05). Handlers run when the event is raised, on
     * the thread of the server code that raised it, in the order they were added; each receives
     * its own copy of the payload. An exception a handler throws stays in the browser: it does not
     * reach the server code, and {@link #eventHandlerErrors()} collects it.
     *
     * @param eventName the event name
     * @param handler called with each payload
     * @throws TypeError if {@code eventName} or {@code handler} is {@code null}
     */
    @Override
    public void addEventHandler(String eventName, Consumer<Object> handler) {
        checkHandler(eventName, handler);
        eventHandlers.computeIfAbsent(eventName, k -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /**
     * Removes every registration of {@code handler} for {@code eventName}
     * ({@code anvil.server.remove_event_handler}, MISC-05).
     *
     * @param eventName the event name
     * @param handler the handler
     * @throws LookupError if the handler is not registered for that name, as Python's
     *     {@code LookupError}
     * @throws TypeError if {@code eventName} or {@code handler} is {@code null}
     */
    @Override
    public void removeEventHandler(String eventName, Consumer<Object> handler) {
        checkHandler(eventName, handler);
        List<Consumer<Object>> handlers = eventHandlers.get(eventName);
        if (handlers == null || !handlers.removeIf(handler::equals)) {
            throw new LookupError("'" + handler + "' was not found in '" + eventName
                    + "' event handlers for server events");
        }
    }

    private static void checkHandler(String eventName, Consumer<Object> handler) {
        if (eventName == null) {
            throw new TypeError("event_name must be a str, not None");
        }
        if (handler == null) {
            throw new TypeError("event_handler must be a callable function, not None");
        }
    }

    /**
     * The exceptions this browser's event handlers threw so far, oldest first (MISC-05).
     *
     * @return a snapshot of the errors
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (the errors a browser's event handlers raised, a Java test aid)")
    public List<Throwable> eventHandlerErrors() {
        return List.copyOf(eventHandlerErrors);
    }

    private void deliver(String name, Object payload) {
        List<Consumer<Object>> handlers = eventHandlers.get(name);
        if (handlers == null) {
            return;
        }
        for (Consumer<Object> handler : handlers) {
            Object own = dev.anvilcheck.value.Crossing.from(side()).returnValue(payload);
            try {
                handler.accept(own);
            } catch (RuntimeException | AssertionError e) {
                eventHandlerErrors.add(e);
                LOG.log(System.Logger.Level.WARNING, "A handler of server event '"
                        + dev.anvilcheck.runtime.internal.LogText.escape(name) + "' raised", e);
            }
        }
    }

    /**
     * Whether the app server is reachable ({@code is_app_online()}, MISC-02).
     *
     * @return false while the runtime's app-offline switch is on
     */
    @Override
    public boolean isAppOnline() {
        return !dispatcher.appOffline();
    }

    /**
     * Browser code cannot construct capabilities (CAP-03): they reach a browser only as return
     * values.
     *
     * @param scope the scope
     * @return never
     * @throws dev.anvilcheck.python.RuntimeError always, as the browser's {@code Capability} constructor raises
     */
    @Override
    public dev.anvilcheck.server.Capability newCapability(List<?> scope) {
        throw new dev.anvilcheck.python.RuntimeError("Cannot create new Capability objects in Form code.");
    }

    /**
     * The browser's own context (CTX-11; Q-04: an object with type {@code browser}, no IP and no
     * location).
     *
     * @return the browser context
     */
    @Override
    public CallContext context() {
        return new CallContext("browser", new ClientInfo("browser", null, null), null, null, List.of());
    }

    /**
     * A block of {@link SimulatedBrowser#noLoadingIndicator()}; close it to end the block.
     *
     * @since 0.1
     */
    public static final class LoadingIndicatorSuppression implements AutoCloseable {
        private final AtomicInteger counter;
        private boolean closed;

        LoadingIndicatorSuppression(AtomicInteger counter) {
            this.counter = counter;
        }

        /** Ends the block; closing twice has no further effect. */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                counter.decrementAndGet();
            }
        }
    }

    /**
     * The {@code Cookie} value that carries this browser's current session: an HTTP request that
     * sends it from the app's own site runs in this session, with {@code context.client.type}
     * {@code browser} (CTX-04, HTTP-27). See {@link SimulatedHttp#withBrowserSession}.
     *
     * @return {@code anvil-session=<token>}
     */
    @Override
    public String sessionCookie() {
        return http.sessionCookie(session);
    }

    /**
     * Loads the app in this window from the route at {@code path}, in this browser's session, as
     * when the user opens that URL: a route that returns a {@code FormResponse} or an
     * {@code AppResponder}'s response opens the app, and its startup data becomes
     * {@link #startupData()} (HTTP-19, MISC-03); any other response leaves the page without startup
     * data.
     *
     * @param path the path and query of the route
     * @return the response that served the page
     */
    @Override
    public RawHttpResponse openPage(String path) {
        HttpService.Served served = http.serve(RawHttpRequest.get(path).withHeader("cookie", sessionCookie()),
                ipAddress());
        startupData = served.page() == null ? null : served.page().data();
        return served.response();
    }

    /**
     * {@code anvil.server.startup_data}: the data of the {@code AppResponder} that served the page
     * this window loaded last, else {@code null} (MISC-03).
     *
     * @return the startup data, or {@code null}
     */
    @Override
    public Object startupData() {
        return startupData;
    }
}
