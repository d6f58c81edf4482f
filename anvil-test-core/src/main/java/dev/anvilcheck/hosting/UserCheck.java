package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.users.AuthenticationFailed;
import org.apiguardian.api.API;

/**
 * The {@code require_user} check, once for every host (AUTH-01, AUTH-02), worded as the platform's
 * {@code register} wrapper words it ({@code downlink/python/anvil/_server.py}:
 * {@code simple_require_user} and {@code complex_require_user}): nobody logged in raises
 * {@link AuthenticationFailed}, a user the predicate refuses raises {@link PermissionDenied}, and an
 * exception of the predicate propagates unchanged.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class UserCheck {
    private UserCheck() {}

    /**
     * Checks {@code user} against {@code rule} before the function named {@code name} runs.
     *
     * @param rule who may call the function
     * @param user the logged-in user of the call's session, or {@code null}
     * @param name the function's name, for messages
     * @throws AuthenticationFailed if a user is required and nobody is logged in
     * @throws PermissionDenied if the predicate refuses the user
     * @throws Exception what the predicate throws, unchanged
     */
    public static void check(RequireUser rule, Object user, String name) throws Exception {
        if (!rule.required()) {
            return;
        }
        if (user == null) {
            throw new AuthenticationFailed(rule.predicate() == null
                    ? "You must be logged in to call this server function"
                    : "You must be logged in to call server function '" + name + "'");
        }
        if (rule.predicate() != null && !rule.predicate().test(user)) {
            throw new PermissionDenied("You do not have permission to call server function '" + name + "'");
        }
    }
}
