package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.host.CallScope;
import java.util.UUID;

/**
 * Breaks SESS-09: {@code get_session_id()} returns a new id on every call instead of the session's
 * own, persisted id.
 */
@Breaks(value = "SESS-09", bug = "get_session_id() returns a fresh id each time")
public final class SessionIdChangesOnEveryCall extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public String getSessionId() {
                return UUID.randomUUID().toString();
            }
        };
    }
}
