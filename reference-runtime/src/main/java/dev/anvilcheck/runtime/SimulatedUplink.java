package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.Registration;
import dev.anvilcheck.runtime.internal.ServerModules;
import dev.anvilcheck.runtime.internal.UplinkHandle;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.UplinkCaller;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A simulated uplink connected with the server key: a trusted {@code uplink} caller (UPL-08)
 * whose call chains share one default session (SESS-15), and which may provide functions of its
 * own (UPL-05). Its functions shadow same-named server functions while it is connected (CALL-07);
 * among several uplinks with one name each call picks one (CALL-08); once it disconnects, calls
 * fall back to server code or raise {@code UplinkDisconnectedError} (UPL-09, ERR-08). Its
 * functions run with {@code context.type == "uplink"} in the caller's session.
 *
 * @since 0.1
 */
public final class SimulatedUplink extends SimulatedCaller<SimulatedUplink> implements UplinkCaller {
    private final UplinkHandle handle;

    SimulatedUplink(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.UPLINK, "uplink", "127.0.0.1", null);
        this.handle = new UplinkHandle(zone(), portableClasses());
    }

    /**
     * Provides a function under {@code name} (UPL-05). Once this uplink disconnected, the function
     * is kept here only: a simulated uplink does not connect again.
     *
     * @param name the name
     * @param body the function
     */
    @Override
    public void register(String name, ServerFunction body) {
        register(name, RequireUser.none(), body);
    }

    /**
     * Provides a function under {@code name} with a {@code requireUser} rule (UPL-05, AUTH-01..04).
     *
     * @param name the name
     * @param requireUser who may call it
     * @param body the function
     */
    public synchronized void register(String name, RequireUser requireUser, ServerFunction body) {
        Registration registration = new Registration(Objects.requireNonNull(name, "name"), requireUser, body,
                "uplink", handle);
        if (handle.connected()) {
            dispatcher.registry().registerUplink(registration);
        }
    }

    /**
     * Provides a background task's function under {@code name}, as {@code task:<name>} (UPL-05):
     * while this uplink is connected, tasks launched under that name run here, and cannot be
     * killed (TASK-18).
     *
     * @param name the task name, without the {@code task:} prefix
     * @param body the function
     */
    @Override
    public void registerBackgroundTask(String name, ServerFunction body) {
        register(dev.anvilcheck.server.BackgroundTask.NAME_PREFIX + Objects.requireNonNull(name, "name"),
                RequireUser.none(), body);
    }

    /**
     * Launches a background task from the uplink script's own code (TASK-01, UPL-08).
     *
     * @param fnName the task name
     * @param arguments the arguments
     * @return the task
     * @throws IllegalStateException after {@link #disconnect()}, as UPL-01 says
     */
    @Override
    public Task launchBackgroundTask(String fnName, Arguments arguments) {
        if (!handle.connected()) {
            throw new IllegalStateException("You must use anvil.server.connect(key) before anvil.server.call()");
        }
        return super.launchBackgroundTask(fnName, arguments);
    }

    /**
     * Provides every {@code @Callable} and {@code @BackgroundTask} method of {@code module} (UPL-05).
     *
     * @param module an instance, or a class for its static methods
     */
    @OutsideTheSpecification("the runtime's Java API, which ReferenceRuntimeAdapter never calls")
    public synchronized void register(Object module) {
        for (Registration r : ServerModules.uplinkFunctions(module)) {
            register(r.name(), r.requireUser(), r.body());
        }
    }

    /**
     * Calls a server function from this uplink's code.
     *
     * @param fnName the registered name
     * @param arguments the arguments
     * @return the return value
     * @throws IllegalStateException after {@link #disconnect()}, as UPL-01 says
     */
    @Override
    public Object call(String fnName, Arguments arguments) {
        if (!handle.connected()) {
            throw new IllegalStateException("You must use anvil.server.connect(key) before anvil.server.call()");
        }
        return super.call(fnName, arguments);
    }

    /** Disconnects: this uplink's functions are no longer reachable (UPL-09). */
    @Override
    public synchronized void disconnect() {
        if (handle.connected()) {
            handle.disconnect();
            dispatcher.registry().removeUplink(handle);
        }
    }

    /**
     * Whether this uplink is connected.
     *
     * @return true until {@link #disconnect()}
     */
    @OutsideTheSpecification("the runtime's Java convenience API, which ReferenceRuntimeAdapter never calls, so the"
            + " SPI cannot reach it (whether a simulated uplink is connected)")
    public boolean isConnected() {
        return handle.connected();
    }

    @Override
    public SimulatedUplink zone(ZoneId zone) {
        handle.zone(zone);
        return super.zone(zone);
    }

    /**
     * The context of the uplink script's own code outside any call: type {@code uplink} (CTX-01,
     * CTX-10).
     *
     * @return the idle context
     */
    @Override
    public CallContext context() {
        return CallContext.idle("uplink");
    }
}
