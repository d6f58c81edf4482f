package dev.anvilcheck.tck.wire;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.server.host.ServerEvents;
import dev.anvilcheck.wire.PrivateCommands;
import java.util.List;

/**
 * The scope the suite's functions run in on its uplink: the uplink's own, except that
 * {@code invalidate_client_objects()} asks the runtime, as the platform lets any caller do
 * ({@code anvil.private.invalidate_client_objects}, whose App Server handler has no
 * {@code require-server!}; CAP-07, CAP-16): the session the call runs in then refuses the objects it
 * was issued before. Everything else is the uplink scope's.
 */
final class WireScope implements CallScope {
    private final CallScope uplink;

    private WireScope(CallScope uplink) {
        this.uplink = uplink;
    }

    /** {@code body}, run in the uplink's scope as this one wraps it. */
    static ServerFunction around(ServerFunction body) {
        return arguments -> {
            CallScope current = CallScope.current();
            if (current == null) {
                return body.invoke(arguments);
            }
            try (CallScope.Binding bound = CallScope.bind(new WireScope(current))) {
                return body.invoke(arguments);
            }
        };
    }

    @Override
    public void invalidateClientObjects() {
        uplink.call(PrivateCommands.INVALIDATE_CLIENT_OBJECTS, Arguments.none());
    }

    @Override
    public CallContext context() {
        return uplink.context();
    }

    @Override
    public Session session() {
        return uplink.session();
    }

    @Override
    public Object user() {
        return uplink.user();
    }

    @Override
    public Object call(String fnName, Arguments arguments) {
        return uplink.call(fnName, arguments);
    }

    @Override
    public HttpRequest request() {
        return uplink.request();
    }

    @Override
    public String getSessionId() {
        return uplink.getSessionId();
    }

    @Override
    public String getAppOrigin(String environment) {
        return uplink.getAppOrigin(environment);
    }

    @Override
    public Capability.Epoch capabilityEpoch() {
        return uplink.capabilityEpoch();
    }

    @Override
    public Task launchBackgroundTask(String fnName, Arguments arguments) {
        return uplink.launchBackgroundTask(fnName, arguments);
    }

    @Override
    public Task getBackgroundTask(String id) {
        return uplink.getBackgroundTask(id);
    }

    @Override
    public List<Task> listBackgroundTasks(boolean allEnvironments) {
        return uplink.listBackgroundTasks(allEnvironments);
    }

    @Override
    public TaskState taskState() {
        return uplink.taskState();
    }

    @Override
    public Cookies cookies() {
        return uplink.cookies();
    }

    @Override
    public ServerEvents events() {
        return uplink.events();
    }

    @Override
    public String getSecret(String name) {
        return uplink.getSecret(name);
    }

    @Override
    public ExceptionTypes exceptionTypes() {
        return uplink.exceptionTypes();
    }
}
