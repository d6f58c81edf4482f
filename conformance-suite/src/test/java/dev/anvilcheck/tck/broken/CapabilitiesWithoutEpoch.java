package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.host.CallScope;

/**
 * Breaks CAP-15: capabilities server code creates belong to no epoch, so their {@code is_valid}
 * stays true after {@code invalidate_client_objects()}.
 */
@Breaks(value = "CAP-15", bug = "is_valid of capabilities made in server code never turns false")
public final class CapabilitiesWithoutEpoch extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Capability.Epoch capabilityEpoch() {
                return null;
            }
        };
    }
}
