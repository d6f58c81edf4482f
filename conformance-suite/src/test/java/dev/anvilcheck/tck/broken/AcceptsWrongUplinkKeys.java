package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeProvider;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.wire.InProcessWireProvider;
import dev.anvilcheck.tck.wire.WireRuntimeProvider;
import java.util.Set;

/** Broken over the wire: a key that is not the server key is accepted (violates UPL-03). */
@Breaks(value = "UPL-03", bug = "a key that is not the server key is accepted")
public final class AcceptsWrongUplinkKeys implements RuntimeProvider {
    @Override
    public String name() {
        return "broken: accepts wrong uplink keys";
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
        // the suite's "wrong" key is the server key plus "-wrong": this runtime takes it as a client key
        return InProcessWireProvider.start("server", "server-wrong", "server", "client");
    }
}
