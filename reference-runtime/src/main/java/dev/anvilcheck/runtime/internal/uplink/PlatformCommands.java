package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.RequestCall;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.EventTarget;
import dev.anvilcheck.server.host.ServerEvents;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.PrivateCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform functions ({@code anvil.private.*}) that the runtime itself answers for an uplink,
 * as the platform's server does (Uplink protocol §3.4): the heartbeat ({@code echo}, §1.4), the
 * app's origins, LazyMedia fetches (MEDIA-04), the session id (SESS-09), cookies (SESS-16, SESS-17),
 * server events and subscriptions (MISC-05), the current user, logging in with email and password
 * and logging out (AUTH-01, AUTH-02; {@link UplinkUsers}),
 * {@code switch_session!} (HTTP-27), object invalidation (CAP-16) and background tasks. Each runs in the session of the call this
 * server is making to the uplink that the command is made in, or else in the connection's default
 * session (SESS-15); the server-only ones are refused to a client uplink with the platform's
 * typeless error (AUTH-06).
 */
final class PlatformCommands {
    /** The commands the runtime itself answers; errors of any other reach the app log through the dispatcher. */
    private static final Set<String> ANSWERED = Set.of(PrivateCommands.ECHO,
            PrivateCommands.GET_APP_ORIGIN, PrivateCommands.GET_API_ORIGIN, PrivateCommands.FETCH_LAZY_MEDIA,
            PrivateCommands.SWITCH_SESSION, PrivateCommands.LAUNCH_BACKGROUND_TASK,
            PrivateCommands.GET_BACKGROUND_TASK, PrivateCommands.LIST_BACKGROUND_TASKS,
            PrivateCommands.GET_CURRENT_USER, PrivateCommands.LOGIN_WITH_EMAIL, PrivateCommands.LOGOUT,
            PrivateCommands.GET_SESSION_ID, PrivateCommands.GET_COOKIE,
            PrivateCommands.SET_COOKIE, PrivateCommands.DEL_COOKIE, PrivateCommands.CLEAR_COOKIE,
            PrivateCommands.RAISE_EVENT, PrivateCommands.LIST_SESSIONS, PrivateCommands.GET_SESSION_DATA,
            PrivateCommands.SUBSCRIBE, PrivateCommands.UNSUBSCRIBE, PrivateCommands.GET_SUBSCRIPTIONS,
            PrivateCommands.INVALIDATE_CLIENT_OBJECTS);

    private final UplinkConnection connection;
    private final Dispatcher dispatcher;
    private final UplinkCaller caller;
    private final CallsToUplink calls;
    private final UplinkLiveObjects liveObjects;
    private final UplinkUsers users;

    PlatformCommands(UplinkConnection connection, Dispatcher dispatcher, UplinkCaller caller, CallsToUplink calls,
            UplinkLiveObjects liveObjects, UplinkUsers users) {
        this.users = users;
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.caller = caller;
        this.calls = calls;
        this.liveObjects = liveObjects;
    }

    /** Whether {@code command} is one the runtime answers itself. */
    static boolean answers(String command) {
        return ANSWERED.contains(command);
    }

    /** Runs {@code call}, whose command is one the runtime {@linkplain #answers answers}. */
    Object run(Message.Call call) {
        Arguments args = call.arguments();
        String command = call.command();
        switch (command) {
            case PrivateCommands.ECHO -> {
                return args.args().isEmpty() ? null : args.args().get(0);
            }
            case PrivateCommands.GET_APP_ORIGIN -> {
                return dispatcher.appOrigin();
            }
            case PrivateCommands.GET_API_ORIGIN -> {
                return dispatcher.appOrigin() + "/_/api";
            }
            case PrivateCommands.FETCH_LAZY_MEDIA -> {
                return liveObjects.fetch(args);
            }
            case PrivateCommands.GET_SESSION_ID -> {
                // anvil.server.get_session_id() on an uplink (SESS-09): the session the call runs in; refused
                // to client code (AUTH-06, native_rpc_handlers/core.clj: require-server!)
                requireServer("get the current session ID");
                OutgoingCall serving = calls.serving(call);
                return serving != null && serving.scope != null ? serving.scope.getSessionId()
                        : caller.sessionForCall().id();
            }
            case PrivateCommands.INVALIDATE_CLIENT_OBJECTS -> {
                // anvil.server.invalidate_client_objects() on an uplink (CAP-16): rotates the secret of the
                // session the call runs in; any caller may, the App Server's handler has no require-server!
                // (native_rpc_handlers/core.clj: "anvil.private.invalidate_client_objects",
                // util.clj: invalidate-client-objects!)
                OutgoingCall serving = calls.serving(call);
                if (serving != null && serving.scope != null) {
                    serving.scope.invalidateClientObjects();
                } else {
                    caller.sessionForCall().invalidateObjects();
                }
                return null;
            }
            case PrivateCommands.GET_COOKIE -> {
                requireServer("read cookies");
                return jar(call, args).get(text(args, 1, "cookie key"));
            }
            case PrivateCommands.SET_COOKIE -> {
                requireServer("set cookies");
                Object timeout = args.args().size() > 1 ? args.args().get(1) : null;
                if (!(timeout instanceof Number days)) {
                    throw new TypeError("set_cookie() needs the timeout in days, not " + timeout);
                }
                jar(call, args).set(days.doubleValue(), args.kwargs());
                return null;
            }
            case PrivateCommands.DEL_COOKIE -> {
                requireServer("delete cookies");
                jar(call, args).remove(text(args, 1, "cookie key"));
                return null;
            }
            case PrivateCommands.CLEAR_COOKIE -> {
                requireServer("clear cookies");
                jar(call, args).clear();
                return null;
            }
            case PrivateCommands.RAISE_EVENT -> {
                requireServer("raise server events");
                Object name = args.args().isEmpty() ? null : args.args().get(0);
                events(call).raiseEvent(name instanceof String n ? n : null,
                        args.args().size() > 1 ? args.args().get(1) : null, target(args.kwargs()));
                return null;
            }
            case PrivateCommands.LIST_SESSIONS -> {
                requireServer("list sessions");
                return events(call).listClientSessions(args.kwargs().get("user"));
            }
            case PrivateCommands.GET_SESSION_DATA -> {
                requireServer("get session data");
                Object id = args.args().isEmpty() ? null : args.args().get(0);
                return events(call).getClientSession(id instanceof String s ? s : null);
            }
            case PrivateCommands.SUBSCRIBE -> {
                requireServer("subscribe to a channel");
                events(call).subscribe(text(args, 0, "channel"));
                return null;
            }
            case PrivateCommands.UNSUBSCRIBE -> {
                requireServer("unsubscribe from a channel");
                events(call).unsubscribe(text(args, 0, "channel"));
                return null;
            }
            case PrivateCommands.GET_SUBSCRIPTIONS -> {
                requireServer("get subscriptions");
                return events(call).getSubscriptions();
            }
            case PrivateCommands.GET_CURRENT_USER -> {
                // anvil.users.get_user() on an uplink (AUTH-01, AUTH-02): the user of the session the
                // call runs in, the browser's for a call the uplink serves, else the uplink's own
                OutgoingCall serving = calls.serving(call);
                return serving != null && serving.scope != null ? serving.scope.user()
                        : caller.sessionForCall().user();
            }
            case PrivateCommands.LOGIN_WITH_EMAIL -> {
                // anvil.users.login_with_email() on an uplink (AUTH-01): logs in on the served call's
                // session, or the connection's own (native_rpc_handlers/users/core.clj: login-with-email)
                return users.loginWithEmail(calls.serving(call), args);
            }
            case PrivateCommands.LOGOUT -> {
                users.logout(calls.serving(call));
                return null;
            }
            case PrivateCommands.SWITCH_SESSION -> {
                return switchSession(calls.serving(call));
            }
            case PrivateCommands.LAUNCH_BACKGROUND_TASK -> {
                if (args.args().isEmpty() || !(args.args().get(0) instanceof String name)) {
                    throw new TypeError("launch_background_task() needs a task name");
                }
                return dispatcher.tasks().launch(caller.launcher(), name,
                        new Arguments(new ArrayList<>(args.args().subList(1, args.args().size())), args.kwargs()));
            }
            case PrivateCommands.GET_BACKGROUND_TASK -> {
                return dispatcher.tasks().get(caller.launcher(),
                        String.valueOf(args.args().isEmpty() ? null : args.args().get(0)));
            }
            case PrivateCommands.LIST_BACKGROUND_TASKS -> {
                return dispatcher.tasks().list(caller.launcher(),
                        Boolean.TRUE.equals(args.kwargs().get("all_environments")));
            }
            default -> throw new IllegalArgumentException("Not a platform command the runtime answers: " + command);
        }
    }

    /**
     * The cookie jar an uplink's cookie call names, in the session of the call it serves
     * (SESS-16); at the top level the uplink's own session is not a browser's (SESS-17).
     */
    private CookieJar jar(Message.Call call, Arguments args) {
        String type = text(args, 0, "cookie jar");
        OutgoingCall serving = calls.serving(call);
        if (serving == null || serving.scope == null) {
            throw new CookieError("This connection is not from a web browser - cannot access cookies.");
        }
        return switch (type) {
            case "local" -> serving.scope.cookies().local();
            case "shared" -> serving.scope.cookies().shared();
            default -> throw new ValueError("No such cookie jar: '" + type + "' (local or shared)");
        };
    }

    /**
     * The server-event API in the session of the call an uplink serves, or of its own connection at
     * the top level (MISC-05).
     */
    private ServerEvents events(Message.Call call) {
        OutgoingCall serving = calls.serving(call);
        return serving != null && serving.scope != null ? serving.scope.events()
                : dispatcher.eventsOf(caller.sessionForCall(), caller.side());
    }

    /** Where {@code raise_event}'s keyword arguments send an event: one of them, or the current session. */
    private static EventTarget target(Map<String, Object> kwargs) {
        if (kwargs.get("channel") instanceof String channel) {
            return EventTarget.channel(channel);
        }
        if (kwargs.get("session_ids") instanceof List<?> ids && !ids.isEmpty()) {
            return EventTarget.sessionIds(ids.stream().map(String::valueOf).toList());
        }
        if (kwargs.get("session_id") instanceof String id) {
            return EventTarget.sessionId(id);
        }
        return EventTarget.currentSession();
    }

    private static String text(Arguments args, int index, String what) {
        Object value = args.args().size() > index ? args.args().get(index) : null;
        if (!(value instanceof String s)) {
            throw new TypeError("the " + what + " must be a string, not " + value);
        }
        return s;
    }

    /**
     * Refuses a server-only platform function to a client uplink with the platform's typeless
     * error (AUTH-06; {@code native_rpc_handlers/util.clj}: {@code require-server!}).
     */
    private void requireServer(String operation) {
        if (connection.state() == UplinkConnection.State.CLIENT) {
            throw new AnvilWrappedError(new WireError(null, "Permission denied. Cannot " + operation
                    + " from client code.", List.of()));
        }
    }

    /**
     * {@code anvil.private.switch_session!}, which the platform's endpoint wrapper calls for
     * {@code cross_site_session=True} (HTTP-27): the HTTP call the uplink is serving moves to the
     * browser's session of a cross-site request, and the uplink gets that session's data as the
     * platform's server sends it, {@code {"session": <data>, "objects": []}}, to replace its own.
     */
    private Object switchSession(OutgoingCall serving) {
        Map<String, Object> data;
        if (serving != null && serving.scope != null) {
            if (serving.scope instanceof RequestCall request) {
                request.switchSession();
            }
            data = CallEnvelope.contents(serving.scope.session());
            serving.sessionSent = data;
        } else {
            data = caller.sessionForCall().data();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("session", data);
        out.put("objects", List.of());
        return out;
    }
}
