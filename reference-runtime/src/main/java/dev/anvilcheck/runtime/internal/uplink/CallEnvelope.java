package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.RemoteTaskState;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.wire.CallContextJson;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a CALL to the uplink carries besides its name and arguments, and what its reply brings back
 * besides its value (Uplink protocol §3.3, §3.4, §3.9). Out: the {@code call-stack-id} that the
 * calls the uplink makes while serving it name, the caller's context as {@link CallContextJson}
 * spells it (CTX-01, CTX-02, CTX-08, CTX-09), and the data of the caller's session. Back: the session
 * data, which replaces the working session's when the uplink changed it, and, for a launched task,
 * the task's final state.
 */
final class CallEnvelope {
    private CallEnvelope() {}

    /** The fields of the CALL {@code id} made from {@code scope} ({@code null} outside any call): its context. */
    static Map<String, Object> fields(String id, CallScope scope) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(CallContextJson.CALL_STACK_ID, id);
        if (scope != null) {
            CallContextJson.write(scope.context(), fields);
        }
        return fields;
    }

    /** The session data a CALL made from {@code scope} carries: none outside any call. */
    static Map<String, Object> session(CallScope scope) {
        return scope == null ? Map.of() : contents(scope.session());
    }

    /** A session's data as the uplink gets it. */
    static Map<String, Object> contents(Session session) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : session.keys()) {
            out.put(key, session.get(key));
        }
        return out;
    }

    /** The session data a reply carries replaces the working session's, if the uplink changed it. */
    static void applySession(OutgoingCall call, Map<String, Object> returned) {
        CallScope scope = call.scope;
        if (scope != null && returned != null && !returned.equals(call.sessionSent)) {
            Session working = scope.session();
            for (String key : new HashSet<>(working.keys())) {
                if (!returned.containsKey(key)) {
                    working.remove(key);
                }
            }
            returned.forEach(working::put);
        }
    }

    /** The final state of a launched task, which its reply carries, replaces the state held here. */
    static void applyTaskState(CallScope scope, boolean background, Map<String, Object> fields) {
        // a launch (background) is made only from a scope whose task state is remote (CallsToUplink.call)
        if (background && fields.get("taskState") instanceof Map<?, ?> state
                && scope.taskState() instanceof RemoteTaskState remote) {
            Map<String, Object> entries = new LinkedHashMap<>();
            state.forEach((k, v) -> entries.put(String.valueOf(k), v));
            remote.finish(entries);
        }
    }
}
