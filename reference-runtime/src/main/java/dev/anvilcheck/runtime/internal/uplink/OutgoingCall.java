package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.wire.Message;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call this server sent to the uplink and waits on (Uplink protocol §3.3, §3.4): the reply the
 * socket's reader completes it with, the scope of the call whose function sent it ({@code null} for
 * a {@code GET_TASK_STATE} query), in which the calls the uplink makes while serving it run, and the
 * session data the uplink last got for it; and whether a call the uplink makes nested in it (§3.4)
 * is running aside the connection's call slots, which one at a time may.
 */
final class OutgoingCall {
    final CompletableFuture<Message> reply = new CompletableFuture<>();
    final CallScope scope;
    /** The session data the uplink last got for this call: sent with it, or from switch_session!. */
    volatile Map<String, Object> sessionSent = Map.of();
    /** Whether a call nested in this one runs aside the connection's call slots ({@link CallSlots#runAside}). */
    final AtomicBoolean nestedAside = new AtomicBoolean();

    OutgoingCall(CallScope scope) {
        this.scope = scope;
    }
}
