package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;

/** Breaks CTX-02: a client-key uplink's own context has type {@code uplink}, not {@code client}. */
@Breaks(value = "CTX-02", bug = "client uplinks see type uplink")
public final class ClientUplinkSeesTypeUplink extends DelegatingProvider {
    @Override
    protected CallContext context(Caller caller) {
        CallContext real = caller.context();
        return caller.kind() == CallerKind.CLIENT_UPLINK ? new CallContext("uplink", real.client(),
                real.remoteCaller(), real.backgroundTaskId(), real.callStack()) : real;
    }
}
