package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.users.AuthenticationFailed;
import dev.anvilcheck.users.Users;

/**
 * Breaks AUTH-04: {@code require_user} is checked only when a browser calls; trusted callers
 * (server code, uplinks, tasks) get in without a user.
 */
@Breaks(value = "AUTH-04", bug = "requireUser checked only for browsers")
public final class RequireUserCheckedOnlyForBrowsers extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        if (!requireUser.required()) {
            super.register(rt, name, requireUser, body);
            return;
        }
        super.register(rt, name, RequireUser.none(), arguments -> {
            StackFrame caller = AnvilServer.context().remoteCaller();
            if (caller != null && caller.type().equals("browser")) {
                Object user = Users.getUser();
                if (user == null) {
                    throw new AuthenticationFailed("You must be logged in to call this server function");
                }
                if (requireUser.predicate() != null && !requireUser.predicate().test(user)) {
                    throw new PermissionDenied("You do not have permission to call server function '" + name + "'");
                }
            }
            return body.invoke(arguments);
        });
    }
}
