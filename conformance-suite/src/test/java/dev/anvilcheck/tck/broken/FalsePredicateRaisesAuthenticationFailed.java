package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.users.AuthenticationFailed;

/**
 * Breaks AUTH-02: a logged-in user whom the {@code require_user} predicate refuses gets
 * AuthenticationFailed instead of PermissionDenied.
 */
@Breaks(value = "AUTH-02", bug = "a false require_user predicate raises AuthenticationFailed")
public final class FalsePredicateRaisesAuthenticationFailed extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        try {
            return super.call(caller, fnName, arguments);
        } catch (PermissionDenied e) {
            throw new AuthenticationFailed(e.getMessage());
        }
    }
}
