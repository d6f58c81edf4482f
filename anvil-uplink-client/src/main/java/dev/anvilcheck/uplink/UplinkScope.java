package dev.anvilcheck.uplink;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.server.Kwargs;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.ServerEvents;
import dev.anvilcheck.wire.PrivateCommands;
import java.util.List;

/**
 * What every {@link CallScope} of the Java uplink client shares: calls, the app's origin and the
 * background-task functions go over the uplink (Uplink protocol §3.4; CALL-03, MISC-01, TASK-01,
 * TASK-19, TASK-20), nested in the incoming call the scope serves, if any, so the server runs them
 * in that call's session and context. Task handles that come back are live over the same uplink.
 */
abstract class UplinkScope implements CallScope {
    private final Uplink uplink;

    UplinkScope(Uplink uplink) {
        this.uplink = uplink;
    }

    Uplink uplink() {
        return uplink;
    }

    /** The incoming call that calls made in this scope nest in, or {@code null} at the top level. */
    abstract IncomingCall origin();

    @Override
    public Object call(String fnName, Arguments arguments) {
        return uplink.callFrom(origin(), fnName, arguments);
    }

    /**
     * The logged-in user of the session this scope's calls run in, as the server knows it: asked
     * over the uplink, as the Python client's {@code anvil.users.get_user()} asks
     * ({@code anvil.private.users.get_current_user}, remembered logins allowed); it is what
     * {@code requireUser} checks (AUTH-01, AUTH-02).
     */
    @Override
    public Object user() {
        return call(PrivateCommands.GET_CURRENT_USER,
                Arguments.fromVarargs(Kwargs.kw("allow_remembered", true).and("fetch", null)));
    }

    /**
     * The id of the session this scope's calls run in, asked of the server as the Python client's
     * {@code anvil.server.get_session_id()} asks ({@code anvil.private.get_session_id}, SESS-09):
     * the served call's session, or the connection's own at the top level; a client-key uplink is
     * refused, as client code is (AUTH-06).
     */
    @Override
    public String getSessionId() {
        return (String) call(PrivateCommands.GET_SESSION_ID, Arguments.none());
    }

    /**
     * The cookies of the browser whose call this scope serves, read and written through the server
     * (SESS-16, SESS-17; see {@link UplinkCookies}).
     */
    @Override
    public Cookies cookies() {
        return new UplinkCookies(this);
    }

    /** The server-event API, through the server (MISC-05; see {@link UplinkEvents}). */
    @Override
    public ServerEvents events() {
        return new UplinkEvents(this);
    }

    @Override
    public String getAppOrigin(String environment) {
        return (String) (environment == null ? call(PrivateCommands.GET_APP_ORIGIN, Arguments.none())
                : call(PrivateCommands.GET_APP_ORIGIN, Arguments.of(environment)));
    }

    @Override
    public Task launchBackgroundTask(String fnName, Arguments arguments) {
        return uplink.launchFrom(origin(), fnName, arguments);
    }

    @Override
    public Task getBackgroundTask(String id) {
        return uplink.getFrom(origin(), id);
    }

    @Override
    public List<Task> listBackgroundTasks(boolean allEnvironments) {
        return uplink.listFrom(origin(), allEnvironments);
    }
}
