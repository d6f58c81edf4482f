package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.AnvilError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.hosting.LogEscape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Text for log lines: escaping of text that came from outside (function names, paths, messages,
 * addresses), so that one log entry is always one line, and the stack trace of a server-side
 * exception as indented lines that hold no text unescaped.
 */
public final class LogText {
    /** Frames of classes in this package (and below) run calls; below the deepest one are the caller's. */
    private static final String RUNTIME_INTERNALS = LogText.class.getPackageName() + ".";
    private static final String INDENT = "    ";

    private LogText() {}

    /**
     * {@code text} on one line: see {@link LogEscape#escape(String)}, the one escaping rule of
     * every log line, which the Java uplink client uses too.
     *
     * @param text the text, or {@code null}
     * @return the escaped text; {@code "null"} for {@code null}
     */
    public static String escape(String text) {
        return LogEscape.escape(text);
    }

    /**
     * The stack trace of {@code error} as lines indented by four spaces, as
     * {@link Throwable#printStackTrace()} would print it (causes, suppressed exceptions, frames in
     * common with the enclosing trace left out), with each message escaped and the remote trace of
     * an error that crossed from an uplink added. The frames below the deepest frame of the
     * runtime's internals, i.e. those of the simulated caller and the test, are left out too and
     * counted.
     *
     * @param error the exception
     * @return the lines, without line terminators
     */
    public static List<String> stackTrace(Throwable error) {
        List<String> lines = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        print(error, "", INDENT, new StackTraceElement[0], lines, seen);
        return lines;
    }

    private static void print(Throwable error, String caption, String indent, StackTraceElement[] enclosing,
            List<String> lines, Set<Throwable> seen) {
        if (!seen.add(error)) {
            lines.add(indent + caption + "[CIRCULAR REFERENCE: " + describe(error) + "]");
            return;
        }
        lines.add(indent + caption + describe(error));
        StackTraceElement[] frames = error.getStackTrace();
        int shown = frames.length;
        int common = 0;
        while (common < Math.min(frames.length, enclosing.length)
                && frames[frames.length - 1 - common].equals(enclosing[enclosing.length - 1 - common])) {
            common++;
        }
        shown -= common;
        int callerFrames = 0;
        if (common == 0) {
            int deepest = -1;
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].getClassName().startsWith(RUNTIME_INTERNALS)) {
                    deepest = i;
                }
            }
            if (deepest >= 0) {
                callerFrames = frames.length - deepest - 1;
                shown = deepest + 1;
            }
        }
        for (int i = 0; i < shown; i++) {
            lines.add(indent + INDENT + "at " + escape(frames[i].toString()));
        }
        if (error instanceof AnvilError anvil && !anvil.remoteTrace().isEmpty()) {
            for (WireError.TraceEntry entry : anvil.remoteTrace()) {
                lines.add(indent + INDENT + "at " + escape(entry.file()) + ", line " + entry.line() + " (remote)");
            }
        }
        if (common > 0) {
            lines.add(indent + INDENT + "... " + common + " more");
        } else if (callerFrames > 0) {
            lines.add(indent + INDENT + "... " + callerFrames + " more (the caller's)");
        }
        for (Throwable suppressed : error.getSuppressed()) {
            print(suppressed, "Suppressed: ", indent + INDENT, frames, lines, seen);
        }
        Throwable cause = error.getCause();
        if (cause != null) {
            print(cause, "Caused by: ", indent, frames, lines, seen);
        }
    }

    private static String describe(Throwable error) {
        String message = error.getLocalizedMessage();
        String name = error.getClass().getName();
        return message == null ? name : name + ": " + escape(message);
    }
}
