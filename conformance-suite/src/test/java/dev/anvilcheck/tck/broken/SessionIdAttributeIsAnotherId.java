package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.host.CallScope;

/** Breaks SESS-03: {@code session.session_id} is not the id {@code get_session_id()} returns. */
@Breaks(value = "SESS-03", bug = "session.session_id differs from get_session_id()")
public final class SessionIdAttributeIsAnotherId extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Session session() {
                return new ForwardingSession(real.session()) {
                    @Override
                    public String sessionId() {
                        return "attribute-" + real.sessionId();
                    }
                };
            }
        };
    }
}
