package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.UplinkCaller;

/** A server uplink that delegates every method; a broken runtime overrides the one it breaks. */
class UplinkWrapper extends ForwardingCaller implements UplinkCaller {
    private final UplinkCaller uplink;

    UplinkWrapper(UplinkCaller delegate) {
        super(delegate);
        this.uplink = delegate;
    }

    @Override
    public void register(String name, ServerFunction body) {
        uplink.register(name, body);
    }

    @Override
    public void registerBackgroundTask(String name, ServerFunction body) {
        uplink.registerBackgroundTask(name, body);
    }

    @Override
    public void disconnect() {
        uplink.disconnect();
    }
}
