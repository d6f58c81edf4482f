package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.AppEvents;
import dev.anvilcheck.runtime.internal.LogText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The app log of an {@link AnvilRuntime}, as the platform's App Logs: every error that ends a call
 * by name (raised by server code, or by the runtime for the call: a refusal such as
 * {@code NoServerFunctionError}, a {@code TypeError} from argument binding, {@code requireUser}, a
 * return value that cannot cross, a timeout), every HTTP request answered with a 5xx because
 * serving it failed (and, as the platform logs it, a {@code /_/api} request no endpoint matches),
 * every background task that fails, uplinks connecting, being refused and disconnecting, with
 * their remote address, and, once in a while, connections the listener refused beyond its cap. Each {@link Entry} has the runtime clock's time, a level, the session, the
 * function, path, task or address, a message, and, for an error, the exception server code threw,
 * whose stack trace {@link Entry#format()} prints. Errors are recorded whatever their type,
 * Anvil errors that server code raises on purpose ({@code PermissionDenied},
 * {@code AuthenticationFailed}) included: the platform records every error that ends an HTTP
 * request, a background task, a scheduled task or an email handler, whatever its type, and a
 * browser reports every error of a server call that its code does not catch; a test is the
 * caller here, and whether it expected the error is for the test to say, not for the log. An
 * error that server code catches from a nested {@code call} is not recorded, as on the platform;
 * one that crosses several nested calls is recorded once, when it reaches a caller outside server
 * code, under the function that caller called and with the stack trace of the code that threw it
 * first. The log keeps the newest {@link #DEFAULT_CAPACITY} entries (see
 * {@link AnvilRuntime.Builder#appLogCapacity(int)}) and counts those it dropped; every entry is
 * also written to the {@link System.Logger} named after this class, at {@code DEBUG} (errors and
 * warnings) or {@code TRACE}, which the JDK's default logging configuration does not print; a
 * listener set with {@link AnvilRuntime.Builder#appLogListener(Consumer)} follows it as it grows.
 * Thread-safe.
 *
 * <pre>{@code
 * runtime.browser().call("close_ticket", 7);          // raises TypeError: close_ticket() missing 1 required argument
 * runtime.appLog().entries().get(0).format();
 * // 2025-01-01T00:00:00Z ERROR call close_ticket [session 2K7...]: TypeError: close_ticket() missing ...
 * //     dev.anvilcheck.python.TypeError: close_ticket() missing ...
 * //         at dev.anvilcheck.hosting.MethodBinder...
 * }</pre>
 *
 * @since 0.1
 */
public final class AppLog {
    /** How many entries a log keeps unless its runtime's builder says otherwise: 10 000. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private static final System.Logger LOG = System.getLogger(AppLog.class.getName());

    private final Clock clock;
    private final int capacity;
    private final List<Consumer<Entry>> listeners;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final AppEvents recorder = new Recorder();
    private long sequence;
    private long dropped;

    AppLog(Clock clock, int capacity, List<Consumer<Entry>> listeners) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
        this.listeners = List.copyOf(listeners);
    }

    AppEvents recorder() {
        return recorder;
    }

    /**
     * The entries kept, oldest first.
     *
     * @return a snapshot
     */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * The entries kept that were written after the entry numbered {@code sequence}, oldest first:
     * with {@link #lastSequence()} read before, those written since.
     *
     * @param sequence an entry's number, or 0 for all
     * @return a snapshot
     */
    public synchronized List<Entry> entriesAfter(long sequence) {
        List<Entry> after = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sequence() > sequence) {
                after.add(e);
            }
        }
        return List.copyOf(after);
    }

    /**
     * The number of the newest entry written so far, kept or not; 0 before the first.
     *
     * @return the number
     */
    public synchronized long lastSequence() {
        return sequence;
    }

    /**
     * How many entries were dropped to keep the newest {@link #capacity()}.
     *
     * @return the count
     */
    public synchronized long dropped() {
        return dropped;
    }

    /**
     * How many entries the log keeps at most.
     *
     * @return the bound
     */
    public int capacity() {
        return capacity;
    }

    /** Forgets every entry kept so far, e.g. after a test's set-up; numbering goes on. */
    public synchronized void clear() {
        entries.clear();
    }

    /**
     * Every entry kept, {@linkplain Entry#format() formatted}, one after the other; a note first if
     * entries were dropped.
     *
     * @return the text, or {@code (no entries)}
     */
    @Override
    public String toString() {
        List<Entry> all;
        long lost;
        synchronized (this) {
            all = List.copyOf(entries);
            lost = dropped;
        }
        if (all.isEmpty()) {
            return lost == 0 ? "(no entries)" : "(no entries; " + lost + " dropped)";
        }
        StringBuilder out = new StringBuilder();
        if (lost > 0) {
            out.append("(").append(lost).append(" older entries dropped)\n");
        }
        for (Entry e : all) {
            out.append(e.format()).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private void write(Level level, Source source, String name, String sessionId, String message, Throwable error) {
        Entry entry;
        synchronized (this) {
            entry = new Entry(++sequence, clock.instant(), level, source, String.valueOf(name), sessionId,
                    String.valueOf(message), error);
            entries.addLast(entry);
            while (entries.size() > capacity) {
                entries.removeFirst();
                dropped++;
            }
        }
        LOG.log(level == Level.INFO ? System.Logger.Level.TRACE : System.Logger.Level.DEBUG, entry::format);
        for (Consumer<Entry> listener : listeners) {
            try {
                listener.accept(entry);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "An app log listener failed on entry #" + entry.sequence(), e);
            }
        }
    }

    /** The name an error goes by, then its message. */
    private static String describe(Throwable error) {
        String message = error.getMessage();
        String name = RecordedCall.errorName(error);
        return message == null || message.isEmpty() ? name : name + ": " + message;
    }

    /**
     * How serious an entry is.
     *
     * @since 0.1
     */
    public enum Level {
        /** Something happened as it should: an uplink connected or disconnected. */
        INFO,
        /** Something was refused or may need attention: a wrong uplink key, a request no endpoint matches. */
        WARNING,
        /** An error ended a call, a request or a task, or broke an uplink's connection. */
        ERROR
    }

    /**
     * What an entry is about, and so what its {@link Entry#name()} names.
     *
     * @since 0.1
     */
    public enum Source {
        /** A call by name; the name is the called function's. */
        CALL,
        /**
         * An HTTP request; the name is its path, e.g. {@code /_/api/users/7}. Connections the
         * listener refused beyond its cap ({@link ListenerLimits#connections()}) are HTTP entries
         * too, named by the remote address of the latest one.
         */
        HTTP,
        /** A background task; the name is the task's, without {@code task:}. */
        TASK,
        /** An uplink connection; the name is its remote address. */
        UPLINK
    }

    /**
     * One entry of an app log. Texts are kept as they came, from outside or not; {@link #header()}
     * and {@link #format()} escape them.
     *
     * @param sequence the order in which entries were written in this runtime, from 1
     * @param time when, by the runtime's clock (a test's {@link FakeClock})
     * @param level how serious
     * @param source what it is about
     * @param name the function, the request's path, the task, or the uplink's remote address
     * @param sessionId the session, or {@code null} where there is none
     * @param message what happened; for an error, its type name and message
     * @param error the exception server code (or the runtime) threw, or {@code null}
     * @since 0.1
     */
    public record Entry(long sequence, Instant time, Level level, Source source, String name, String sessionId,
            String message, Throwable error) {

        /**
         * Validates the entry.
         *
         * @param sequence the order
         * @param time the time
         * @param level the level
         * @param source the source
         * @param name the name
         * @param sessionId the session, or {@code null}
         * @param message the message
         * @param error the exception, or {@code null}
         */
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(message, "message");
        }

        /**
         * The entry's one line, every text that could have come from outside escaped ({@code \n},
         * {@code \r}, other control characters as {@code \}{@code u001b}), e.g.
         * {@code 2025-01-01T00:00:00Z ERROR call close_ticket [session 2K7...]: anvil.server.PermissionDenied:
         * not yours}.
         *
         * @return the line
         */
        public String header() {
            StringBuilder out = new StringBuilder().append(time).append(' ').append(level).append(' ')
                    .append(source.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(LogText.escape(name));
            if (sessionId != null) {
                out.append(" [session ").append(LogText.escape(sessionId)).append(']');
            }
            return out.append(": ").append(LogText.escape(message)).toString();
        }

        /**
         * The stack trace of {@link #error()} as lines indented by four spaces, as
         * {@link Throwable#printStackTrace()} prints it with messages escaped, without the frames of
         * the caller below the runtime (counted as {@code ... n more (the caller's)}); empty without
         * an error.
         *
         * @return the lines
         */
        public List<String> stackTrace() {
            return error == null ? List.of() : LogText.stackTrace(error);
        }

        /**
         * The {@link #header()} and, on the lines below, the {@link #stackTrace()}: one entry is
         * always one unindented line followed by indented ones.
         *
         * @return the text, lines separated by {@code \n}
         */
        public String format() {
            List<String> trace = stackTrace();
            if (trace.isEmpty()) {
                return header();
            }
            return header() + "\n" + String.join("\n", trace);
        }

        /**
         * The same as {@link #format()}.
         *
         * @return the text
         */
        @Override
        public String toString() {
            return format();
        }
    }

    /** Turns the runtime's events into entries. */
    private final class Recorder implements AppEvents {
        @Override
        public void callFailed(String function, String sessionId, Throwable error) {
            write(Level.ERROR, Source.CALL, function, sessionId, describe(error), error);
        }

        @Override
        public void endpointFailed(String method, String path, String sessionId, int status, String problem,
                Throwable error) {
            String what = problem != null ? problem : error != null ? describe(error) : "failed";
            write(Level.ERROR, Source.HTTP, path, sessionId, method + " answered " + status + ": " + what, error);
        }

        @Override
        public void endpointMissing(String method, String path) {
            write(Level.WARNING, Source.HTTP, path, null, method + " answered 404: API request routing failed, no"
                    + " endpoint matches the path", null);
        }

        @Override
        public void connectionsRefused(String remoteAddress, int limit, long count) {
            write(Level.WARNING, Source.HTTP, remoteAddress, null, count + (count == 1 ? " connection" : " connections")
                    + " refused: the listener already holds its limit of " + limit + " open connections", null);
        }

        @Override
        public void task(String task, String sessionId, boolean failed, String problem, Throwable error) {
            String what = problem != null ? problem : error != null ? describe(error) : "failed";
            write(failed ? Level.ERROR : Level.WARNING, Source.TASK, task, sessionId,
                    failed ? "failed: " + what : what, error);
        }

        @Override
        public void uplinkConnected(String remoteAddress, boolean server, String sessionId) {
            write(Level.INFO, Source.UPLINK, remoteAddress, sessionId,
                    (server ? "server" : "client") + " uplink connected", null);
        }

        @Override
        public void uplinkRefused(String remoteAddress, String reason) {
            write(Level.WARNING, Source.UPLINK, remoteAddress, null, "uplink refused: " + reason, null);
        }

        @Override
        public void uplinkFailed(String remoteAddress, String sessionId, String problem, Throwable error) {
            write(Level.ERROR, Source.UPLINK, remoteAddress, sessionId, problem, error);
        }

        @Override
        public void uplinkDisconnected(String remoteAddress, String sessionId, String reason) {
            write(Level.INFO, Source.UPLINK, remoteAddress, sessionId, "uplink disconnected: " + reason, null);
        }
    }
}
