package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.CallObserver;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.spi.CallerKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every call an {@link AnvilRuntime} ran, for tests to verify: functions called by name, by any
 * caller and by server code (CALL-03, CALL-14), background tasks' own functions (TASK-01), HTTP
 * endpoints (HTTP-01), and calls the runtime refused before a function ran. A call is recorded
 * when it ends, so a function still running is not listed yet. Enable it with
 * {@link AnvilRuntime.Builder#recordCalls(boolean)} (the JUnit extension does); read it from any
 * thread. It keeps every call unless {@link AnvilRuntime.Builder#journalCapacity(int)} bounds it:
 * then it keeps the newest calls, at most that many and no more than about 16 MiB of the Media and
 * strings they hold, and counts those it {@linkplain #dropped() dropped}.
 *
 * <pre>{@code
 * List<RecordedCall> sent = runtime.journal().callsOf("send_invoice");
 * sent.get(0).caller();        // BACKGROUND_TASK
 * sent.get(0).arguments();     // Arguments[args=[42], kwargs={}]
 * }</pre>
 *
 * @since 0.1
 */
public final class CallJournal {
    private static final System.Logger LOG = System.getLogger(CallJournal.class.getName());
    /** What a bounded journal keeps alive at most, about: its calls' Media and strings (16 MiB). */
    static final long BYTE_BUDGET = 16L * 1024 * 1024;

    private final Clock clock;
    private final int capacity;
    private final AtomicLong sequence = new AtomicLong();
    private final long byteBudget;
    /** The calls kept, oldest first, and about how many bytes each keeps alive; guarded by {@code this}. */
    private final java.util.ArrayDeque<RecordedCall> calls = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Long> sizes = new java.util.ArrayDeque<>();
    private long bytes;
    private final AtomicLong dropped = new AtomicLong();
    private final List<java.util.function.Consumer<RecordedCall>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ThreadLocal<Throwable> lastRaised = new ThreadLocal<>();
    private final CallObserver observer = new Recorder();

    CallJournal(Clock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
        this.byteBudget = capacity == Integer.MAX_VALUE ? Long.MAX_VALUE : BYTE_BUDGET;
    }

    /** Follows the journal: {@code listener} gets each call as it is kept, on the thread that ran it (the control API). */
    void onRecorded(java.util.function.Consumer<RecordedCall> listener) {
        listeners.add(listener);
    }

    private void keep(RecordedCall call) {
        long size = byteBudget == Long.MAX_VALUE ? 0 : dev.anvilcheck.runtime.internal.RetainedSize.of(
                call.arguments(), call.returnValue());
        synchronized (this) {
            calls.addLast(call);
            sizes.addLast(size);
            bytes += size;
            while (calls.size() > capacity || bytes > byteBudget && calls.size() > 1) {
                calls.removeFirst();
                bytes -= sizes.removeFirst();
                dropped.incrementAndGet();
            }
        }
        for (java.util.function.Consumer<RecordedCall> listener : listeners) {
            try {
                listener.accept(call);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A call journal listener failed on call #" + call.sequence(), e);
            }
        }
    }

    /**
     * How many calls were dropped to keep the newest
     * {@linkplain AnvilRuntime.Builder#journalCapacity(int) capacity}.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    CallObserver observer() {
        return observer;
    }

    /**
     * Every recorded call, in the order the calls started.
     *
     * @return a snapshot
     */
    public List<RecordedCall> calls() {
        List<RecordedCall> all;
        synchronized (this) {
            all = new ArrayList<>(calls);
        }
        all.sort(Comparator.comparingLong(RecordedCall::sequence));
        return List.copyOf(all);
    }

    /**
     * The recorded calls of one function, in the order they started.
     *
     * @param function the registered name, e.g. {@code send_invoice} or {@code task:nightly}
     * @return a snapshot
     */
    public List<RecordedCall> callsOf(String function) {
        Objects.requireNonNull(function, "function");
        return calls().stream().filter(c -> c.function().equals(function)).toList();
    }

    /**
     * How many calls were recorded.
     *
     * @return the count
     */
    public synchronized int size() {
        return calls.size();
    }

    /** Forgets every call recorded so far, e.g. after a test's set-up calls. */
    public synchronized void clear() {
        calls.clear();
        sizes.clear();
        bytes = 0;
    }

    /**
     * The recorded calls, one per line, for failure messages.
     *
     * @return the description
     */
    @Override
    public String toString() {
        List<RecordedCall> all = calls();
        if (all.isEmpty()) {
            return "(no calls)";
        }
        StringBuilder out = new StringBuilder();
        for (RecordedCall c : all) {
            out.append("  ").append(c).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    static CallerKind callerOf(StackFrame frame, ClientInfo client, boolean taskFunction) {
        if (frame == null) {
            return CallerKind.SERVER_MODULE;
        }
        return switch (frame.type()) {
            case "browser" -> CallerKind.BROWSER;
            case "uplink" -> CallerKind.UPLINK;
            case "client_uplink", "client-uplink" -> CallerKind.CLIENT_UPLINK;
            case "http" -> CallerKind.HTTP;
            case "email_server" -> CallerKind.EMAIL;
            case "scheduled_task" -> CallerKind.SCHEDULED_TASK;
            default -> !taskFunction && client != null && "background_task".equals(client.type())
                    ? CallerKind.BACKGROUND_TASK : CallerKind.SERVER_MODULE;
        };
    }

    private static RecordedCall.Invocation invocationOf(String function) {
        if (function.startsWith("task:")) {
            return RecordedCall.Invocation.TASK;
        }
        if (function.startsWith("http:") || function.startsWith("route:") || function.startsWith("http-wellknown:")) {
            return RecordedCall.Invocation.HTTP;
        }
        return RecordedCall.Invocation.CALL;
    }

    private final class Recorder implements CallObserver {
        @Override
        public Observation started(String function, CallContext context, Object user) {
            long number = sequence.incrementAndGet();
            Instant start = clock.instant();
            RecordedCall.Invocation invocation = invocationOf(function);
            CallerKind caller = callerOf(context.remoteCaller(), context.client(),
                    invocation == RecordedCall.Invocation.TASK);
            String thread = Thread.currentThread().getName();
            return new Observation() {
                private Arguments arguments = Arguments.none();
                private Object result;

                @Override
                public void received(Arguments received) {
                    arguments = received;
                }

                @Override
                public void result(Object value) {
                    result = value;
                }

                @Override
                public void returned() {
                    keep(new RecordedCall(number, function, invocation, caller, context, user, arguments,
                            result, null, start, Duration.between(start, clock.instant()), thread));
                }

                @Override
                public void raised(Throwable error) {
                    lastRaised.set(error);
                    keep(new RecordedCall(number, function, invocation, caller, context, user, arguments, null,
                            error, start, Duration.between(start, clock.instant()), thread));
                }
            };
        }

        @Override
        public void refused(String function, StackFrame frame, ClientInfo client, String backgroundTaskId,
                Arguments arguments, RuntimeException error) {
            if (lastRaised.get() == error) {
                lastRaised.remove();
                return;
            }
            Instant now = clock.instant();
            keep(new RecordedCall(sequence.incrementAndGet(), String.valueOf(function),
                    RecordedCall.Invocation.CALL, callerOf(frame, client, false), null, null,
                    arguments == null ? Arguments.none() : arguments, null, error, now, Duration.ZERO,
                    Thread.currentThread().getName()));
        }
    }
}
