package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.StackFrame;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The calling side of one call: the frame it adds to the stack, the frames already below it, the
 * session the call runs in, the sender's time zone (SER-09), the portable classes the sender knows
 * ({@code null}: those of the runtime's server code; PORT-02, PORT-08), and whether the sender is a
 * browser (for browser-only rules such as CALL-19 and SESS-11).
 */
public final class Origin {
    private final StackFrame frame;
    private final FrameChain below;
    private final SessionRecord session;
    private final ZoneId zone;
    private final boolean browser;
    private final PortableClasses classes;

    private Origin(StackFrame frame, FrameChain below, SessionRecord session, ZoneId zone, boolean browser,
            PortableClasses classes) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.below = below;
        this.session = Objects.requireNonNull(session, "session");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.browser = browser;
        this.classes = classes;
    }

    /**
     * A call that starts a call chain, made by a simulated caller.
     *
     * @param frame the caller's frame
     * @param session the caller's session
     * @param zone the caller's time zone
     * @param browser whether the caller is a browser
     * @return the origin
     */
    public static Origin top(StackFrame frame, SessionRecord session, ZoneId zone, boolean browser) {
        return new Origin(frame, null, session, zone, browser, null);
    }

    /**
     * A call that starts a call chain, made by a simulated caller whose environment knows
     * {@code classes} (PORT-02, PORT-08).
     *
     * @param frame the caller's frame
     * @param session the caller's session
     * @param zone the caller's time zone
     * @param browser whether the caller is a browser
     * @param classes the portable classes the caller knows
     * @return the origin
     */
    public static Origin top(StackFrame frame, SessionRecord session, ZoneId zone, boolean browser,
            PortableClasses classes) {
        return new Origin(frame, null, session, zone, browser, Objects.requireNonNull(classes, "classes"));
    }

    static Origin nested(StackFrame frame, FrameChain below, SessionRecord session, ZoneId zone) {
        return new Origin(frame, below, session, zone, false, null);
    }

    static Origin nested(StackFrame frame, FrameChain below, SessionRecord session, ZoneId zone,
            PortableClasses classes) {
        return new Origin(frame, below, session, zone, false, classes);
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

    ZoneId zone() {
        return zone;
    }

    boolean browser() {
        return browser;
    }

    /** @return the portable classes the sender knows, or {@code null} for the runtime's server code's */
    PortableClasses classes() {
        return classes;
    }

    boolean topLevel() {
        return below == null;
    }
}
