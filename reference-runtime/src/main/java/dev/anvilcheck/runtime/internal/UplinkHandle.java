package dev.anvilcheck.runtime.internal;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The runtime's handle on one simulated uplink connection that provides functions: its time zone
 * (the sender's zone for values its functions return, SER-09) and whether it is connected.
 */
public final class UplinkHandle {
    private volatile ZoneId zone;
    private volatile boolean connected = true;

    /** @param zone the uplink's time zone */
    public UplinkHandle(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** @return the uplink's time zone */
    public ZoneId zone() {
        return zone;
    }

    /** @param zone the uplink's new time zone */
    public void zone(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
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
