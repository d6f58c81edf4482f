package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Location;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks CTX-12: a client uplink's ip reaches {@code context.client.ip} only once a location is
 * given too; until then callees see the address the connection had before.
 */
@Breaks(value = "CTX-12", bug = "client ip applied only together with a location")
public final class ClientIpNeedsALocation extends DelegatingProvider {
    @Override
    protected Caller caller(RuntimeUnderTest rt, CallerKind kind) {
        Caller real = super.caller(rt, kind);
        if (kind != CallerKind.CLIENT_UPLINK) {
            return real;
        }
        return new ForwardingCaller(real) {
            private String ip;

            @Override
            public Caller ip(String address) {
                ip = address;
                return this;
            }

            @Override
            public Caller location(Location location) {
                delegate.ip(ip);
                delegate.location(location);
                return this;
            }
        };
    }
}
