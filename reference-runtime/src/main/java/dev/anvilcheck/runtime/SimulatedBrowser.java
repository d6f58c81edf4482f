package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.http.HttpService;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.spi.BrowserCaller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simulated browser window running the app's client code: untrusted (CTX-07), with a session
 * of its own (SESS-01). Its calls are sent in issue order, one at a time (CALL-18). It has the
 * browser-only functions: {@link #callS}, {@link #noLoadingIndicator()}, {@link #resetSession()}
 * and {@link #isAppOnline()} (CALL-16, CALL-17, SESS-12, MISC-02).
 *
 * @since 0.1
 */
public final class SimulatedBrowser extends SimulatedCaller<SimulatedBrowser> implements BrowserCaller {
    private final ReentrantLock sendOrder = new ReentrantLock(true);
    private final AtomicInteger suppressions = new AtomicInteger();
    private final AtomicInteger indicatorShows = new AtomicInteger();
    private final HttpService http;
    private volatile Object startupData;

    SimulatedBrowser(Dispatcher dispatcher, HttpService http) {
        super(dispatcher, CallerKind.BROWSER, "browser", "127.0.0.1", null);
        this.http = http;
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
     * Adopts a fresh, empty session after {@code SessionExpiredError}; the logged-in user is gone
     * with the old session, and
     * every capability this browser holds becomes invalid ({@code reset_session()}, SESS-12, CAP-15).
     */
    @Override
    public void resetSession() {
        sendOrder.lock();
        try {
            session.invalidateObjects();
            session = newSession();
        } finally {
            sendOrder.unlock();
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
