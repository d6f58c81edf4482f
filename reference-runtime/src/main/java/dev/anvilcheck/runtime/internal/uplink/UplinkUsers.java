package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.runtime.internal.RequestCall;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.users.AuthenticationFailed;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The Users service's functions an uplink calls to log a user in and out, as the App Server answers
 * them ({@code native_rpc_handlers/users/core.clj}: {@code login-with-email}, {@code logout}):
 * {@code anvil.private.users.login_with_email(email, password, remember=, mfa=)} logs the account in
 * on the session the command runs in (the served call's, or the connection's own at the top level,
 * SESS-15) and returns its user, or raises {@code anvil.users.AuthenticationFailed} "Incorrect email
 * address or password"; {@code anvil.private.users.logout()} logs that session out and returns
 * {@code None}. Neither is server-only: the platform lets client code log in. The accounts are the
 * runtime's own ({@code AnvilRuntime.addUser}, serve mode's {@code --user}), the same that
 * {@code authenticate_users} endpoints use (HTTP-09); {@code get_current_user} then reports the user
 * (AUTH-01..05).
 */
final class UplinkUsers {
    /** The platform's message for an unknown email or a wrong password. */
    static final String INCORRECT = "Incorrect email address or password";

    private final Supplier<BiFunction<String, String, Object>> accounts;
    private final UplinkCaller caller;

    UplinkUsers(Supplier<BiFunction<String, String, Object>> accounts, UplinkCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    /** {@code login_with_email}: logs in on the session {@code serving} runs in (or the connection's). */
    Object loginWithEmail(OutgoingCall serving, Arguments args) {
        Object email = args.args().isEmpty() ? null : args.args().get(0);
        Object password = args.args().size() > 1 ? args.args().get(1) : null;
        if (!(email instanceof String e) || !(password instanceof String p)) {
            throw new TypeError("login_with_email() needs an email and a password, both strings");
        }
        Object user = accounts.get().apply(e.trim(), p);
        if (user == null) {
            throw new AuthenticationFailed(INCORRECT);
        }
        logIn(serving, user);
        return user;
    }

    /** {@code logout}: nobody is logged in on the session {@code serving} runs in (or the connection's). */
    void logout(OutgoingCall serving) {
        logIn(serving, null);
    }

    private void logIn(OutgoingCall serving, Object user) {
        if (serving == null || serving.scope == null) {
            caller.sessionForCall().user(user);
        } else if (serving.scope instanceof RequestCall call) {
            call.logIn(user);
        } else {
            throw new IllegalStateException("cannot log in on the session of " + serving.scope);
        }
    }
}
