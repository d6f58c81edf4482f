package dev.anvilcheck.uplink;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Kwargs;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.wire.PrivateCommands;
import dev.anvilcheck.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The background-task functions of an uplink script, {@code anvil.server.launch_background_task},
 * {@code get_background_task} and {@code list_background_tasks}, as calls of the platform's
 * {@code anvil.private.background_tasks.launch}, {@code get_by_id} and {@code list} (Uplink protocol
 * §3.4, §3.9; TASK-01, TASK-19, TASK-20): the arguments each takes, and what comes back checked to
 * be the live task handles the uplink's codec makes of the server's descriptors ({@link UplinkTask}).
 * Each goes through the caller it is given, so that it nests in the call the caller serves.
 */
final class BackgroundTaskCalls {
    private BackgroundTaskCalls() {
    }

    /** Launches the task {@code fnName} through {@code call} and returns its live handle (TASK-01). */
    static Task launch(BiFunction<String, Arguments, Object> call, String fnName, Arguments arguments) {
        if (fnName == null) {
            throw new dev.anvilcheck.python.TypeError(
                    "anvil.server.launch_background_task() needs a function name (str), not None");
        }
        List<Object> args = new ArrayList<>();
        args.add(fnName);
        args.addAll(arguments.args());
        return task(call.apply(PrivateCommands.LAUNCH_BACKGROUND_TASK, new Arguments(args, arguments.kwargs())),
                "launch");
    }

    /** The live handle of the task {@code id}, asked through {@code call} (TASK-19). */
    static Task get(BiFunction<String, Arguments, Object> call, String id) {
        return task(call.apply(PrivateCommands.GET_BACKGROUND_TASK, Arguments.of(id)), "get_by_id");
    }

    /** Live handles of the app's tasks, asked through {@code call} (TASK-20, TASK-25). */
    static List<Task> list(BiFunction<String, Arguments, Object> call, boolean allEnvironments) {
        Object listed = call.apply(PrivateCommands.LIST_BACKGROUND_TASKS,
                Arguments.fromVarargs(Kwargs.kw("all_environments", allEnvironments)));
        if (!(listed instanceof List<?> items)) {
            throw unexpected("list", listed);
        }
        List<Task> tasks = new ArrayList<>();
        for (Object item : items) {
            tasks.add(task(item, "list"));
        }
        return tasks;
    }

    private static Task task(Object value, String fn) {
        if (value instanceof Task t) {
            return t;
        }
        throw unexpected(fn, value);
    }

    private static RuntimeException unexpected(String fn, Object value) {
        return new WireFormatException(PrivateCommands.BACKGROUND_TASKS + fn + " returned "
                + (value == null ? "None" : "a " + value.getClass().getSimpleName()) + " instead of background task"
                + " handles", null, null);
    }
}
