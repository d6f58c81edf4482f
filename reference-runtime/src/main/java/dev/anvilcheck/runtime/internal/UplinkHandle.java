package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.PortableClasses;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The runtime's handle on one simulated uplink connection that provides functions: its time zone
 * (the sender's zone for values its functions return, SER-09), the portable classes its process
 * knows (PORT-02), and whether it is connected.
 */
public final class UplinkHandle {
    private volatile ZoneId zone;
    private volatile boolean connected = true;
    private final PortableClasses classes;

    /** @param zone the uplink's time zone */
    public UplinkHandle(ZoneId zone) {
        this(zone, null);
    }

    /**
     * @param zone the uplink's time zone
     * @param classes the portable classes the uplink's process knows, or {@code null} for the
     *     runtime's server code's
     */
    public UplinkHandle(ZoneId zone, PortableClasses classes) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.classes = classes;
    }

    /** @return the portable classes the uplink knows, or {@code null} for the server code's */
    public PortableClasses classes() {
        return classes;
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
