package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Location;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A caller that hands every method of {@link Caller} to the reference runtime's caller it wraps;
 * the setters return this wrapper. A broken runtime's caller overrides the methods it breaks.
 */
abstract class ForwardingCaller implements Caller {
    final Caller delegate;

    ForwardingCaller(Caller delegate) {
        this.delegate = delegate;
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
    public dev.anvilcheck.server.Capability newCapability(java.util.List<?> scope) {
        return delegate.newCapability(scope);
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
