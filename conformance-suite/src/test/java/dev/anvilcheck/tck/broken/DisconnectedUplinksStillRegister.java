package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;

/**
 * Breaks CALL-07: a function an uplink registers after it disconnected still reaches the app and
 * shadows the same-named server-module function, as if the uplink were connected.
 */
@Breaks(value = "CALL-07", bug = "a disconnected uplink's new registrations are served")
public final class DisconnectedUplinksStillRegister extends DelegatingProvider {
    @Override
    protected UplinkCaller uplink(RuntimeUnderTest rt, UplinkCaller uplink) {
        return new UplinkWrapper(uplink) {
            private volatile UplinkCaller stillServing;

            @Override
            public void register(String name, ServerFunction body) {
                UplinkCaller serving = stillServing;
                if (serving != null) {
                    serving.register(name, body);
                } else {
                    super.register(name, body);
                }
            }

            @Override
            public void disconnect() {
                super.disconnect();
                stillServing = rt.uplink();
            }
        };
    }
}
