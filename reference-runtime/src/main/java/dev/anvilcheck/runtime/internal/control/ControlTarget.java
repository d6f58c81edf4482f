package dev.anvilcheck.runtime.internal.control;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.TimeControl;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the control API drives: one runtime, seen through the SPI's types and plain records, so
 * that this package never reaches the runtime's public classes (the public layer implements it,
 * {@code dev.anvilcheck.runtime.RuntimeControl}). Every method may be called from any thread.
 */
public interface ControlTarget {
    /**
     * A new simulated caller of one of the kinds the control API creates.
     *
     * @param kind {@code BROWSER}, {@code HTTP}, {@code EMAIL}, {@code SCHEDULED_TASK} or
     *     {@code CLIENT_UPLINK}
     * @return the caller
     */
    Caller newCaller(CallerKind kind);

    /**
     * Stores a cookie in a browser's jar, as if the app had set it (SESS-16).
     *
     * @param browser a caller {@link #newCaller} made as a browser
     * @param shared true for the shared jar, false for the local one
     * @param name the cookie's name
     * @param value its value
     */
    void putCookie(Caller browser, boolean shared, String name, Object value);

    /**
     * Makes the caller's session idle past the session timeout (SESS-10, SESS-11).
     *
     * @param caller the caller
     */
    void expireSession(Caller caller);

    /**
     * Whether the caller's current session has expired.
     *
     * @param caller the caller
     * @return true if it has
     */
    boolean sessionExpired(Caller caller);

    /**
     * The user logged in on the caller's session, or {@code null}.
     *
     * @param caller the caller
     * @return the user
     */
    Object userOf(Caller caller);

    /** @return the runtime's fake clock, or {@code null} when it reads another clock */
    TimeControl fakeClock();

    /** @return the runtime's clock's current instant */
    Instant now();

    /** @return the per-call time limit, zero for none */
    Duration callTimeout();

    /** @return how long a session may stay idle */
    Duration sessionTimeout();

    /** @return server code's time zone */
    ZoneId zone();

    /** @return the portable classes server code knows, which values are encoded and decoded by */
    PortableClasses portableClasses();

    /** @param offline whether browsers' calls raise {@code AppOfflineError} (CALL-19) */
    void appOffline(boolean offline);

    /** @return whether the app is offline for browsers */
    boolean appOffline();

    /** @param exceeded whether every call raises {@code QuotaExceededError} */
    void quotaExceeded(boolean exceeded);

    /**
     * @param locked whether every call, whoever makes it, raises {@code InternalError} "This app is
     *     currently down for maintenance..." before anything else is checked (ERR-12)
     */
    void appLocked(boolean locked);

    /**
     * Makes the worker running each later call of the server function {@code function} die once the
     * body has run (ERR-07: {@code ExecutionTerminatedError}, the call's session changes lost), or
     * restores it.
     *
     * @param function the registered name
     * @param dies true to make its calls die
     * @throws IllegalArgumentException if server code registered no function of that name (one an
     *     uplink provides runs on no worker of the runtime's)
     */
    void workerDiesDuring(String function, boolean dies);

    /**
     * Ends the running background task {@code id} by a fault (TASK-23): its worker dies (it ends as
     * {@code failed} with {@code ExecutionTerminatedError}) or the runtime loses track of it (it ends
     * as {@code missing}). No effect on a task that already ended.
     *
     * @param id the task's id
     * @param fault which fault
     * @return the task, or {@code null} if the runtime knows no task of that id
     * @throws IllegalStateException if the task's worker cannot die because the task runs on an uplink,
     *     not on a worker of the runtime's
     */
    Task taskFault(String id, TaskFault fault);

    /** What goes wrong with a running background task (TASK-23). */
    enum TaskFault {
        /** The worker running it dies: it ends as {@code failed}, {@code ExecutionTerminatedError}. */
        WORKER_DIES,
        /** The runtime's executor loses track of it: it ends as {@code missing}. */
        EXECUTOR_FORGETS
    }

    /**
     * Makes every later call of {@code function} run past the call timeout (ERR-06), or, with
     * {@code on} false, restores it.
     *
     * @param function the registered name
     * @param on true to time it out
     * @throws IllegalArgumentException if no server function has that name
     * @throws IllegalStateException without a fake clock or a call timeout
     */
    void timeOut(String function, boolean on);

    /**
     * Adds a user account ({@code authenticate_users}, HTTP-09), which callers can be created
     * logged in as.
     *
     * @param email the email
     * @param password the password
     * @param user the user value
     */
    void addUser(String email, String password, Object user);

    /**
     * The user value of an account.
     *
     * @param email the email
     * @return the user, or {@code null} if there is no such account
     */
    Object user(String email);

    /** @return the accounts' emails, sorted */
    List<String> userEmails();

    /** @return the names server code registered, sorted, background tasks as {@code task:<name>} */
    List<String> serverFunctions();

    /** @return the endpoints server code registered, e.g. {@code http:/users/:id}, in order */
    List<String> endpoints();

    /** @return the uplinks admitted over the wire, oldest first */
    List<Uplink> uplinks();

    /**
     * Disconnects an uplink admitted over the wire (UPL-09, ERR-08).
     *
     * @param id its id
     * @return false if none has that id
     */
    boolean disconnectUplink(String id);

    /** @return whether the runtime records calls in its journal */
    boolean recordsCalls();

    /**
     * Follows the call journal: {@code listener} gets each call once it is recorded, on the thread
     * that ran it.
     *
     * @param listener told of each call
     */
    void onCall(Consumer<Call> listener);

    /**
     * The app log's entries written after entry {@code after}, oldest first.
     *
     * @param after an entry's sequence number, 0 for all
     * @return the entries
     */
    List<LogLine> log(long after);

    /** @return how many app-log entries were dropped to keep the newest */
    long logDropped();

    /** @return every background task the runtime knows, running or finished */
    List<Task> tasks();

    /**
     * An uplink admitted over the wire.
     *
     * @param id its id
     * @param key {@code server} or {@code client}
     * @param remoteAddress the peer's address
     * @param since when it was admitted
     * @param functions the names it registered
     */
    record Uplink(String id, String key, String remoteAddress, Instant since, List<String> functions) {}

    /**
     * One call of the journal.
     *
     * @param sequence the order in which calls started
     * @param function the registered name
     * @param invocation {@code call}, {@code task} or {@code http}
     * @param caller the kind of caller, e.g. {@code browser}
     * @param contextType the {@code context.type} the function saw, or {@code null} if it never ran
     * @param user the logged-in user when it started, or {@code null}
     * @param arguments the arguments it received
     * @param returnValue what it returned, or {@code null}
     * @param error what its caller received instead, or {@code null}
     * @param started when it started, by the runtime's clock
     * @param duration how long it took, by the runtime's clock
     */
    record Call(long sequence, String function, String invocation, String caller, String contextType, Object user,
            Arguments arguments, Object returnValue, Throwable error, Instant started, Duration duration) {}

    /**
     * One app-log entry.
     *
     * @param sequence its number
     * @param time when
     * @param level {@code INFO}, {@code WARNING} or {@code ERROR}
     * @param source {@code CALL}, {@code HTTP}, {@code TASK} or {@code UPLINK}
     * @param name the function, path, task or remote address
     * @param sessionId the session, or {@code null}
     * @param message what happened
     * @param stackTrace the stack trace's lines, empty without an error
     */
    record LogLine(long sequence, Instant time, String level, String source, String name, String sessionId,
            String message, List<String> stackTrace) {}
}
