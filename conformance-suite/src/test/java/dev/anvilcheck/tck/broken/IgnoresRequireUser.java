package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;

/** Breaks AUTH-01: {@code requireUser} is ignored, so anybody may call. */
@Breaks(value = "AUTH-01", bug = "require_user is ignored")
public final class IgnoresRequireUser extends DelegatingProvider {
    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        super.register(rt, name, RequireUser.none(), body);
    }
}
