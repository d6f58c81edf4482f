package dev.anvilcheck.server.host;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.CookieError;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TaskState;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The call running on the current thread, as a runtime presents it to server code. The
 * {@link AnvilServer} facade resolves every static method through the scope bound to the current
 * thread, so server code written against the facade runs unchanged on any runtime that binds its
 * own scopes (CTX-14: each thread sees its own call). This interface is for runtime implementers;
 * server code uses {@link AnvilServer}. Methods a runtime does not support keep their default,
 * which throws {@link UnsupportedOperationException} naming the operation.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface CallScope {

    /**
     * The context of this call (CTX-01..14).
     *
     * @return the context
     */
    CallContext context();

    /**
     * This call's view of the session (SESS-01..08).
     *
     * @return the session
     */
    Session session();

    /**
     * The logged-in user of this call's session, or {@code null} (AUTH-01..05).
     *
     * @return the user, or {@code null}
     */
    Object user();

    /**
     * Calls a server function from server code, in this call's session (CALL-14, CALL-15).
     *
     * @param fnName the registered name
     * @param arguments the arguments as the server code wrote them
     * @return the return value after it crossed back
     */
    Object call(String fnName, Arguments arguments);

    /**
     * The current HTTP request; only inside an HTTP endpoint (HTTP-20).
     *
     * @return the request
     */
    default HttpRequest request() {
        throw new UnsupportedOperationException("request() is not supported by this runtime");
    }

    /**
     * The session's id, persisting the session (SESS-09).
     *
     * @return the id
     */
    default String getSessionId() {
        return session().sessionId();
    }

    /**
     * The app's origin, for the current environment or the named one (MISC-01).
     *
     * @param environment {@code null} for the current environment, or e.g. {@code "published"}
     * @return the origin
     */
    default String getAppOrigin(String environment) {
        throw new UnsupportedOperationException("getAppOrigin() is not supported by this runtime");
    }

    /**
     * Rotates the session's object secret, so that every capability issued before stops being
     * accepted (CAP-16).
     */
    default void invalidateClientObjects() {
        throw new UnsupportedOperationException("invalidateClientObjects() is not supported by this runtime");
    }

    /**
     * The epoch capabilities created in this call belong to, so that invalidating the session's
     * objects makes them invalid (CAP-15); {@code null} if the runtime does not track validity.
     *
     * @return the epoch, or {@code null}
     */
    default Capability.Epoch capabilityEpoch() {
        return null;
    }

    /**
     * Launches the background task registered as {@code task:<fnName>} from this call's server
     * code and returns its handle without waiting for it (TASK-01..04): the arguments cross as a
     * call's do, the task runs in a fresh session with this call's frame as its remote caller
     * (SESS-14, CTX-08).
     *
     * @param fnName the task's name, without the {@code task:} prefix
     * @param arguments the arguments as the server code wrote them
     * @return the task
     */
    default Task launchBackgroundTask(String fnName, Arguments arguments) {
        throw new UnsupportedOperationException("launchBackgroundTask() is not supported by this runtime");
    }

    /**
     * The task with the given id (TASK-19).
     *
     * @param id the task id
     * @return the task
     */
    default Task getBackgroundTask(String id) {
        throw new UnsupportedOperationException("getBackgroundTask() is not supported by this runtime");
    }

    /**
     * The app's background tasks, running and finished, subject to retention (TASK-20, TASK-25).
     *
     * @param allEnvironments whether to include the tasks of every environment of the app
     * @return the tasks
     */
    default List<Task> listBackgroundTasks(boolean allEnvironments) {
        throw new UnsupportedOperationException("listBackgroundTasks() is not supported by this runtime");
    }

    /**
     * This call's {@code task_state} (TASK-05, TASK-06): the task's state when this call is a
     * background task's own function, otherwise the guard of {@link TaskState#outsideTask(String)}.
     * The default is the guard, which is right for every call of a runtime without background
     * tasks.
     *
     * @return the task state, or the guard
     */
    default TaskState taskState() {
        return TaskState.outsideTask(context().type());
    }

    /**
     * The browser cookies of this call's session (SESS-16, SESS-17): jars whose every operation
     * raises {@link CookieError} when no browser started the session.
     *
     * @return the cookies
     */
    default Cookies cookies() {
        throw new UnsupportedOperationException("cookies() is not supported by this runtime");
    }

    /**
     * The event API of this call's session (MISC-05, Q-15: optional).
     *
     * @return the events
     */
    default ServerEvents events() {
        throw new UnsupportedOperationException("the server events API is not supported by this runtime");
    }

    /**
     * The value of the app's secret {@code name} ({@code anvil.secrets.get_secret}); the runtime
     * raises {@code dev.anvilcheck.secrets.SecretError} for an unknown name or code that may not
     * read secrets.
     *
     * @param name the secret's name
     * @return the value
     * @since 0.1
     */
    default String getSecret(String name) {
        throw new UnsupportedOperationException("anvil.secrets is not supported by this runtime");
    }

    /**
     * Makes {@code scope} the current call of this thread until the returned binding is closed,
     * which restores the previous one. Runtimes bind a scope around every function they run.
     *
     * @param scope the call to bind
     * @return the binding, to close in a {@code finally} or try-with-resources
     */
    static Binding bind(CallScope scope) {
        return CurrentCall.bind(scope);
    }

    /**
     * The scope bound to the current thread, or {@code null} when no call is in progress.
     *
     * @return the current scope, or {@code null}
     */
    static CallScope current() {
        return CurrentCall.get();
    }

    /**
     * A binding made by {@link #bind(CallScope)}; closing it restores the previous scope.
     *
     * @since 0.1
     */
    interface Binding extends AutoCloseable {
        /** Restores the scope that was current before the binding. */
        @Override
        void close();
    }

    /**
     * The exception type registry of this call's environment (ERR-05): what
     * {@code AnvilServer.registerExceptionType} registers in, and what errors received in this
     * call are re-created by. Runtimes that keep one process-wide registry keep the default.
     *
     * @return the registry
     */
    default ExceptionTypes exceptionTypes() {
        return ExceptionTypes.global();
    }
}
