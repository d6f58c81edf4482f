package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.wire.InProcessWireProvider;
import dev.anvilcheck.tck.wire.WireRuntimeProvider;
import java.util.Set;

/** Broken over the wire: its client key grants a server uplink's rights (violates UPL-06, UPL-07). */
@Breaks(value = "UPL-06", bug = "the client key grants a server uplink's rights")
public final class TrustsClientUplinks implements RuntimeProvider {
    @Override
    public String name() {
        return "broken: client uplinks are trusted";
    }

    @Override
    public String transport() {
        return WireRuntimeProvider.TRANSPORT;
    }

    @Override
    public Set<Feature> features() {
        return WireRuntimeProvider.FEATURES;
    }

    @Override
    public RuntimeUnderTest start() {
        return InProcessWireProvider.start("server", "client", "server", "server");
    }
}
