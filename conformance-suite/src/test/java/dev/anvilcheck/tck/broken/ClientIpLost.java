package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.host.CallScope;

/** Breaks CTX-12: {@code context.client.ip} and {@code location} are always None. */
@Breaks(value = "CTX-12", bug = "client ip and location lost")
public final class ClientIpLost extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public CallContext context() {
                CallContext c = super.context();
                ClientInfo client = c.client() == null ? null : new ClientInfo(c.client().type(), null, null);
                return new CallContext(c.type(), client, c.remoteCaller(), c.backgroundTaskId(), c.callStack());
            }
        };
    }
}
