package dev.anvilcheck.soak.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the serve process's standard error as it comes and tells expected lines from real
 * failures. Lines are grouped into records: an app-log entry ({@code <instant> <LEVEL> <source>
 * <name>: <message>} and its indented stack trace), a {@code java.util.logging} record (a date line
 * and a {@code LEVEL: message} line, with its trace), or a line on its own. Expected: app-log
 * entries whose trace, if any, holds only exceptions the runtime raises on purpose (refused
 * uplinks, disconnects, malformed messages, fatal errors, errors that server functions raised).
 * Failures ("server log errors"): any record naming {@code OutOfMemoryError},
 * {@code StackOverflowError}, "Exception in thread" or Netty's {@code LEAK:}; any stack trace holding
 * an exception of the JDK's that signals a bug (NullPointerException, ClassCastException,
 * IndexOutOfBoundsException, IllegalStateException, ConcurrentModificationException, ...), even
 * when the runtime caught it; a fuzz connection "stopped reading" (every fuzz connection's reader
 * drains what the server sends, so the stall is the server's own); any {@code java.util.logging} record at WARNING or SEVERE; any line
 * that fits none of the shapes. Errors are grouped by signature (the exception and the first frame
 * of the project's code), each with its first record and the fuzz connection its remote address
 * names. The first {@code keepBytes} of standard error are kept in a file. Thread-safe.
 *
 * @since 0.1
 */
public final class ServerLog {
    private static final Pattern APP = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z (INFO|WARNING|ERROR) (call|http|task|uplink) (.*?)( \\[session [^]]*])?: (.*)$");
    private static final Pattern JUL_DATE = Pattern.compile("^[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d\\d:\\d\\d [AP]M .*");
    private static final Pattern JUL_LEVEL = Pattern.compile("^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): .*");
    private static final Pattern EXCEPTION = Pattern.compile(
            "^\\s*(?:Caused by: |Suppressed: |\\[CIRCULAR REFERENCE: )?((?:[a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Throwable))\\b");
    private static final Pattern OWN_FRAME = Pattern.compile("^\\s*at (dev\\.anvilcheck\\.[\\w$.]+)\\(");
    private static final Set<String> BUG_TYPES = Set.of(
            "java.lang.NullPointerException", "java.lang.ClassCastException", "java.lang.IndexOutOfBoundsException",
            "java.lang.ArrayIndexOutOfBoundsException", "java.lang.StringIndexOutOfBoundsException",
            "java.lang.IllegalStateException", "java.lang.IllegalMonitorStateException",
            "java.util.ConcurrentModificationException", "java.lang.UnsupportedOperationException",
            "java.lang.ArithmeticException", "java.lang.NegativeArraySizeException", "java.lang.ArrayStoreException",
            "java.util.NoSuchElementException", "java.lang.AssertionError", "java.lang.InternalError",
            "java.lang.StackOverflowError", "java.lang.OutOfMemoryError", "java.lang.NoClassDefFoundError",
            "java.lang.ExceptionInInitializerError", "java.util.concurrent.RejectedExecutionException",
            "io.netty.util.IllegalReferenceCountException", "java.lang.ClassNotFoundException");
    private static final String[] FATAL_MARKERS = {
        "OutOfMemoryError", "StackOverflowError", "Exception in thread", "LEAK:", "hs_err_pid",
        "A fatal error has been detected"
    };
    private static final int MAX_SIGNATURES = 100;

    private final Tally expected = new Tally();
    private final Tally errorKinds = new Tally();
    private final Map<String, SoakReport.LogError> errors = new LinkedHashMap<>();
    private final Function<String, String> connectionOf;
    private final BufferedWriter kept;
    private final long keepBytes;
    private long keptBytes;
    private long lines;
    private long errorCount;
    private long droppedByServer;
    private final List<String> record = new ArrayList<>();
    private String phase = "start";

    /**
     * @param keep where to keep the first {@code keepBytes} of standard error, or {@code null}
     * @param keepBytes how much to keep
     * @param connectionOf what is known of the connection a remote address names, or {@code null}
     * @throws IOException if {@code keep} cannot be written
     * @since 0.1
     */
    public ServerLog(Path keep, long keepBytes, Function<String, String> connectionOf) throws IOException {
        this.kept = keep == null ? null : Files.newBufferedWriter(keep, StandardCharsets.UTF_8);
        this.keepBytes = keepBytes;
        this.connectionOf = connectionOf == null ? ip -> null : connectionOf;
    }

    /**
     * Names the phase of the run that records belong to from now on (start, load, settle, stop).
     *
     * @param phase the phase
     * @since 0.1
     */
    public synchronized void phase(String phase) {
        flush();
        this.phase = phase;
    }

    /**
     * One line of standard error.
     *
     * @param line the line, without its end
     * @since 0.1
     */
    public synchronized void line(String line) {
        lines++;
        keep(line);
        boolean continuation = !line.isEmpty() && (Character.isWhitespace(line.charAt(0)) || line.startsWith("Caused by:"));
        boolean julLevel = JUL_LEVEL.matcher(line).matches() && record.size() == 1 && JUL_DATE.matcher(record.get(0)).matches();
        boolean julTrace = !record.isEmpty() && isJul() && record.size() >= 2
                && (EXCEPTION.matcher(line).find() || line.startsWith("\tat "));
        if (continuation || julLevel || julTrace) {
            record.add(line);
            return;
        }
        flush();
        record.add(line);
    }

    /**
     * Classifies the record being read, if any (at the end of the stream, or before a report).
     *
     * @since 0.1
     */
    public synchronized void flush() {
        if (record.isEmpty()) {
            return;
        }
        List<String> r = List.copyOf(record);
        record.clear();
        classify(r);
    }

    private boolean isJul() {
        return JUL_DATE.matcher(record.get(0)).matches();
    }

    private void classify(List<String> r) {
        String head = r.get(0);
        String all = String.join("\n", r);
        for (String marker : FATAL_MARKERS) {
            if (all.contains(marker)) {
                error("fatal-marker", r, null);
                return;
            }
        }
        Matcher app = APP.matcher(head);
        if (app.matches()) {
            String bug = bugType(r);
            if (bug != null) {
                error("internal-exception", r, app.group(3));
                return;
            }
            if (app.group(2).equals("uplink") && app.group(5).contains("stopped reading for")
                    && Loopback.fuzzIndex(app.group(3)) >= 0) {
                // every fuzz connection's reader drains what the server sends: a stall is the server's
                error("stall-with-a-reading-peer", r, app.group(3));
                return;
            }
            expected.add(app.group(1) + " " + app.group(2) + ": " + shape(app.group(5)));
            return;
        }
        if (head.startsWith("(") && head.contains("app log entries dropped")) {
            Matcher m = Pattern.compile("\\((\\d+)").matcher(head);
            if (m.find()) {
                droppedByServer += Long.parseLong(m.group(1));
            }
            expected.add("app log entries dropped by serve mode");
            return;
        }
        if (head.startsWith("stopped: ")) {
            expected.add("stopped");
            return;
        }
        if (JUL_DATE.matcher(head).matches() && r.size() >= 2) {
            String level = r.get(1).substring(0, r.get(1).indexOf(':'));
            if (level.equals("SEVERE") || level.equals("WARNING")) {
                error("jul-" + level.toLowerCase(java.util.Locale.ROOT), r, null);
            } else {
                expected.add("jul " + level);
            }
            return;
        }
        error("unrecognised-line", r, null);
    }

    /** The first JDK exception in the record's traces that signals a bug, or {@code null}. */
    private static String bugType(List<String> r) {
        for (int i = 1; i < r.size(); i++) {
            Matcher m = EXCEPTION.matcher(r.get(i));
            if (m.find() && BUG_TYPES.contains(m.group(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    /** A message with ids, numbers and quoted parts taken out, so like messages count together. */
    private static String shape(String message) {
        String s = message.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'")
                .replaceAll("[0-9a-fA-F]{6,}", "#").replaceAll("\\d+", "N");
        return s.length() > 90 ? s.substring(0, 90) + "…" : s;
    }

    private void error(String kind, List<String> r, String remote) {
        errorCount++;
        errorKinds.add(kind);
        String signature = signature(kind, r);
        SoakReport.LogError known = errors.get(signature);
        if (known != null) {
            errors.put(signature, known.plusOne());
            return;
        }
        if (errors.size() >= MAX_SIGNATURES) {
            errorKinds.add("signatures-not-kept");
            return;
        }
        String connection = null;
        if (remote != null) {
            long index = Loopback.fuzzIndex(remote);
            if (index >= 0) {
                String progress = connectionOf.apply(remote);
                connection = "fuzz connection " + index + (progress == null ? "" : " (" + progress + ")");
            }
        }
        if (connection == null) {
            connection = connectionOf.apply(null);
        }
        List<String> sample = r.size() > 40 ? r.subList(0, 40) : r;
        errors.put(signature, new SoakReport.LogError(kind, signature, 1, phase, connection, List.copyOf(sample)));
    }

    /** The record's kind, its innermost JDK or project exception, and the first project frame after it. */
    private static String signature(String kind, List<String> r) {
        String exception = null;
        String frame = null;
        for (String line : r) {
            Matcher e = EXCEPTION.matcher(line);
            if (e.find()) {
                exception = e.group(1);
                frame = null;
                continue;
            }
            Matcher f = OWN_FRAME.matcher(line);
            if (f.find() && frame == null) {
                frame = f.group(1);
            }
        }
        if (exception == null) {
            String head = r.get(0);
            Matcher app = APP.matcher(head);
            return kind + ": " + (app.matches() ? app.group(2) + " " + shape(app.group(5)) : shape(head));
        }
        return kind + ": " + exception + (frame == null ? "" : " at " + frame);
    }

    private void keep(String line) {
        if (kept == null || keptBytes >= keepBytes) {
            return;
        }
        try {
            kept.write(line);
            kept.newLine();
            keptBytes += line.length() + 1;
            if (keptBytes >= keepBytes) {
                kept.write("(the rest of standard error is not kept)");
                kept.newLine();
                kept.flush();
            }
        } catch (IOException e) {
            keptBytes = keepBytes;
        }
    }

    /**
     * What was read so far.
     *
     * @return the summary
     * @since 0.1
     */
    public synchronized SoakReport.Log summary() {
        flush();
        try {
            if (kept != null) {
                kept.flush();
            }
        } catch (IOException ignored) {
            // the kept copy is a convenience
        }
        Map<String, Long> top = new LinkedHashMap<>();
        expected.snapshot().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(40)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return new SoakReport.Log(lines, errorCount, errorKinds.snapshot(), List.copyOf(errors.values()),
                expected.total(), top, droppedByServer);
    }

    /**
     * @return the server log errors so far
     * @since 0.1
     */
    public synchronized long errorCount() {
        return errorCount;
    }

    /**
     * Closes the kept copy.
     *
     * @since 0.1
     */
    public synchronized void close() {
        flush();
        if (kept != null) {
            try {
                kept.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
