package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.spi.CallerKind;

/**
 * Server code calling a server function with {@code anvil.server.call}: the callee sees a trusted {@code server_module} caller (CTX-05..07, CALL-14). Its session began in a browser (CTX-03) and persists across its calls.
 *
 * @since 0.1
 */
public final class SimulatedServerModule extends SimulatedCaller<SimulatedServerModule> {
    SimulatedServerModule(Dispatcher dispatcher) {
        super(dispatcher, CallerKind.SERVER_MODULE, "server_module", "127.0.0.1", null);
    }
}
