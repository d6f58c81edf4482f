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
}
