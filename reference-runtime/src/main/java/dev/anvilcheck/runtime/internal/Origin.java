package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.value.Side;
import java.util.Objects;

/**
 * The calling side of one call: the frame it adds to the stack, the frames already below it, the
 * session the call runs in, the sender's {@link Side} (its time zone, which stamps naive
 * date-times, SER-09; the portable classes it knows, PORT-02, PORT-08; and its trust, which
 * portable classes' hooks see, PORT-05), and whether the sender is a browser (for browser-only
 * rules such as CALL-19 and SESS-11). Senders keep their side as one object, so an origin costs
 * no other.
 */
public final class Origin {
    private final StackFrame frame;
    private final FrameChain below;
    private final SessionRecord session;
    private final Side side;
    private final boolean browser;
    private final ExceptionTypes errors;

    private Origin(StackFrame frame, FrameChain below, SessionRecord session, Side side, boolean browser,
            ExceptionTypes errors) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.below = below;
        this.session = Objects.requireNonNull(session, "session");
        this.side = Objects.requireNonNull(side, "side");
        this.browser = browser;
        this.errors = errors;
    }

    /**
     * A call that starts a call chain, made by a simulated caller or an HTTP request.
     *
     * @param frame the caller's frame
     * @param session the caller's session
     * @param side the caller's side: its zone, the portable classes it knows, its trust
     * @param browser whether the caller is a browser
     * @return the origin
     */
    public static Origin top(StackFrame frame, SessionRecord session, Side side, boolean browser) {
        return new Origin(frame, null, session, side, browser, null);
    }

    /**
     * A call that starts a call chain, made by a simulated caller whose environment has its own
     * exception types (ERR-05): an error crossing back to it is re-created by them.
     *
     * @param frame the caller's frame
     * @param session the caller's session
     * @param side the caller's side
     * @param browser whether the caller is a browser
     * @param errors the caller's exception type registry
     * @return the origin
     */
    public static Origin top(StackFrame frame, SessionRecord session, Side side, boolean browser,
            ExceptionTypes errors) {
        return new Origin(frame, null, session, side, browser, Objects.requireNonNull(errors, "errors"));
    }

    static Origin nested(StackFrame frame, FrameChain below, SessionRecord session, Side side) {
        return new Origin(frame, below, session, side, false, null);
    }

    StackFrame frame() {
        return frame;
    }

    FrameChain below() {
        return below;
    }

    SessionRecord session() {
        return session;
    }

    Side side() {
        return side;
    }

    boolean browser() {
        return browser;
    }

    /**
     * The registry an error crossing back to the caller is re-created by (ERR-05).
     *
     * @param serverCode server code's, for a caller without its own
     * @return the caller's own exception types, else {@code serverCode}
     */
    ExceptionTypes errorsOr(ExceptionTypes serverCode) {
        return errors != null ? errors : serverCode;
    }
}
