package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.value.Side;
import java.util.Objects;

/**
 * The code that launches a background task, or asks about tasks: its frame and the frames below
 * it, which the task's function sees as its remote caller and call stack (CTX-08, CTX-13), the
 * side its arguments are sent from (its time zone, SER-09, and the portable classes it knows,
 * PORT-02), and whether it may manage tasks at all (TASK-02, TASK-17, TASK-19, TASK-20).
 */
public final class Launcher {
    private final StackFrame frame;
    private final FrameChain below;
    private final Side side;
    private final boolean browser;

    private Launcher(StackFrame frame, FrameChain below, Side side, boolean browser) {
        this.frame = Objects.requireNonNull(frame, "frame");
        this.below = below;
        this.side = Objects.requireNonNull(side, "side");
        this.browser = browser;
    }

    /**
     * A simulated caller's own code, outside any call.
     *
     * @param frame the caller's frame
     * @param side the caller's side: its zone, the portable classes it knows, its trust
     * @param browser whether the caller is a browser (whose library refuses task functions itself)
     * @return the launcher
     */
    public static Launcher top(StackFrame frame, Side side, boolean browser) {
        return new Launcher(frame, null, side, browser);
    }

    static Launcher nested(StackFrame frame, FrameChain below, Side side) {
        return new Launcher(frame, below, side, false);
    }

    /** @return whether the launcher is trusted code: server code, a server uplink or a task (TASK-02) */
    public boolean trusted() {
        return frame.isTrusted();
    }

    /** @return whether the launcher is a browser, whose client library refuses task functions (TASK-02, TASK-19) */
    public boolean browser() {
        return browser;
    }

    /** @return the side the arguments are sent from (SER-09, PORT-02) */
    public Side side() {
        return side;
    }

    /**
     * The calling side of the task's function: the launcher's frame on top of the frames below
     * it, in the task's own session (CTX-08, SESS-14).
     *
     * @param taskSession the task's session
     * @return the origin of the task's call
     */
    public Origin originIn(SessionRecord taskSession) {
        return Origin.nested(frame, below, taskSession, side);
    }
}
