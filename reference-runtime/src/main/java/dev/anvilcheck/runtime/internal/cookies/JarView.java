package dev.anvilcheck.runtime.internal.cookies;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.value.Crossing;
import dev.anvilcheck.value.Side;
import dev.anvilcheck.value.ValuePath;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A jar as code on one side uses it (SESS-16, SESS-17). Storing is a call to the platform on the
 * real thing, so values are copied by the rules of call arguments (CALL-20, SER-*), and then the
 * platform refuses in-memory Media with an untyped error, as the value model's cookie rule does
 * ({@link Crossing#cookieValue}; {@code LazyMedia} may be stored, MEDIA-05); reads return fresh
 * copies.
 */
final class JarView implements CookieJar {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final ValuePath KWARGS = ValuePath.root().key("kwargs");

    private final StoredJar jar;
    private final Clock clock;
    /** Values cross on the jar user's side, which stores and reads them. */
    private final Crossing crossing;
    /** The jar user's side, whose zone and portable classes the stored form is measured with. */
    private final Side side;

    JarView(StoredJar jar, Clock clock, Side side) {
        this.jar = jar;
        this.clock = clock;
        this.side = side;
        this.crossing = Crossing.from(side);
    }

    private static String check(String key) {
        if (key == null) {
            throw new TypeError("Cookie keys must be strings, not None");
        }
        return key;
    }

    private Object copyOut(Object value) {
        return crossing.returnValue(value);
    }

    @Override
    public Object get(String key) {
        StoredJar.Entry entry = jar.find(check(key), clock.instant());
        if (entry == null) {
            throw new KeyError(key);
        }
        return copyOut(entry.value());
    }

    @Override
    public Object get(String key, Object defaultValue) {
        StoredJar.Entry entry = jar.find(check(key), clock.instant());
        return entry == null ? defaultValue : copyOut(entry.value());
    }

    @Override
    public void put(String key, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(check(key), value);
        set(DEFAULT_TIMEOUT_DAYS, one);
    }

    @Override
    public void set(double timeoutDays, Map<String, ?> values) {
        if (values == null) {
            throw new TypeError("set() needs the cookie values, not None");
        }
        if (Double.isNaN(timeoutDays)) {
            throw new TypeError("timeout_days must be a number, not NaN");
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : values.entrySet()) {
            raw.put(check(e.getKey()), e.getValue());
        }
        Map<String, Object> sent = crossing.arguments(new Arguments(List.of(), raw)).kwargs();
        Map<String, Object> copied = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : sent.entrySet()) {
            copied.put(e.getKey(), crossing.cookieValue(e.getValue(), KWARGS.key(e.getKey())));
        }
        Instant now = clock.instant();
        jar.putAll(copied, expiry(now, timeoutDays), now, entries -> CookieSize.check(entries, side));
    }

    private static Instant expiry(Instant now, double days) {
        double millis = days * MILLIS_PER_DAY;
        if (millis >= Long.MAX_VALUE / 2.0) {
            return Instant.MAX;
        }
        if (millis <= Long.MIN_VALUE / 2.0) {
            return Instant.MIN;
        }
        // within 2^62 ms of now, which is far inside Instant's range (about 10^19 ms either side of 1970)
        return now.plusMillis((long) millis);
    }

    @Override
    public void remove(String key) {
        jar.remove(check(key));
    }

    @Override
    public void clear() {
        jar.clear();
    }

    @Override
    public String toString() {
        return "anvil.server.cookies." + jar.name();
    }
}
