package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.RemoteTaskState;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.wire.CapUpdates;
import dev.anvilcheck.wire.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The calls this server makes to the uplink (Uplink protocol §3.3, §3.9): a function the uplink
 * registered runs on its caller's thread, which sends the CALL (or, for a task's own function,
 * {@code LAUNCH_BACKGROUND}) and waits for the reply that the socket's reader hands over by id;
 * while the uplink runs a launched task, readers of the task's state ask it with
 * {@code GET_TASK_STATE} (TASK-05). The calls waiting here are those that the calls the uplink makes
 * nest in (§3.4); when the connection goes, they all fail with {@code UplinkDisconnectedError}
 * (ERR-08, UPL-09).
 */
final class CallsToUplink {
    /** How long a reader of a running uplink task's state waits for the uplink's answer. */
    private static final long TASK_STATE_TIMEOUT_SECONDS = 30;

    private final UplinkConnection connection;
    private final UplinkSender sender;
    private final Map<String, OutgoingCall> outgoing = new ConcurrentHashMap<>();

    CallsToUplink(UplinkConnection connection, UplinkSender sender) {
        this.connection = connection;
        this.sender = sender;
    }

    /**
     * Runs a function the uplink registered, on the caller's thread: sends the CALL (or, for a
     * {@code task:} function, {@code LAUNCH_BACKGROUND}) with the call's context and session, and
     * waits for the reply (Uplink protocol §3.3, §3.9).
     */
    Object call(String name, Arguments arguments) {
        if (connection.tornDown()) {
            throw new UplinkDisconnectedError(connection.disconnection());
        }
        CallScope scope = CallScope.current();
        String id = "server-" + ConnectionIds.newId();
        OutgoingCall waiting = new OutgoingCall(scope);
        outgoing.put(id, waiting);
        try {
            if (connection.tornDown()) {
                throw new UplinkDisconnectedError(connection.disconnection());
            }
            // a launch only when this runs a task's own function; a trusted call of task:<name> is a plain
            // CALL (CALL-12)
            boolean background = name.startsWith(BackgroundTask.NAME_PREFIX) && scope != null
                    && scope.taskState() instanceof RemoteTaskState;
            if (background) {
                readTaskStateFrom(scope, id);
            }
            Map<String, Object> fields = CallEnvelope.fields(id, scope);
            Map<String, Object> sessionNow = CallEnvelope.session(scope);
            waiting.sessionSent = sessionNow;
            if (!sender.sendCall(new Message.Call(id, background, name, null, arguments, sessionNow, fields), scope)) {
                connection.tearDown("a call could not be sent to it");
                throw new UplinkDisconnectedError(connection.disconnection());
            }
            Message reply;
            try {
                reply = waiting.reply.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimeoutError("Server code took too long");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            if (reply instanceof Message.Failure failure) {
                CallEnvelope.applyTaskState(scope, background, failure.fields());
                throw failure.error().toException();
            }
            Message.Response response = (Message.Response) reply;
            CallEnvelope.applyTaskState(scope, background, response.fields());
            CapUpdates.apply(response.fields().get(CapUpdates.FIELD), arguments);
            CallEnvelope.applySession(waiting, response.session());
            return response.value();
        } finally {
            outgoing.remove(id);
            if (name.startsWith(BackgroundTask.NAME_PREFIX)) {
                readTaskStateFrom(scope, null);
            }
        }
    }

    /** The call {@code id} this server made to the uplink, if it still waits for its reply. */
    OutgoingCall waiting(String id) {
        return outgoing.get(id);
    }

    /** The call this server made to the uplink whose function makes {@code call}, if any (§3.4). */
    OutgoingCall serving(Message.Call call) {
        String originating = call.originatingCall();
        OutgoingCall serving = originating == null ? null : outgoing.get(originating);
        String stack = call.callStackId();
        return serving != null || stack == null ? serving : outgoing.get(stack);
    }

    /** The connection is gone: every call waiting fails with {@code UplinkDisconnectedError}. */
    void failAll(String disconnection) {
        for (OutgoingCall waiting : outgoing.values()) {
            waiting.reply.completeExceptionally(new UplinkDisconnectedError(disconnection));
        }
    }

    /**
     * While the uplink runs the task launched as {@code launchId}, readers of the task's state ask
     * the uplink for it ({@code GET_TASK_STATE}, Uplink protocol §3.9; TASK-05); {@code null} ends that.
     */
    private void readTaskStateFrom(CallScope scope, String launchId) {
        if (scope != null && scope.taskState() instanceof RemoteTaskState remote) {
            remote.readFrom(launchId == null ? null : () -> taskStateOf(launchId));
        }
    }

    /**
     * The state of the task the uplink runs for the launch {@code launchId}, asked with
     * {@code GET_TASK_STATE} (Uplink protocol §3.9): {@code null} when the uplink no longer runs it
     * ({@code anvil.server.NotRunningTask}) or is gone; the uplink's refusal, e.g.
     * {@code SerializationError} for in-memory Media in the state (TASK-07), is raised.
     */
    private Map<String, Object> taskStateOf(String launchId) {
        if (connection.tornDown()) {
            return null;
        }
        String queryId = "bgquery-" + ConnectionIds.newId();
        OutgoingCall waiting = new OutgoingCall(null);
        outgoing.put(queryId, waiting);
        try {
            if (!sender.send(new Message.GetTaskState(queryId, launchId))) {
                return null;
            }
            Message reply = waiting.reply.get(TASK_STATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (reply instanceof Message.Failure failure) {
                if ("anvil.server.NotRunningTask".equals(failure.error().type())) {
                    return null;
                }
                throw failure.error().toException();
            }
            if (!(((Message.Response) reply).value() instanceof Map<?, ?> state)) {
                throw new SerializationError("The uplink answered GET_TASK_STATE with something other than a dict");
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            state.forEach((k, v) -> entries.put(String.valueOf(k), v));
            return entries;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UplinkDisconnectedError) {
                return null;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutError("The uplink running task launch " + launchId + " did not answer GET_TASK_STATE"
                    + " within " + TASK_STATE_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            outgoing.remove(queryId);
        }
    }
}
