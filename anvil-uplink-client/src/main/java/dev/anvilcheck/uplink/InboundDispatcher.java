package dev.anvilcheck.uplink;

import static dev.anvilcheck.uplink.UplinkLog.LOG;
import static dev.anvilcheck.uplink.UplinkLog.esc;

import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.CapUpdates;
import dev.anvilcheck.wire.Encoded;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.MessageTypes;
import dev.anvilcheck.wire.WireCodec;
import dev.anvilcheck.wire.WireFormatException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server sends one uplink besides its auth reply and fatal errors, each message to the part
 * that handles it (Uplink protocol §3): a response or error completes the {@link OutboundCalls} call
 * it answers; an incoming {@code CALL} or {@code LAUNCH_BACKGROUND} runs on a worker thread with its
 * {@link IncomingCall} bound as the {@link CallScope} (UPL-12), the registered function it names
 * looked up, and is answered with the value, the session and the capability updates, or with the
 * error (ERR-01..05, CAP-18); a background task's state is kept while it runs and sent when the server
 * asks for it (TASK-05..07); output and kill requests are logged. A message the codec could not read
 * fails the call waiting for it or is answered with {@code SerializationError} (PORT-08): nothing
 * waits for ever.
 */
final class InboundDispatcher {
    private final Uplink uplink;
    private final WireCodec codec;
    private final FunctionRegistry registry;
    private final OutboundCalls calls;
    private final UplinkThreads threads;
    private final Map<String, UplinkTaskState> tasks = new ConcurrentHashMap<>();

    /**
     * A dispatcher for {@code uplink}, whose calls' scopes it binds, serving the functions of
     * {@code registry} on {@code threads} and handing the answers to its own calls to {@code calls}.
     */
    InboundDispatcher(Uplink uplink, WireCodec codec, FunctionRegistry registry, OutboundCalls calls,
            UplinkThreads threads) {
        this.uplink = uplink;
        this.codec = codec;
        this.registry = registry;
        this.calls = calls;
        this.threads = threads;
    }

    /** Handles {@code message}, received on {@code l}, on the link's worker, one message at a time in order. */
    void received(Link l, Message message) {
        if (message instanceof Message.Response r) {
            calls.complete(r);
        } else if (message instanceof Message.Failure r) {
            calls.fail(r);
        } else if (message instanceof Message.Call call) {
            threads.run(() -> serve(l, call));
        } else if (message instanceof Message.GetTaskState query) {
            UplinkTaskState state = tasks.get(query.task());
            threads.run(() -> sendQuietly(l, UplinkTaskState.reply(codec, query.id(), state)));
        } else if (message instanceof Message.Output out) {
            LOG.log(System.Logger.Level.INFO, "Anvil server output: {0}", esc(out.output()));
        } else if (message instanceof Message.KillTask kill) {
            LOG.log(System.Logger.Level.INFO, "Uplink background tasks cannot be killed: {0}", esc(kill.task()));
        } else {
            LOG.log(System.Logger.Level.DEBUG, "unrecognised uplink message {0}", esc(message));
        }
    }

    /**
     * A message the codec could not read, e.g. a value of a portable class this side does not
     * know (PORT-08): the call waiting for it, if it is a response, fails with
     * {@code SerializationError}; a call the server made is answered with that error; anything
     * else is logged. Nothing waits for ever.
     */
    void undecodable(Link l, WireFormatException e) {
        String id = e.messageId();
        Map<String, Object> json = e.json();
        SerializationError error = e.getCause() instanceof SerializationError cause ? cause
                : new SerializationError(e.getMessage());
        if (id != null && json != null && (json.containsKey("response") || json.containsKey("error"))) {
            if (calls.failUnreadable(id, error)) {
                return;
            }
        } else if (id != null && (MessageTypes.CALL.equals(e.messageType())
                || MessageTypes.LAUNCH_BACKGROUND.equals(e.messageType()))) {
            threads.run(() -> sendQuietly(l, Message.Failure.of(id, WireError.of(error))));
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "unreadable message from the Anvil server: {0}", esc(e.getMessage()));
    }

    /** Runs the function {@code call} names with its scope bound, and sends the reply on {@code l}. */
    private void serve(Link l, Message.Call call) {
        UplinkTaskState state = call.background() ? new UplinkTaskState() : null;
        if (state != null) {
            tasks.put(call.id(), state);
        }
        IncomingCall scope = new IncomingCall(uplink, call, uplink.privilege(), state);
        Message reply;
        try (CallScope.Binding binding = CallScope.bind(scope)) {
            String command = call.command();
            ServerFunction body = command == null ? null : registry.lookup(command);
            if (body == null) {
                throw new NoServerFunctionError("No server function matching \"" + command + "\" has been registered");
            }
            Object value = body.invoke(call.arguments());
            reply = new Message.Response(call.id(), value, scope.sessionContents(),
                    responseFields(state, CapUpdates.take(call.arguments())));
        } catch (Exception | LinkageError | AssertionError e) {
            reply = new Message.Failure(call.id(), WireError.of(e), Map.of(), taskFields(state));
        } finally {
            if (state != null) {
                tasks.remove(call.id());
            }
        }
        Encoded encoded;
        try {
            encoded = codecFor(scope).encode(reply);
        } catch (RuntimeException e) {
            encoded = codec.encode(new Message.Failure(call.id(), WireError.of(e), Map.of(), Map.of()));
        }
        try {
            l.send(encoded);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send the reply to {0}: {1}",
                    esc(call.id()), esc(e.getMessage()));
        }
    }

    /**
     * The codec for the reply to {@code call}: its value is for the call's immediate caller, whose
     * trust the value's portable classes' hooks are told (PORT-05); the server's, when the call
     * does not say who made it.
     */
    private WireCodec codecFor(IncomingCall call) {
        StackFrame caller = call.context().remoteCaller();
        return caller == null ? codec : codec.withRemoteTrust(caller.isTrusted());
    }

    /** The task state, if any, and the updates of the capabilities passed in (CAP-18), if any. */
    private static Map<String, Object> responseFields(UplinkTaskState state, Map<String, Object> capUpdates) {
        if (capUpdates.isEmpty()) {
            return taskFields(state);
        }
        Map<String, Object> fields = new LinkedHashMap<>(taskFields(state));
        fields.put(CapUpdates.FIELD, capUpdates);
        return fields;
    }

    private static Map<String, Object> taskFields(UplinkTaskState state) {
        return state == null ? Map.of() : Map.of("taskState", state.snapshot());
    }

    private void sendQuietly(Link l, Message message) {
        try {
            l.send(codec.encode(message));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send {0}: {1}", esc(message), esc(e.getMessage()));
        }
    }
}
