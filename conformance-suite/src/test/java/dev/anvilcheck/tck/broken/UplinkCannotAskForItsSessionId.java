package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;

/**
 * Breaks SESS-09 as this project's serve mode once did, seen from the uplink: the server does not
 * answer {@code anvil.private.get_session_id} for an uplink, so an uplink function asking for its
 * session id gets {@code NoServerFunctionError} where the platform returns the served call's
 * session id ({@code dispatcher/native_rpc_handlers/}).
 */
@Breaks(value = "SESS-09", bug = "an uplink's get_session_id is not answered (NoServerFunctionError)")
public final class UplinkCannotAskForItsSessionId extends DelegatingProvider {
    @Override
    protected UplinkCaller uplink(RuntimeUnderTest rt, UplinkCaller uplink) {
        return new UplinkWrapper(uplink) {
            @Override
            public void register(String name, ServerFunction body) {
                super.register(name, arguments -> {
                    CallScope unanswered = new DelegatingScope(CallScope.current()) {
                        @Override
                        public String getSessionId() {
                            throw new NoServerFunctionError(
                                    "No server function matching \"anvil.private.get_session_id\" has been registered");
                        }
                    };
                    try (CallScope.Binding bound = CallScope.bind(unanswered)) {
                        return body.invoke(arguments);
                    }
                });
            }
        };
    }
}
