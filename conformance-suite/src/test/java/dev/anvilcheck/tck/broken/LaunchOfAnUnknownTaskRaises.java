package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.ServerFunction;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Breaks TASK-03: launching a name that is not a registered background task raises
 * NoServerFunctionError at once, instead of returning a task that then fails.
 */
@Breaks(value = "TASK-03", bug = "launching an unknown task raises instead of returning a failing task")
public final class LaunchOfAnUnknownTaskRaises extends DelegatingProvider {
    private final Map<RuntimeUnderTest, Set<String>> tasks = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    protected void registerBackgroundTask(RuntimeUnderTest rt, String name, ServerFunction body) {
        tasks.computeIfAbsent(rt, k -> Collections.synchronizedSet(new HashSet<>())).add(name);
        super.registerBackgroundTask(rt, name, body);
    }

    @Override
    protected Task launchBackgroundTask(RuntimeUnderTest rt, Caller caller, String fnName, Arguments arguments) {
        if (!tasks.getOrDefault(rt, Set.of()).contains(fnName)) {
            throw new NoServerFunctionError("No server function matching \"task:" + fnName + "\" has been registered");
        }
        return super.launchBackgroundTask(rt, caller, fnName, arguments);
    }
}
