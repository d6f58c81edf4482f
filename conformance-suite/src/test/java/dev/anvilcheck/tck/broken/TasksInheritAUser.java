package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.host.CallScope;
import java.util.Map;

/**
 * Breaks AUTH-05: code running in a background task's session sees a logged-in user, as a runtime
 * that copied the launcher's login into the task's session would.
 */
@Breaks(value = "AUTH-05", bug = "background tasks see a logged-in user")
public final class TasksInheritAUser extends DelegatingProvider {
    private static final Map<String, Object> LAUNCHER = Map.of("email", "launcher@example.com");

    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Object user() {
                Object user = super.user();
                boolean inTask = context().client() != null
                        && context().client().type().equals("background_task");
                return user == null && inTask ? LAUNCHER : user;
            }
        };
    }
}
