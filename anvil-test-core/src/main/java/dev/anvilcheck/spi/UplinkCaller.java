package dev.anvilcheck.spi;

import dev.anvilcheck.server.ServerFunction;

/**
 * A simulated server-key uplink connection that can also provide functions (UPL-05, UPL-08,
 * UPL-09, CALL-07, ERR-08). Needs {@link Feature#UPLINK_FUNCTIONS}.
 *
 * @since 0.1
 */
public interface UplinkCaller extends Caller {
    /**
     * Registers a function provided by this uplink; it shadows a same-named server function while
     * the uplink is connected (CALL-07).
     *
     * @param name the name
     * @param body the function
     */
    void register(String name, ServerFunction body);

    /** Disconnects this uplink; its functions are no longer reachable (UPL-09, ERR-08). */
    void disconnect();
}
