package dev.anvilcheck.uplink;

import dev.anvilcheck.hosting.EndpointRequest;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.TaskState;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.wire.CallContextJson;
import dev.anvilcheck.wire.Message;
import java.util.Map;

/**
 * The {@link CallScope} bound while this uplink serves one incoming {@code CALL} or
 * {@code LAUNCH_BACKGROUND} (Uplink protocol §3.3, §3.9; UPL-12): the context comes from the
 * message's {@code client} and {@code call-stack} with the type this uplink's key gave it (CTX-01,
 * CTX-02), the session from its {@code sessionData}, and nested calls carry its
 * {@code call-stack-id} and {@code originating-call} so the server runs them in the same session
 * and context (§3.4). While an endpoint's body runs, its request is {@code anvil.server.request}
 * (HTTP-20).
 */
final class IncomingCall extends UplinkScope {
    private final Message.Call call;
    private final CallContext context;
    private final WireSession session;
    private final UplinkTaskState taskState;
    private volatile EndpointRequest request;

    IncomingCall(Uplink uplink, Message.Call call, String privilege, UplinkTaskState taskState) {
        super(uplink);
        this.call = call;
        this.taskState = taskState;
        this.session = new WireSession(call.session(), string(call.fields().get(CallContextJson.SESSION_ID)));
        this.context = CallContextJson.read(call.fields(), privilege);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    /** Calls made while this call is served nest in it (Uplink protocol §3.4). */
    @Override
    IncomingCall origin() {
        return this;
    }

    Message.Call message() {
        return call;
    }

    Map<String, Object> sessionContents() {
        return session.contents();
    }

    /** The {@code call-stack-id} nested calls carry: the incoming one's, or its id. */
    String callStackId() {
        return call.callStackId() != null ? call.callStackId() : call.id();
    }

    @Override
    public CallContext context() {
        return context;
    }

    @Override
    public Session session() {
        return session;
    }


    /** While an endpoint's body runs, {@code request} is {@code anvil.server.request} (HTTP-20). */
    void serving(EndpointRequest request) {
        this.request = request;
    }

    /** Replaces the session's contents with those of the session the call moved to (HTTP-27). */
    void replaceSession(Map<?, ?> contents) {
        session.replace(contents);
    }

    @Override
    public EndpointRequest request() {
        EndpointRequest serving = request;
        if (serving == null) {
            throw new IllegalStateException("anvil.server.request is only available in http_endpoint calls.");
        }
        return serving;
    }

    @Override
    public TaskState taskState() {
        return taskState != null ? taskState : TaskState.outsideTask("uplink");
    }
}
