package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Map;

/** Breaks CALL-03: keyword arguments never reach the function. */
@Breaks(value = "CALL-03", bug = "keyword arguments dropped")
public final class KeywordArgumentsDropped extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, a -> body.invoke(new Arguments(a.args(), Map.of())));
    }
}
