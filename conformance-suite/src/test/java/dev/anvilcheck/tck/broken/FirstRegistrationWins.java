package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/** Breaks CALL-10: registering a name again keeps the earlier function instead of replacing it. */
@Breaks(value = "CALL-10", bug = "a second registration of a name is ignored")
public final class FirstRegistrationWins extends DelegatingProvider {
    private final Map<RuntimeUnderTest, Set<String>> names = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    protected void register(RuntimeUnderTest rt, String name, RequireUser requireUser, ServerFunction body) {
        if (names.computeIfAbsent(rt, k -> Collections.synchronizedSet(new HashSet<>())).add(name)) {
            super.register(rt, name, requireUser, body);
        }
    }
}
