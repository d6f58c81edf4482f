package dev.anvilcheck.uplink;

import dev.anvilcheck.hosting.EndpointReply;
import dev.anvilcheck.hosting.EndpointRequest;
import dev.anvilcheck.hosting.EndpointWrapper;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.Kwargs;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.wire.PrivateCommands;
import dev.anvilcheck.wire.WireCodec;
import java.util.Map;

/**
 * The function an uplink registers for an endpoint, as the official client's
 * {@code @http_endpoint}, {@code @route} and {@code @wellknown_endpoint} register theirs (Uplink
 * protocol §3.1; UPL-05, HTTP-01): the server calls it with the request's keyword arguments, it
 * makes them the call's {@code anvil.server.request} (HTTP-20..26), runs the shared
 * {@link EndpointWrapper} (HTTP-05..09, HTTP-27) and returns the platform's
 * {@code {"status", "body", "headers"}} dictionary (HTTP-11..19). What the wrapper asks of the
 * app it asks the server, as the Python wrapper does: {@code anvil.private.switch_session!},
 * {@code anvil.private.users.get_current_user} and {@code anvil.private.users.login_with_email}.
 */
final class UplinkEndpointFunction implements ServerFunction {
    private static final EndpointWrapper.Host SERVER = new ServerAsked();

    private final EndpointWrapper wrapper;

    UplinkEndpointFunction(Endpoint endpoint, ServerFunction body) {
        this.wrapper = new EndpointWrapper(endpoint, body, SERVER);
    }

    /** The name this endpoint is registered under, e.g. {@code http:/users/([^/]*)}. */
    String name() {
        return wrapper.registeredName();
    }

    @Override
    public Object invoke(Arguments arguments) throws Exception {
        IncomingCall call = ServerAsked.call();
        call.serving(EndpointRequest.fromKwargs(arguments.kwargs(), WireCodec::readJson));
        try {
            return ((EndpointReply) wrapper.invoke(Arguments.none())).toWire();
        } finally {
            call.serving(null);
        }
    }

    /** The wrapper's host on an uplink: the incoming call's request, and the server for the rest. */
    private static final class ServerAsked implements EndpointWrapper.Host {
        static IncomingCall call() {
            if (CallScope.current() instanceof IncomingCall call) {
                return call;
            }
            throw new IllegalStateException("an uplink endpoint runs only in a call the server made to its uplink");
        }

        @Override
        public EndpointRequest request() {
            return call().request();
        }

        @Override
        public void switchSession() {
            IncomingCall call = call();
            Object switched = call.call(PrivateCommands.SWITCH_SESSION, Arguments.none());
            call.replaceSession(switched instanceof Map<?, ?> m && m.get("session") instanceof Map<?, ?> data
                    ? data : Map.of());
        }

        @Override
        public Object sessionUser() {
            return call().user();
        }

        @Override
        public Object logIn(String email, String password) {
            return call().call(PrivateCommands.LOGIN_WITH_EMAIL, Arguments.fromVarargs(email, password,
                    Kwargs.kw("remember", false).and("mfa", null).and("fetch", null)));
        }
    }
}
