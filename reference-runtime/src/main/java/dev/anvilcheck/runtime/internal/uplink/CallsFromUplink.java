package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.Origin;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.CapUpdates;
import dev.anvilcheck.wire.LiveObjects;
import dev.anvilcheck.wire.Message;
import java.util.Map;

/**
 * The calls the uplink makes, each run on a worker thread and answered (Uplink protocol §3.4): a
 * method called on a task handle goes to the connection's live objects, a platform command the
 * runtime answers itself to {@link PlatformCommands}, and any other name to the app through the
 * dispatcher, nested inside the call this server is making to the uplink when the CALL names one
 * (by {@code originating-call} or {@code call-stack-id}), with its session and stack, else as an
 * {@code uplink} or {@code client_uplink} caller (UPL-07, UPL-08) in the connection's default session
 * (SESS-15). The reply carries the capability updates the call made (CAP-18); a failure becomes the
 * error the uplink raises, and a failure of a task handle or platform command also reaches the app
 * log, since the dispatcher logs the others.
 */
final class CallsFromUplink {
    private final Dispatcher dispatcher;
    private final UplinkCaller caller;
    private final CallsToUplink calls;
    private final UplinkLiveObjects liveObjects;
    private final PlatformCommands commands;
    private final UplinkSender sender;

    CallsFromUplink(Dispatcher dispatcher, UplinkCaller caller, CallsToUplink calls, UplinkLiveObjects liveObjects,
            PlatformCommands commands, UplinkSender sender) {
        this.dispatcher = dispatcher;
        this.caller = caller;
        this.calls = calls;
        this.liveObjects = liveObjects;
        this.commands = commands;
        this.sender = sender;
    }

    /** Runs {@code call} and sends its reply, on the caller's (a worker's) thread. */
    void serve(Message.Call call) {
        Message reply;
        try {
            Object value = run(call);
            Map<String, Object> capUpdates = CapUpdates.take(call.arguments());
            reply = capUpdates.isEmpty() ? Message.Response.of(call.id(), value)
                    : new Message.Response(call.id(), value, null, Map.of(CapUpdates.FIELD, capUpdates));
        } catch (RuntimeException | Error e) {
            logFailure(call, e);
            reply = Message.Failure.of(call.id(), WireError.of(e, dispatcher.exceptionTypes()));
        }
        OutgoingCall serving = calls.serving(call);
        sender.reply(call, reply, serving != null ? serving.scope : null);
    }

    /** The app log's line for a failed task-handle or platform call (the dispatcher logs the others). */
    @OutsideTheSpecification("which failures the app log records (AppLog is excluded: no clause speaks of it)")
    private void logFailure(Message.Call call, Throwable e) {
        if (call.liveObjectCall() != null || call.command() == null || PlatformCommands.answers(call.command())) {
            dispatcher.events().callFailed(call.liveObjectCall() != null ? LiveObjects.TASK_BACKEND + "."
                    + call.liveObjectCall().get("method") : String.valueOf(call.command()), caller.sessionId(), e);
        }
    }

    private Object run(Message.Call call) {
        Arguments args = call.arguments();
        if (call.liveObjectCall() != null) {
            return liveObjects.call(call.liveObjectCall(), args);
        }
        String command = call.command();
        if (PlatformCommands.answers(command)) {
            return commands.run(call);
        }
        OutgoingCall serving = calls.serving(call);
        if (serving != null && serving.scope != null) {
            return serving.scope.call(command, args);
        }
        return dispatcher.call(Origin.top(caller.frame(), caller.sessionForCall(), caller.side(), false), command,
                args);
    }
}
