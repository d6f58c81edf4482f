package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.host.CallScope;

/** Breaks SESS-02: {@code del session[k]} of a key the session does not hold raises no KeyError. */
@Breaks(value = "SESS-02", bug = "deleting a missing session key is silent")
public final class DeletingAMissingSessionKeyIsSilent extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Session session() {
                return new ForwardingSession(real.session()) {
                    @Override
                    public void remove(String key) {
                        if (real.containsKey(key)) {
                            real.remove(key);
                        }
                    }
                };
            }
        };
    }
}
