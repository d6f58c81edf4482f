package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.value.Side;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The runtime's handle on one simulated uplink connection that provides functions: the side its
 * functions run on, i.e. its time zone (the sender's zone for values its functions return, SER-09)
 * and the portable classes its process knows (PORT-02), and whether it is connected. The side is
 * kept as one object, renewed when the zone changes, so calls to the uplink's functions allocate
 * none.
 */
public final class UplinkHandle {
    private final PortableClasses classes;
    private volatile Side side;
    private volatile boolean connected = true;

    /**
     * @param zone the uplink's time zone
     * @param classes the portable classes the uplink's process knows
     */
    public UplinkHandle(ZoneId zone, PortableClasses classes) {
        this.classes = Objects.requireNonNull(classes, "classes");
        this.side = new Side(Objects.requireNonNull(zone, "zone"), classes, true);
    }

    /** @return the portable classes the uplink knows */
    public PortableClasses classes() {
        return classes;
    }

    /** @return the side the uplink's functions run on: its zone and classes, trusted */
    public Side side() {
        return side;
    }

    /** @param zone the uplink's new time zone */
    public void zone(ZoneId zone) {
        this.side = new Side(Objects.requireNonNull(zone, "zone"), classes, true);
    }

    /** @return whether the uplink is connected */
    public boolean connected() {
        return connected;
    }

    /** Marks the uplink disconnected. */
    public void disconnect() {
        connected = false;
    }
}
