package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.UplinkCaller;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** A server uplink that delegates every method; a broken runtime overrides the one it breaks. */
class UplinkWrapper implements UplinkCaller {
    private final UplinkCaller delegate;

    UplinkWrapper(UplinkCaller delegate) {
        this.delegate = delegate;
    }

    @Override
    public void register(String name, ServerFunction body) {
        delegate.register(name, body);
    }

    @Override
    public void registerBackgroundTask(String name, ServerFunction body) {
        delegate.registerBackgroundTask(name, body);
    }

    @Override
    public void disconnect() {
        delegate.disconnect();
    }

    @Override
    public CallerKind kind() {
        return delegate.kind();
    }

    @Override
    public Object call(String fnName, Arguments arguments) {
        return delegate.call(fnName, arguments);
    }

    @Override
    public Caller user(Object user) {
        delegate.user(user);
        return this;
    }

    @Override
    public Caller ip(String ip) {
        delegate.ip(ip);
        return this;
    }

    @Override
    public Caller location(Location location) {
        delegate.location(location);
        return this;
    }

    @Override
    public Caller zone(ZoneId zone) {
        delegate.zone(zone);
        return this;
    }

    @Override
    public ZoneId zone() {
        return delegate.zone();
    }

    @Override
    public void putSession(String key, Object value) {
        delegate.putSession(key, value);
    }

    @Override
    public Map<String, Object> sessionData() {
        return delegate.sessionData();
    }

    @Override
    public String sessionId() {
        return delegate.sessionId();
    }

    @Override
    public CallContext context() {
        return delegate.context();
    }

    @Override
    public Caller registerPortableClass(Class<?> type, String name) {
        delegate.registerPortableClass(type, name);
        return this;
    }

    @Override
    public Object callServerMethod(Object self, String method, Arguments arguments) {
        return delegate.callServerMethod(self, method, arguments);
    }

    @Override
    public Task launchBackgroundTask(String fnName, Arguments arguments) {
        return delegate.launchBackgroundTask(fnName, arguments);
    }

    @Override
    public Task getBackgroundTask(String id) {
        return delegate.getBackgroundTask(id);
    }

    @Override
    public List<Task> listBackgroundTasks(boolean allEnvironments) {
        return delegate.listBackgroundTasks(allEnvironments);
    }
}
