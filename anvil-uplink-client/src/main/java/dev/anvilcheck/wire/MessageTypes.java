package dev.anvilcheck.wire;

/**
 * The {@code "type"} of each Uplink message that has one (Uplink protocol §2, §3), spelled once
 * for the codec, the reference runtime's Uplink server and the Java uplink client. Responses and
 * errors carry no type; they are told apart by their fields.
 *
 * @since 0.1
 */
public final class MessageTypes {
    /** A call of a function by name (§3.3). */
    public static final String CALL = "CALL";
    /** The start of a background task's own function on the uplink that provides it (§3.9). */
    public static final String LAUNCH_BACKGROUND = "LAUNCH_BACKGROUND";
    /** An uplink providing a function name (§3.1). */
    public static final String REGISTER = "REGISTER";
    /** An uplink providing a backend of live objects (§3.1). */
    public static final String REGISTER_LIVE_OBJECT_BACKEND = "REGISTER_LIVE_OBJECT_BACKEND";
    /** The header of a Media chunk that follows as a binary frame (§4.4). */
    public static final String CHUNK_HEADER = "CHUNK_HEADER";
    /** A Media that could not be sent in full (§4.4). */
    public static final String MEDIA_ERROR = "MEDIA_ERROR";
    /** The server asking an uplink for a running task's state (§3.9). */
    public static final String GET_TASK_STATE = "GET_TASK_STATE";
    /** The server asking an uplink to kill a task it runs (§3.9). */
    public static final String KILL_TASK = "KILL_TASK";

    private MessageTypes() {}
}
