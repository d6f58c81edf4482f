package dev.anvilcheck.wire;

import java.util.Map;

/**
 * A frame that is not a valid message of the Uplink protocol: text that is not a JSON object,
 * an object whose fields have the wrong types, or special values ({@code objects} entries) that
 * cannot be rebuilt (Uplink protocol §3, §4). When the message got far enough to be read as JSON,
 * {@link #json()} gives it, so that a receiver can answer the call it was (a call with its id) or
 * fail the call it answered, instead of dropping the connection.
 *
 * @since 0.1
 */
public final class WireFormatException extends RuntimeException {
    private final transient Map<String, Object> json;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     * @param json the message as parsed, or {@code null} if it was not a JSON object
     * @param cause the underlying failure, or {@code null}
     */
    public WireFormatException(String message, Map<String, Object> json, Throwable cause) {
        super(message, cause);
        this.json = json;
    }

    /**
     * The message as parsed, before its special values were rebuilt.
     *
     * @return the JSON object, or {@code null} if the frame was not one
     */
    public Map<String, Object> json() {
        return json;
    }

    /**
     * The message's {@code id}, if it had a string one.
     *
     * @return the id, or {@code null}
     */
    public String messageId() {
        return json != null && json.get("id") instanceof String id ? id : null;
    }

    /**
     * The message's {@code type}, if it had a string one, e.g. {@code CALL}.
     *
     * @return the type, or {@code null}
     */
    public String messageType() {
        return json != null && json.get("type") instanceof String t ? t : null;
    }
}
