package dev.anvilcheck.runtime.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.spi.RawHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The control API's event stream, {@code GET /_/control/events} as Server-Sent Events: each call
 * recorded in the journal ({@code call}, as {@code /journal} describes it) the moment it is
 * recorded, and, looked for every {@value #LOOK_MILLIS} ms while anyone listens, each new app-log
 * entry ({@code log}), each background task whose state changed ({@code task}) and the registered
 * functions when they change ({@code functions}, e.g. an uplink connecting). A comment every
 * {@value #PING_MILLIS} ms keeps proxies from closing a quiet stream. At most
 * {@value #MAX_SUBSCRIBERS} streams at once (503 beyond); a subscriber that does not read is
 * dropped by its host rather than buffered without bound, and, as {@code EventSource} does,
 * reconnects and catches up from the journal and the log. The host (the listener) writes the
 * frames; this class knows nothing of sockets.
 */
public final class ControlEvents implements AutoCloseable {
    /** The most event streams open at once. */
    static final int MAX_SUBSCRIBERS = 16;
    /** How often the app log, tasks and functions are looked at while a stream is open. */
    static final long LOOK_MILLIS = 200;
    /** How often a quiet stream gets a comment. */
    static final long PING_MILLIS = 15_000;

    /** Where a stream's frames go: the host writes them in order, and ends the response on {@link #end()}. */
    public interface Sink {
        /**
         * Writes one frame, already in the {@code text/event-stream} format.
         *
         * @param frame UTF-8 bytes of one or more lines ending in a blank line
         */
        void write(byte[] frame);

        /** Ends the response (the runtime closes). */
        void end();
    }

    /**
     * The answer to a request for the stream: a refusal to write as an ordinary response, or a
     * subscription the host starts once it has written the head.
     *
     * @param refusal the response to write instead, or {@code null}
     * @param subscription the subscription, or {@code null} with a refusal
     */
    public record Opened(RawHttpResponse refusal, Subscription subscription) {}

    /** One open stream. */
    public final class Subscription {
        private volatile Sink sink;

        private Subscription() {}

        /**
         * Starts sending events to {@code sink}; the first frame is a {@code hello} event with the
         * journal's and the log's newest indexes, so that the client can catch up from them.
         *
         * @param sink where the frames go
         */
        public void start(Sink sink) {
            this.sink = sink;
            sink.write(frame("hello", hello.get()));
        }

        /** Stops sending; the host calls it when the connection closes. */
        public void cancel() {
            remove(this);
        }
    }

    private final ControlTarget target;
    private final Supplier<JsonNode> hello;
    private final Supplier<JsonNode> functions;
    private final java.util.function.Function<ControlTarget.LogLine, JsonNode> logEntry;
    private final java.util.function.Function<Task, JsonNode> taskEntry;
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private ScheduledThreadPoolExecutor timer;
    private boolean closed;
    /** What the last look saw; touched only by the timer's thread. */
    private long lastLog = -1;
    private final Map<String, String> lastTasks = new HashMap<>();
    private String lastFunctions;
    private long lastFrame = System.nanoTime();

    ControlEvents(ControlTarget target, Supplier<JsonNode> hello, Supplier<JsonNode> functions,
            java.util.function.Function<ControlTarget.LogLine, JsonNode> logEntry,
            java.util.function.Function<Task, JsonNode> taskEntry) {
        this.target = target;
        this.hello = hello;
        this.functions = functions;
        this.logEntry = logEntry;
        this.taskEntry = taskEntry;
    }

    /** @return true if any stream is open, so that events are worth describing */
    boolean active() {
        return !subscribers.isEmpty();
    }

    /** A new stream, or 503 when too many are open or the runtime closes. */
    synchronized Opened open() {
        if (closed) {
            return new Opened(ControlJson.error(503, null, "the runtime is closing"), null);
        }
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            return new Opened(ControlJson.error(503, null, MAX_SUBSCRIBERS + " event streams are open already; close"
                    + " one or try again later"), null);
        }
        Subscription s = new Subscription();
        subscribers.add(s);
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "anvilcheck-control-events");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::look, 0, LOOK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return new Opened(null, s);
    }

    private synchronized void remove(Subscription s) {
        subscribers.remove(s);
        if (subscribers.isEmpty() && timer != null) {
            timer.shutdownNow();
            timer = null;
            lastLog = -1;
            lastTasks.clear();
            lastFunctions = null;
        }
    }

    /** Sends an event to every open stream. */
    synchronized void publish(String event, JsonNode data) {
        if (subscribers.isEmpty()) {
            return;
        }
        byte[] frame = frame(event, data);
        for (Subscription s : subscribers) {
            Sink sink = s.sink;
            if (sink != null) {
                sink.write(frame);
            }
        }
        lastFrame = System.nanoTime();
    }

    /** Looks at the log, the tasks and the functions, and publishes what changed. */
    private void look() {
        try {
            if (lastLog < 0) {
                // a new watch: what is logged from now on; the client reads the rest with GET /log
                List<ControlTarget.LogLine> all = target.log(0);
                lastLog = all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
                for (Task t : target.tasks()) {
                    lastTasks.put(t.getId(), ControlJson.write(taskEntry.apply(t)));
                }
                lastFunctions = ControlJson.write(functions.get());
                return;
            }
            for (ControlTarget.LogLine line : target.log(lastLog)) {
                publish("log", logEntry.apply(line));
                lastLog = line.sequence();
            }
            List<String> seen = new ArrayList<>();
            for (Task t : target.tasks()) {
                JsonNode entry = taskEntry.apply(t);
                String text = ControlJson.write(entry);
                seen.add(t.getId());
                if (!text.equals(lastTasks.put(t.getId(), text))) {
                    publish("task", entry);
                }
            }
            lastTasks.keySet().retainAll(seen);
            JsonNode f = functions.get();
            String text = ControlJson.write(f);
            if (!text.equals(lastFunctions)) {
                lastFunctions = text;
                publish("functions", f);
            }
            if (System.nanoTime() - lastFrame > TimeUnit.MILLISECONDS.toNanos(PING_MILLIS)) {
                synchronized (this) {
                    for (Subscription s : subscribers) {
                        Sink sink = s.sink;
                        if (sink != null) {
                            sink.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    lastFrame = System.nanoTime();
                }
            }
        } catch (RuntimeException e) {
            // a value that cannot be described must not stop the stream; the routes report it
        }
    }

    static byte[] frame(String event, JsonNode data) {
        // JSON written by Jackson has no raw line breaks, so one data line holds it
        return ("event: " + event + "\ndata: " + ControlJson.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Ends every stream; later requests get 503. */
    @Override
    public void close() {
        List<Subscription> left;
        synchronized (this) {
            closed = true;
            left = new ArrayList<>(subscribers);
            subscribers.clear();
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }
        for (Subscription s : left) {
            Sink sink = s.sink;
            if (sink != null) {
                sink.end();
            }
        }
    }
}
