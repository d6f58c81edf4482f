package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;

/** Breaks CTX-11: the browser's own context reports an IP address for its client. */
@Breaks(value = "CTX-11", bug = "the browser's own context has an IP address")
public final class BrowserContextHasAnAddress extends DelegatingProvider {
    @Override
    protected CallContext context(Caller caller) {
        CallContext real = caller.context();
        return caller.kind() == CallerKind.BROWSER ? new CallContext(real.type(), new ClientInfo("browser",
                "127.0.0.1", null), real.remoteCaller(), real.backgroundTaskId(), real.callStack()) : real;
    }
}
