package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import java.time.LocalDateTime;

/**
 * Breaks SER-09: a naive datetime an uplink function returns is stamped with the server's UTC
 * offset, not with the offset of the uplink that sent it (the zone an uplink was given is
 * applied to its calls only).
 */
@Breaks(value = "SER-09", bug = "an uplink function's naive datetimes stamped with the server's offset")
public final class UplinkFunctionsStampedWithTheServerZone extends DelegatingProvider {
    @Override
    protected UplinkCaller uplink(RuntimeUnderTest rt, UplinkCaller uplink) {
        return new UplinkWrapper(uplink) {
            @Override
            public void register(String name, ServerFunction body) {
                super.register(name, arguments -> {
                    Object returned = body.invoke(arguments);
                    return returned instanceof LocalDateTime naive
                            ? naive.atOffset(rt.serverZone().getRules().getOffset(naive)) : returned;
                });
            }
        };
    }
}
