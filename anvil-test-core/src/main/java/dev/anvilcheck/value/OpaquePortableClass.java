package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A portable class object ({@code ClassType}, PORT-07) whose class the side holding it does not
 * know, kept by its registered name so that a server can relay it unchanged between uplinks, as
 * {@link OpaquePortable} does for portable objects (Uplink protocol §4.5). It exists only on a side
 * whose registry {@link dev.anvilcheck.server.PortableClasses#relaysUnknown() relays unknown
 * names}; elsewhere an unknown name is refused with {@code "No such serializable type: <name>"}
 * (PORT-08).
 *
 * @param typeName the name the sender registered the class under
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record OpaquePortableClass(String typeName) {
    /**
     * Validates the record.
     *
     * @param typeName the name the sender registered the class under
     * @throws NullPointerException if {@code typeName} is {@code null}
     */
    public OpaquePortableClass {
        Objects.requireNonNull(typeName, "typeName");
    }
}
