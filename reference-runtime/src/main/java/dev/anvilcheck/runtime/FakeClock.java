package dev.anvilcheck.runtime;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.spi.TimeControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link Clock} that stands still until a test moves it. Everything time-dependent in the
 * reference runtime reads this clock: session expiry (SESS-10), call timeouts (ERR-06) and, later,
 * background tasks. {@link #advance(Duration)} fires, on the advancing thread, everything that
 * falls due, so tests never sleep. Thread-safe; views made by {@link #withZone(ZoneId)} share the
 * same time.
 *
 * @since 0.1
 */
public final class FakeClock extends Clock implements TimeControl {
    /** The instant a clock made by {@link #create()} starts at: 2026-01-01T09:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T09:00:00Z");

    private final Source source;
    private final ZoneId zone;

    private FakeClock(Source source, ZoneId zone) {
        this.source = source;
        this.zone = zone;
    }

    /**
     * A clock at {@link #DEFAULT_START}, in UTC.
     *
     * @return the clock
     */
    public static FakeClock create() {
        return startingAt(DEFAULT_START);
    }

    /**
     * A clock at {@code start}, in UTC.
     *
     * @param start the initial instant
     * @return the clock
     */
    public static FakeClock startingAt(Instant start) {
        return new FakeClock(new Source(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    @OutsideTheSpecification("FakeClock's zone view, Java API that the SPI's TimeControl does not use")
    @Override
    public ZoneId getZone() {
        return zone;
    }

    @OutsideTheSpecification("FakeClock's zone view, Java API that the SPI's TimeControl does not use")
    @Override
    public FakeClock withZone(ZoneId newZone) {
        return new FakeClock(source, Objects.requireNonNull(newZone, "zone"));
    }

    @Override
    public Instant instant() {
        return source.now;
    }

    @Override
    public long millis() {
        return source.now.toEpochMilli();
    }

    @Override
    public Instant now() {
        return source.now;
    }

    /**
     * Moves time forward by {@code duration} and fires what fell due: expired call deadlines are
     * enforced before this method returns.
     *
     * @param duration how far; zero is allowed
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    @Override
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A fake clock only moves forward, but was asked to advance by "
                    + duration);
        }
        Instant reached;
        synchronized (source) {
            reached = source.now.plus(duration);
            source.now = reached;
        }
        for (Consumer<Instant> listener : source.listeners) {
            listener.accept(reached);
        }
    }

    /**
     * Moves time forward to {@code instant}, as {@link #advance(Duration)} does.
     *
     * @param instant the new time, not before the current one
     * @throws IllegalArgumentException if {@code instant} is in the past of this clock
     */
    @OutsideTheSpecification("FakeClock's absolute move, Java API that the SPI's TimeControl does not use (it"
            + " advances by durations)")
    public void advanceTo(Instant instant) {
        advance(Duration.between(source.now, instant));
    }

    /** Registers a listener called with the new time after every advance, on the advancing thread. */
    Runnable onAdvance(Consumer<Instant> listener) {
        source.listeners.add(listener);
        return () -> source.listeners.remove(listener);
    }

    @Override
    @OutsideTheSpecification("the equality of the runtime's own clock object: no clause speaks of it")
    public boolean equals(Object other) {
        return other instanceof FakeClock c && c.source == source && c.zone.equals(zone);
    }

    @Override
    @OutsideTheSpecification("the equality of the runtime's own clock object: no clause speaks of it")
    public int hashCode() {
        return System.identityHashCode(source) * 31 + zone.hashCode();
    }

    @Override
    @OutsideTheSpecification("the rendering of the runtime's own clock object: no clause speaks of it")
    public String toString() {
        return "FakeClock[" + source.now + ", " + zone + "]";
    }

    private static final class Source {
        private volatile Instant now;
        private final List<Consumer<Instant>> listeners = new CopyOnWriteArrayList<>();

        Source(Instant now) {
            this.now = now;
        }
    }
}
