package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * One frame of the call stack, describing a caller (Python's {@code CallContext.StackFrame}).
 * {@code type} is {@code browser}, {@code server_module}, {@code uplink}, {@code client_uplink},
 * {@code http}, {@code email_server}, {@code scheduled_task} or {@code background_task} (CTX-05);
 * {@code isTrusted} is true exactly for {@code server_module}, {@code uplink} and
 * {@code background_task} (CTX-06, CTX-07).
 *
 * @param type the caller's frame type
 * @param isTrusted whether the caller is trusted
 * @param protocolVersion the caller's protocol version, or {@code null}
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public record StackFrame(String type, boolean isTrusted, Integer protocolVersion) {
    private static final Set<String> TRUSTED = Set.of("server_module", "uplink", "background_task");

    /**
     * Validates the record.
     *
     * @param type the caller's frame type
     * @param isTrusted whether it is trusted
     * @param protocolVersion the protocol version, or {@code null}
     */
    public StackFrame {
        Objects.requireNonNull(type, "type");
    }

    /**
     * The frame of a caller of the given type, trusted exactly as CTX-06 says, without a
     * protocol version.
     *
     * @param type the caller's frame type
     * @return the frame
     */
    public static StackFrame of(String type) {
        return new StackFrame(type, TRUSTED.contains(type), null);
    }
}
