package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.WireError;
import java.util.List;

/**
 * Breaks CALL-13: launching a background task counts as a frame of its own, so code at the 9th
 * frame of a chain cannot launch one (its task would be the 11th frame, not the 10th).
 */
@Breaks(value = "CALL-13", bug = "a task launch counts as a frame: the 9th frame cannot launch a task")
public final class TaskLaunchCountedAsAFrame extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public Task launchBackgroundTask(String fnName, Arguments arguments) {
                if (context().callStack().size() + 2 > 10) {
                    throw new AnvilWrappedError(new WireError("anvil.server.StackOverflow",
                            "Too many nested anvil.server.call()s", List.of()));
                }
                return super.launchBackgroundTask(fnName, arguments);
            }
        };
    }
}
