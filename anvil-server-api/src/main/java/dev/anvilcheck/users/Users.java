package dev.anvilcheck.users;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.CallScope;
import org.apiguardian.api.API;

/**
 * The part of {@code anvil.users} that {@code anvil.server} needs: the logged-in user of the
 * current session. A user is whatever value the runtime's session holds (the specification's
 * scope note); Users-service functions such as logging in are outside this project.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class Users {
    private Users() {}

    /**
     * The logged-in user of the current session, or {@code null} when nobody is logged in or no
     * call is in progress ({@code anvil.users.get_user()}; AUTH-05: {@code null} in a fresh
     * background task).
     *
     * @return the user, or {@code null}
     */
    public static Object getUser() {
        CallScope scope = CallScope.current();
        return scope == null ? null : scope.user();
    }
}
