package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * The runtime's clock, as the suite controls it (Feature {@link Feature#TIME_CONTROL}): session
 * expiry, call timeouts and background tasks are driven by it.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface TimeControl {
    /**
     * The runtime's current time.
     *
     * @return now
     */
    Instant now();

    /**
     * Moves the runtime's time forward, firing everything that falls due.
     *
     * @param duration how far, not negative
     */
    void advance(Duration duration);
}
