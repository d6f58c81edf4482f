package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.spi.CallerKind;

/**
 * A simulated uplink connected with the client key: browser-level rights, so its calls are
 * untrusted and cannot reach scoped names (UPL-07, CALL-11). Callees see the frame type
 * {@code client_uplink}. It may not provide functions (UPL-06).
 *
 * @since 0.1
 */
public final class SimulatedClientUplink extends SimulatedCaller<SimulatedClientUplink> {
    private volatile String fatalError;

    SimulatedClientUplink(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.CLIENT_UPLINK, "client_uplink", "127.0.0.1", null);
    }

    /**
     * Tries to provide a function, which a client uplink may not: the server disconnects it
     * (UPL-06), and every later call fails (UPL-03).
     *
     * @param name the name it tried to register
     * @throws AnvilWrappedError always, with the platform's message
     */
    public void register(String name) {
        fatalError = "Cannot register @anvil.server.callable functions from an unprivileged (client) uplink.";
        throw new AnvilWrappedError(fatalError);
    }

    /**
     * Calls a server function as untrusted uplink code.
     *
     * @param fnName the registered name
     * @param arguments the arguments
     * @return the return value
     * @throws IllegalStateException once the server disconnected this uplink (UPL-03)
     */
    @Override
    public Object call(String fnName, Arguments arguments) {
        String fatal = fatalError;
        if (fatal != null) {
            throw new IllegalStateException("Anvil fatal error: " + fatal);
        }
        return super.call(fnName, arguments);
    }

    /**
     * The context of the client uplink's own code outside any call: type {@code client} (CTX-02).
     *
     * @return the idle context
     */
    @Override
    public CallContext context() {
        return CallContext.idle("client");
    }
}
