package dev.anvilcheck.wire;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.StackFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The call context as a {@code CALL} carries it to an uplink (Uplink protocol §3.3; CTX-01,
 * CTX-02, CTX-08, CTX-09), spelled once for both ends: the reference runtime's Uplink server
 * writes it with {@link #write(CallContext, Map)} and the Java uplink client reads it with
 * {@link #read(Map, String)}. The fields are {@code "client": {"type", "ip", "location",
 * "background-task-id"}}, where the type is the caller's, and {@code "call-stack"}, a list of
 * {@code {"type", "protocol-version"}} frames, the immediate caller first.
 *
 * @since 0.1
 */
public final class CallContextJson {
    /** The field of the caller's client description. */
    public static final String CLIENT = "client";
    /** The field of the call stack, the immediate caller first. */
    public static final String CALL_STACK = "call-stack";
    /** The field, inside {@link #CLIENT}, of the background task the call runs in. */
    public static final String BACKGROUND_TASK_ID = "background-task-id";
    /** The field of the id that nested calls carry to stay in their call's session (§3.4). */
    public static final String CALL_STACK_ID = "call-stack-id";
    /** The field naming the incoming call a nested call is made from (§3.4). */
    public static final String ORIGINATING_CALL = "originating-call";
    /** The field of the session's id, as the App Server sends it. */
    public static final String SESSION_ID = "session-id";

    private static final String TYPE = "type";
    private static final String PROTOCOL_VERSION = "protocol-version";
    private static final String SERVER_MODULE = "server_module";

    private CallContextJson() {}

    /**
     * Adds {@code context} to the fields of a {@code CALL}: its client and its call stack.
     *
     * @param context the context of the call the uplink is to serve
     * @param fields the message's fields, written to
     */
    public static void write(CallContext context, Map<String, Object> fields) {
        List<Object> frames = new ArrayList<>();
        frames.add(frame(context.remoteCaller()));
        List<StackFrame> below = context.callStack();
        for (int i = 1; i < below.size(); i++) {
            frames.add(frame(below.get(i)));
        }
        ClientInfo client = context.client();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(TYPE, client == null ? SERVER_MODULE : client.type());
        out.put("ip", client == null ? null : client.ip());
        out.put("location", null);
        if (context.backgroundTaskId() != null) {
            out.put(BACKGROUND_TASK_ID, context.backgroundTaskId());
        }
        fields.put(CALL_STACK, frames);
        fields.put(CLIENT, out);
    }

    /**
     * The context of an incoming {@code CALL}, as the uplink that serves it sees it.
     *
     * @param fields the message's fields
     * @param privilege the type this uplink's key gives it ({@code uplink} or {@code client})
     * @return the context
     */
    public static CallContext read(Map<String, ?> fields, String privilege) {
        Map<?, ?> client = fields.get(CLIENT) instanceof Map<?, ?> m ? m : Map.of();
        ClientInfo info = client.get(TYPE) instanceof String type ? new ClientInfo(type, string(client.get("ip")), null)
                : null;
        List<StackFrame> stack = new ArrayList<>();
        if (fields.get(CALL_STACK) instanceof List<?> frames) {
            for (Object f : frames) {
                if (f instanceof Map<?, ?> frame && frame.get(TYPE) instanceof String type) {
                    Integer version = frame.get(PROTOCOL_VERSION) instanceof Number n ? n.intValue() : null;
                    stack.add(new StackFrame(type, StackFrame.of(type).isTrusted(), version));
                }
            }
        }
        return new CallContext(privilege, info, stack.isEmpty() ? null : stack.get(0),
                string(client.get(BACKGROUND_TASK_ID)), stack);
    }

    private static Map<String, Object> frame(StackFrame f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(TYPE, f == null ? SERVER_MODULE : f.type());
        out.put(PROTOCOL_VERSION, null);
        return out;
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }
}
