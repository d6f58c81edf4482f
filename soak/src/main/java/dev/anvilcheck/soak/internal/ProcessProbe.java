package dev.anvilcheck.soak.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures the serve process from outside, on Linux: its threads ({@code /proc/<pid>/status}),
 * its open file descriptors ({@code /proc/<pid>/fd}), the TCP connections accepted on its port that
 * are not yet closed ({@code /proc/net/tcp}, by state, listener and TIME_WAIT left out), and, with
 * the JDK's {@code jcmd} next to {@code java.home}, its heap in use ({@code GC.heap_info}, after a
 * {@code GC.run} when asked) and its thread dump ({@code Thread.print}), from which it counts the
 * "busy" threads: all but those parked in a pool waiting for their next task
 * ({@code ThreadPoolExecutor.getTask}), which end by themselves when the pool's keep-alive passes.
 *
 * @since 0.1
 */
public final class ProcessProbe {
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Map<String, String> TCP_STATES = Map.ofEntries(Map.entry("01", "ESTABLISHED"),
            Map.entry("02", "SYN_SENT"), Map.entry("03", "SYN_RECV"), Map.entry("04", "FIN_WAIT1"),
            Map.entry("05", "FIN_WAIT2"), Map.entry("06", "TIME_WAIT"), Map.entry("07", "CLOSE"),
            Map.entry("08", "CLOSE_WAIT"), Map.entry("09", "LAST_ACK"), Map.entry("0A", "LISTEN"),
            Map.entry("0B", "CLOSING"));

    private final long pid;
    private final int port;
    private final Path jcmd;

    /**
     * @param pid the serve process's id
     * @param port the port it listens on
     * @since 0.1
     */
    public ProcessProbe(long pid, int port) {
        this.pid = pid;
        this.port = port;
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    /**
     * A cheap sample: threads, file descriptors and sockets, from {@code /proc} only.
     *
     * @return the sample (heap and busy threads -1)
     * @since 0.1
     */
    public SoakReport.Sample quick() {
        return new SoakReport.Sample(Instant.now().toString(), threads(), -1, fds(), sockets(), -1, Map.of());
    }

    /**
     * A full sample: as {@link #quick()}, plus the heap in use (after a full GC if {@code gc}) and
     * the thread dump's busy threads and thread groups.
     *
     * @param gc whether to run a full GC first
     * @return the sample
     * @since 0.1
     */
    public SoakReport.Sample full(boolean gc) {
        if (gc) {
            jcmd("GC.run");
        }
        long heap = heapUsed();
        String dump = jcmd("Thread.print");
        Map<String, Integer> groups = new TreeMap<>();
        int busy = -1;
        if (dump != null) {
            busy = 0;
            for (String block : dump.split("\n\\s*\n")) {
                String b = block.strip();
                if (!b.startsWith("\"")) {
                    continue;
                }
                String name = b.substring(1, Math.max(1, b.indexOf('"', 1)));
                boolean idle = b.contains("ThreadPoolExecutor.getTask");
                String group = name.replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N") + (idle ? " (idle)" : "");
                groups.merge(group, 1, Integer::sum);
                if (!idle) {
                    busy++;
                }
            }
        }
        return new SoakReport.Sample(Instant.now().toString(), threads(), busy, fds(), sockets(), heap, groups);
    }

    /**
     * The heap in use now, without a GC, in bytes; -1 if {@code jcmd} failed.
     *
     * @return the bytes
     * @since 0.1
     */
    public long heapUsed() {
        String info = jcmd("GC.heap_info");
        if (info == null) {
            return -1;
        }
        Matcher m = USED.matcher(info);
        long used = 0;
        boolean any = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1)) * 1024;
            any = true;
        }
        return any ? used : -1;
    }

    /**
     * @return the process's threads, -1 if it is gone
     * @since 0.1
     */
    public long threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.substring(8).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * @return the process's open file descriptors, -1 if it is gone
     * @since 0.1
     */
    public long fds() {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return s.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The TCP connections on the server's port that the server has not closed, by state (LISTEN
     * and TIME_WAIT left out: the listener, and connections already gone from the process).
     *
     * @return counts by state
     * @since 0.1
     */
    public Map<String, Long> sockets() {
        Map<String, Long> states = new TreeMap<>();
        String hexPort = String.format(":%04X", port);
        for (String file : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", file))) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length < 4 || !f[1].endsWith(hexPort)) {
                        continue;
                    }
                    String state = TCP_STATES.getOrDefault(f[3], f[3]);
                    if (!state.equals("LISTEN") && !state.equals("TIME_WAIT")) {
                        states.merge(state, 1L, Long::sum);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // tcp6 may be missing
            }
        }
        return states;
    }

    /**
     * The TCP connections on the server's port that the server has not closed, one line each: the
     * state, the peer's address and port, and which part of the harness that address belongs to.
     *
     * @param max at most this many
     * @return the lines
     * @since 0.1
     */
    public List<String> socketDetails(int max) {
        List<String> out = new java.util.ArrayList<>();
        String hexPort = String.format(":%04X", port);
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", "tcp"))) {
                String[] f = line.strip().split("\\s+");
                if (f.length < 4 || !f[1].endsWith(hexPort) || out.size() >= max) {
                    continue;
                }
                String state = TCP_STATES.getOrDefault(f[3], f[3]);
                if (state.equals("LISTEN") || state.equals("TIME_WAIT")) {
                    continue;
                }
                long ip = Long.parseLong(f[2].substring(0, 8), 16);
                String peer = (ip & 255) + "." + ((ip >> 8) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 24) & 255);
                int peerPort = Integer.parseInt(f[2].substring(9), 16);
                out.add(state + " " + peer + ":" + peerPort + " (" + owner(peer) + ")");
            }
        } catch (IOException | RuntimeException e) {
            out.add("(cannot read /proc/net/tcp: " + e + ")");
        }
        return out;
    }

    private static String owner(String peer) {
        long fuzz = Loopback.fuzzIndex(peer);
        if (fuzz >= 0) {
            return "fuzz connection " + fuzz;
        }
        if (peer.startsWith("127.200.")) {
            return "HTTP abuse";
        }
        if (peer.startsWith("127.201.")) {
            return "churn";
        }
        return peer.equals("127.0.0.1") ? "steady client or probe" : "?";
    }

    /**
     * Writes the process's thread dump to {@code file}.
     *
     * @param file where
     * @since 0.1
     */
    public void threadDump(Path file) {
        String dump = jcmd("Thread.print");
        if (dump != null) {
            try {
                Files.writeString(file, dump);
            } catch (IOException ignored) {
                // a diagnostic only
            }
        }
    }

    /** The output of {@code jcmd <pid> <command>}, or {@code null} if it failed. */
    private String jcmd(String command) {
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
