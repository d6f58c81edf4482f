package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.StackFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The call stack as an immutable linked list, most recent frame first (CTX-13), so that a nested
 * call adds a frame without copying the stack.
 *
 * @param frame the most recent frame
 * @param next the frames below it, or {@code null}
 * @param depth how many frames, this one included
 */
record FrameChain(StackFrame frame, FrameChain next, int depth) {
    static FrameChain push(StackFrame frame, FrameChain below) {
        return new FrameChain(frame, below, below == null ? 1 : below.depth + 1);
    }

    List<StackFrame> toList() {
        List<StackFrame> frames = new ArrayList<>(depth);
        for (FrameChain c = this; c != null; c = c.next) {
            frames.add(c.frame);
        }
        return Collections.unmodifiableList(frames);
    }
}
