package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What triggered the running code (Python's {@code anvil.server.context}, CTX-01..14).
 * {@code type} is the environment the code runs in ({@code server_module}, {@code uplink},
 * {@code client}, {@code browser}); {@code client} describes how the session began;
 * {@code remoteCaller} is the immediate caller, equal to {@code callStack.get(0)} when the stack is
 * not empty; {@code backgroundTaskId} is the id of the background task whose session this is, or
 * {@code null}. Outside any call, {@code client}, {@code remoteCaller} and
 * {@code backgroundTaskId} are {@code null} and the stack is empty (CTX-10).
 *
 * @param type the environment of the running code
 * @param client how the session began, or {@code null} outside a call
 * @param remoteCaller the immediate caller, or {@code null} outside a call
 * @param backgroundTaskId the background task's id, or {@code null}
 * @param callStack the call stack, most recent frame first, immutable
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record CallContext(
        String type, ClientInfo client, StackFrame remoteCaller, String backgroundTaskId, List<StackFrame> callStack) {

    /**
     * Validates the record and makes the stack immutable.
     *
     * @param type the environment of the running code
     * @param client how the session began
     * @param remoteCaller the immediate caller
     * @param backgroundTaskId the background task's id
     * @param callStack the call stack
     */
    public CallContext {
        Objects.requireNonNull(type, "type");
        callStack = List.copyOf(callStack);
    }

    /**
     * The context seen when no call is in progress (CTX-10): the given environment type, no
     * client, no remote caller, no task, an empty stack.
     *
     * @param type the environment of the running code
     * @return the idle context
     */
    public static CallContext idle(String type) {
        return new CallContext(type, null, null, null, List.of());
    }
}
