package dev.anvilcheck.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The settings of one runtime.
 *
 * @param clock the clock everything time-dependent reads
 * @param zone the time zone of server code (SER-09)
 * @param callTimeout the per-call limit; zero for none (ERR-06, Q-13)
 * @param sessionTimeout how long a session may stay idle (SESS-10)
 * @param appOrigin the app origin (MISC-01)
 */
public record RuntimeConfig(Clock clock, ZoneId zone, Duration callTimeout, Duration sessionTimeout, String appOrigin) {
    /** Validates the record. */
    public RuntimeConfig {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(appOrigin, "appOrigin");
        if (callTimeout.isNegative()) {
            throw new IllegalArgumentException("callTimeout must not be negative: " + callTimeout);
        }
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("sessionTimeout must be positive: " + sessionTimeout);
        }
    }
}
