package dev.anvilcheck.examples.tickets;

import dev.anvilcheck.server.UserPredicate;
import java.util.Map;

/** {@code require_user=is_agent}: the logged-in user has role {@code agent}. */
public final class IsAgent implements UserPredicate {
    @Override
    public boolean test(Object user) {
        return user instanceof Map<?, ?> row && "agent".equals(row.get("role"));
    }
}
