package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.WireError;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Base of every Anvil error type: an unchecked exception that carries the wire type name under
 * which it crosses a call boundary (for example {@code anvil.server.NoServerFunctionError}).
 * When an error crosses, the receiver looks the wire type up and re-creates the registered class,
 * or an {@link AnvilWrappedError} that keeps the original type name (ERR-01, ERR-02, ERR-04).
 * Errors received from another side also carry the sender's trace (ERR-11).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public abstract class AnvilError extends RuntimeException {
    private final String wireType;
    private final List<WireError.TraceEntry> remoteTrace;

    /**
     * Creates an error with a wire type name and a message.
     *
     * @param wireType the name under which this error crosses the wire, or {@code null} for an
     *     untyped error (ERR-02 allows a missing type)
     * @param message the message, never {@code null}
     */
    protected AnvilError(String wireType, String message) {
        this(wireType, message, List.of());
    }

    AnvilError(String wireType, String message, List<WireError.TraceEntry> remoteTrace) {
        super(Objects.requireNonNull(message, "message"));
        this.wireType = wireType;
        this.remoteTrace = List.copyOf(remoteTrace);
    }

    /**
     * The wire type name of this error, e.g. {@code anvil.server.PermissionDenied}; {@code null}
     * for an untyped error (ERR-01, §5.1 of the Uplink protocol).
     *
     * @return the wire type name, or {@code null}
     */
    public String wireType() {
        return wireType;
    }

    /**
     * The trace the sending side attached to this error when it crossed the wire, most recent
     * frame first (ERR-11); empty for an error raised on this side.
     *
     * @return the remote trace, immutable
     */
    public List<WireError.TraceEntry> remoteTrace() {
        return remoteTrace;
    }

    /**
     * This error as the wire's error object: type, message and trace (ERR-09's {@code error_obj}).
     *
     * @return the error object
     */
    public WireError errorObj() {
        return WireError.of(this);
    }
}
