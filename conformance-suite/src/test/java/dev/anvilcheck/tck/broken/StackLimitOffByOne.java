package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.List;

/** Breaks CALL-13: the 10th frame of a call chain is already refused as anvil.server.StackOverflow. */
@Breaks(value = "CALL-13", bug = "CALL-13 limit off by one (10 frames refused)")
public final class StackLimitOffByOne extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, arguments -> {
            if (AnvilServer.context().callStack().size() >= 10) {
                throw new AnvilWrappedError(new WireError("anvil.server.StackOverflow",
                        "Too many nested anvil.server.call()s", List.of()));
            }
            return body.invoke(arguments);
        });
    }
}
