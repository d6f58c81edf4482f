package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;

/**
 * Breaks CALL-21: a return value that cannot be serialised (a plain object) reaches the caller as
 * {@code None} instead of SerializationError.
 */
@Breaks(value = "CALL-21", bug = "unserialisable return values become None")
public final class UnserialisableReturnValuesBecomeNone extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, requireUser, a -> {
            Object returned = body.invoke(a);
            return returned != null && returned.getClass() == Object.class ? null : returned;
        });
    }
}
