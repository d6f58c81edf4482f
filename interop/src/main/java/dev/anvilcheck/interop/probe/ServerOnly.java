package dev.anvilcheck.interop.probe;

import dev.anvilcheck.server.PortableClass;

/**
 * A portable class only serve mode knows, registered as {@value #NAME}: an uplink receiving one
 * meets a name it cannot resolve (PORT-08).
 *
 * @since 0.1
 */
@PortableClass(ServerOnly.NAME)
public final class ServerOnly {
    /** The registered name, unknown to both clients. */
    public static final String NAME = "interop.ServerOnly";

    private final String note;

    /**
     * An instance.
     *
     * @param note its one field
     */
    public ServerOnly(String note) {
        this.note = note;
    }

    /**
     * Its one field.
     *
     * @return the note
     */
    public String note() {
        return note;
    }
}
