package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import java.time.Duration;
import java.time.Instant;

/**
 * Breaks ERR-06 as this project's runtime once did: the call timeout of server code is applied to
 * functions an uplink provides too, so a long uplink job fails with {@code TimeoutError} where the
 * App Server lets it finish (its limit is the downlink worker's).
 */
@Breaks(value = "ERR-06", bug = "the call timeout applied to functions an uplink provides")
public final class UplinkFunctionsTimeOut extends DelegatingProvider {
    @Override
    protected UplinkCaller uplink(RuntimeUnderTest rt, UplinkCaller uplink) {
        return new UplinkWrapper(uplink) {
            @Override
            public void register(String name, ServerFunction body) {
                super.register(name, arguments -> {
                    Instant start = rt.time().now();
                    Object result = body.invoke(arguments);
                    if (Duration.between(start, rt.time().now()).compareTo(rt.callTimeout()) > 0) {
                        throw new TimeoutError("Server code took too long");
                    }
                    return result;
                });
            }
        };
    }
}
