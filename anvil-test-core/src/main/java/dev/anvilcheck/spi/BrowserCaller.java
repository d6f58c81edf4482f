package dev.anvilcheck.spi;

import dev.anvilcheck.server.Arguments;

/**
 * A simulated browser window, with the functions that exist only in the browser
 * ({@code call_s}, {@code reset_session}, {@code is_app_online}; CALL-16, SESS-12, MISC-02).
 *
 * @since 0.1
 */
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
     * Adopts a fresh session after {@link dev.anvilcheck.server.SessionExpiredError} (SESS-12).
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
}
