package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.PortableClasses;
import java.time.ZoneId;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One side of a call boundary, as the value model needs to know it: the time zone that stamps the
 * naive date-times it sends (SER-09), the portable classes its environment knows (PORT-01, PORT-02,
 * PORT-08), and whether it is trusted, which portable classes' hooks read from their
 * {@link dev.anvilcheck.server.SerializationInfo} (PORT-05). Server code, server uplinks and
 * background tasks are trusted; browsers and client uplinks are not.
 *
 * @param zone the side's time zone
 * @param classes the portable classes the side knows
 * @param trusted whether the side is trusted
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Side(ZoneId zone, PortableClasses classes, boolean trusted) {
    /**
     * Validates the record.
     *
     * @param zone the side's time zone
     * @param classes the portable classes the side knows
     * @param trusted whether the side is trusted
     * @throws NullPointerException if {@code zone} or {@code classes} is {@code null}
     */
    public Side {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(classes, "classes");
    }

    /**
     * A trusted side in {@code zone} that knows the process-wide portable classes
     * ({@link PortableClasses#global()}).
     *
     * @param zone the side's time zone
     * @return the side
     */
    public static Side of(ZoneId zone) {
        return new Side(zone, PortableClasses.global(), true);
    }
}
