package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/**
 * A check on the logged-in user for {@code requireUser} (AUTH-02): {@code false} refuses the call
 * with {@link PermissionDenied}; an exception it throws propagates unchanged. Classes named in
 * {@link Callable#requireUserWhere()} need a public no-argument constructor.
 *
 * @since 0.1
 */
@FunctionalInterface
@API(status = STABLE, since = "0.1")
public interface UserPredicate {
    /**
     * Decides whether {@code user} may call the function.
     *
     * @param user the logged-in user, never {@code null}
     * @return whether the call may go ahead
     * @throws Exception to refuse the call with that error (AUTH-02)
     */
    boolean test(Object user) throws Exception;
}
