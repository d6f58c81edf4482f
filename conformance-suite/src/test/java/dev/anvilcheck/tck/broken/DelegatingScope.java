package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.server.host.ServerEvents;
import java.util.List;

/**
 * The call scope of the reference runtime, as a broken runtime presents it to server code: every
 * method delegates, and a subclass overrides the one it breaks (see
 * {@link DelegatingProvider#scope(CallScope)}).
 */
public class DelegatingScope implements CallScope {
    private final CallScope delegate;

    /** @param delegate the reference runtime's scope */
    public DelegatingScope(CallScope delegate) {
        this.delegate = delegate;
    }

    /** @return the reference runtime's scope */
    protected CallScope delegate() {
        return delegate;
    }

    @Override
    public CallContext context() {
        return delegate.context();
    }

    @Override
    public Session session() {
        return delegate.session();
    }

    @Override
    public Object user() {
        return delegate.user();
    }

    @Override
    public Object call(String fnName, Arguments arguments) {
        return delegate.call(fnName, arguments);
    }

    @Override
    public HttpRequest request() {
        return delegate.request();
    }

    @Override
    public String getSessionId() {
        return delegate.getSessionId();
    }

    @Override
    public ExceptionTypes exceptionTypes() {
        return delegate.exceptionTypes();
    }

    @Override
    public String getAppOrigin(String environment) {
        return delegate.getAppOrigin(environment);
    }

    @Override
    public void invalidateClientObjects() {
        delegate.invalidateClientObjects();
    }

    @Override
    public Capability.Epoch capabilityEpoch() {
        return delegate.capabilityEpoch();
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

    @Override
    public TaskState taskState() {
        return delegate.taskState();
    }

    @Override
    public Cookies cookies() {
        return delegate.cookies();
    }

    @Override
    public ServerEvents events() {
        return delegate.events();
    }

    @Override
    public String getSecret(String name) {
        return delegate.getSecret(name);
    }
}
