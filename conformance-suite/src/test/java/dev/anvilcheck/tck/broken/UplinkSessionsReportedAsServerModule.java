package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.host.CallScope;

/**
 * Breaks CTX-03: a session a server uplink began reports {@code context.client.type} as
 * {@code server_module} instead of {@code uplink}.
 */
@Breaks(value = "CTX-03", bug = "uplink sessions report client type server_module")
public final class UplinkSessionsReportedAsServerModule extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public CallContext context() {
                CallContext c = super.context();
                ClientInfo client = c.client();
                if (client == null || !client.type().equals("uplink")) {
                    return c;
                }
                return new CallContext(c.type(), new ClientInfo("server_module", client.ip(), client.location()),
                        c.remoteCaller(), c.backgroundTaskId(), c.callStack());
            }
        };
    }
}
