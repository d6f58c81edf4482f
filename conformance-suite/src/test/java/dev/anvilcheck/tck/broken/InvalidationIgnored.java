package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.host.CallScope;

/**
 * Breaks CAP-16: {@code invalidate_client_objects()} does nothing, so capabilities issued before
 * it are still accepted.
 */
@Breaks(value = "CAP-16", bug = "invalidate_client_objects() does nothing")
public final class InvalidationIgnored extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public void invalidateClientObjects() {
                // the bug: the session's object secret is never rotated
            }
        };
    }
}
