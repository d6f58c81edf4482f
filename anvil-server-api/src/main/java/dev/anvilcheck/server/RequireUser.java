package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Who may call a registered function (AUTH-01..04): anybody ({@link #none()}), any logged-in user
 * ({@link #loggedIn()}), or a logged-in user a predicate accepts ({@link #where(UserPredicate)}).
 * The check runs for every caller, trusted or not, before the function body (AUTH-04).
 *
 * @param required whether a user must be logged in
 * @param predicate the check on the user, or {@code null} for none
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record RequireUser(boolean required, UserPredicate predicate) {
    private static final RequireUser NONE = new RequireUser(false, null);
    private static final RequireUser LOGGED_IN = new RequireUser(true, null);

    /**
     * Validates the record: a predicate implies that a user is required.
     *
     * @param required whether a user must be logged in
     * @param predicate the check, or {@code null}
     */
    public RequireUser {
        if (predicate != null && !required) {
            throw new IllegalArgumentException("a user predicate requires a logged-in user");
        }
    }

    /**
     * No check ({@code require_user=False}, AUTH-03).
     *
     * @return the policy
     */
    public static RequireUser none() {
        return NONE;
    }

    /**
     * Any logged-in user ({@code require_user=True}, AUTH-01).
     *
     * @return the policy
     */
    public static RequireUser loggedIn() {
        return LOGGED_IN;
    }

    /**
     * A logged-in user that {@code predicate} accepts ({@code require_user=<callable>}, AUTH-02).
     *
     * @param predicate the check
     * @return the policy
     */
    public static RequireUser where(UserPredicate predicate) {
        return new RequireUser(true, Objects.requireNonNull(predicate, "predicate"));
    }
}
