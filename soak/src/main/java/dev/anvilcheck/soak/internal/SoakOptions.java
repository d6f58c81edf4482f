package dev.anvilcheck.soak.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one soak run, as the command line gives them (see {@code Soak} for each flag).
 *
 * @param frames stop after this many fuzz frames (0: no limit)
 * @param duration stop after this long ({@code null}: no limit)
 * @param seed the seed of every random choice
 * @param connections concurrent fuzz connections
 * @param httpWorkers concurrent HTTP abuse connections (plus one slowloris worker)
 * @param churnWorkers concurrent churn workers
 * @param serveJar the serve jar
 * @param serverClasses where {@code SoakServerModule} is, for serve mode's {@code --classpath}
 * @param serverJvmOptions options for the server's JVM
 * @param report where to write the JSON report, or {@code null}
 * @param settle the longest wait, after the load, for the server to return to its baseline
 * @param oversize how many frames over 16 MiB to send
 * @param hangMillis a steady call longer than this is a hang
 * @param fdTolerance file descriptors allowed above the baseline after the settle period
 * @param busyThreadTolerance busy threads allowed above the baseline after the settle period
 * @param threadTolerance threads allowed above the baseline, checked when the settle period is at
 *     least the pools' keep-alive (65 s)
 * @param heapToleranceMiB heap allowed above the baseline after a full GC (MiB), besides 50 %
 * @param failOnLogErrors whether server log errors fail the run as well
 * @param replay connection indexes to replay one frame at a time instead of a load (empty: a load)
 * @param replayPauseMillis the pause after each replayed frame
 * @param largeMedia whether fuzzed Media and frames may be large (off in the CI sample, finding S1)
 * @param repro a directed reproduction to run instead of a load ({@code send-lock}), or {@code null}
 * @since 0.1
 */
public record SoakOptions(long frames, Duration duration, long seed, int connections, int httpWorkers,
        int churnWorkers, Path serveJar, Path serverClasses, List<String> serverJvmOptions, Path report,
        Duration settle, int oversize, long hangMillis, long fdTolerance, long busyThreadTolerance,
        long threadTolerance, long heapToleranceMiB, boolean failOnLogErrors, List<Long> replay,
        long replayPauseMillis, String repro, boolean largeMedia) {
    /** How long idle pool threads live in the server (its cached pools' keep-alive), plus a margin. */
    public static final Duration POOL_KEEP_ALIVE = Duration.ofSeconds(65);

    /**
     * Copies the lists.
     *
     * @since 0.1
     */
    public SoakOptions {
        serverJvmOptions = List.copyOf(serverJvmOptions);
        replay = List.copyOf(replay);
    }

    /** A path as seen from the working folder, when it is inside it (reports name no machine's folders). */
    private static String relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    /**
     * The settings for the report.
     *
     * @return name to value
     * @since 0.1
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames);
        m.put("duration", duration == null ? null : duration.toString());
        m.put("seed", seed);
        m.put("connections", connections);
        m.put("httpWorkers", httpWorkers);
        m.put("churnWorkers", churnWorkers);
        m.put("serveJar", relative(serveJar));
        m.put("serverClasses", relative(serverClasses));
        m.put("serverJvmOptions", serverJvmOptions);
        m.put("settle", settle.toString());
        m.put("oversize", oversize);
        m.put("hangMillis", hangMillis);
        m.put("failOnLogErrors", failOnLogErrors);
        m.put("replay", replay);
        m.put("largeMedia", largeMedia);
        return m;
    }
}
