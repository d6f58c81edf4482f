package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks CAP-16: a capability server code returns is issued afresh under the session's current
 * key, so one issued before {@code invalidate_client_objects()} is valid again once server code
 * hands it back.
 */
@Breaks(value = "CAP-16", bug = "a returned capability is re-issued, which renews an invalidated one")
public final class ReturnedCapabilitiesReissued extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, a -> {
            Object returned = body.invoke(a);
            return returned instanceof Capability c ? new Capability(c.scope()) : returned;
        });
    }
}
