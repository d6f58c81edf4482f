package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.ServerFunction;
import org.apiguardian.api.API;

/**
 * A simulated server-key uplink connection that can also provide functions (UPL-05, UPL-08,
 * UPL-09, CALL-07, ERR-08). Needs {@link Feature#UPLINK_FUNCTIONS}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface UplinkCaller extends Caller {
    /**
     * Registers a function provided by this uplink; it shadows a same-named server function while
     * the uplink is connected (CALL-07).
     *
     * @param name the name
     * @param body the function
     */
    void register(String name, ServerFunction body);

    /**
     * Registers a background task's function provided by this uplink, as {@code task:<name>}
     * (UPL-05); tasks launched under that name then run on the uplink and cannot be killed
     * (TASK-18). Needs {@link Feature#BACKGROUND_TASKS}.
     *
     * @param name the task name, without the {@code task:} prefix
     * @param body the function
     * @throws UnsupportedOperationException without {@link Feature#BACKGROUND_TASKS}
     */
    default void registerBackgroundTask(String name, ServerFunction body) {
        throw new UnsupportedOperationException("this runtime does not let uplinks provide background tasks");
    }

    /** Disconnects this uplink; its functions are no longer reachable (UPL-09, ERR-08). */
    void disconnect();
}
