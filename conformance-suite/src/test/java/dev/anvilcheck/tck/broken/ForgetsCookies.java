package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks SESS-16: the browser's cookies are dropped at the start of every server call, as a
 * runtime that kept cookies per call instead of in the browser would.
 */
@Breaks(value = "SESS-16", bug = "cookies are dropped at the start of every server call")
public final class ForgetsCookies extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            ClientInfo client = AnvilServer.context().client();
            if (client != null && "browser".equals(client.type())) {
                AnvilServer.cookies().local().clear();
                AnvilServer.cookies().shared().clear();
            }
            return body.invoke(arguments);
        });
    }
}
