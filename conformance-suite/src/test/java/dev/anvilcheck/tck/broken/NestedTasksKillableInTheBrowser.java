package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.BackgroundTaskError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks TASK-17: a Task that reaches the browser inside a list or dict lets the browser kill it
 * (the refusal is swallowed); a Task returned on its own is handled correctly.
 */
@Breaks(value = "TASK-17", bug = "kill() of a Task nested in a browser's return value does not raise")
public final class NestedTasksKillableInTheBrowser extends DelegatingProvider {
    @Override
    protected Object call(Caller caller, String fnName, Arguments arguments) {
        Object result = super.call(caller, fnName, arguments);
        return result instanceof Task ? result : nested(result);
    }

    private static Object nested(Object value) {
        if (value instanceof Task task) {
            return new TaskWrapper(task) {
                @Override
                public void kill() {
                    try {
                        super.kill();
                    } catch (BackgroundTaskError e) {
                        // the bug: the refusal is swallowed
                    }
                }
            };
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(nested(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, nested(v)));
            return copy;
        }
        return value;
    }
}
