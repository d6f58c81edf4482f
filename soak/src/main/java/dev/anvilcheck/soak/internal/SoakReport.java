package dev.anvilcheck.soak.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a soak run found, written as JSON ({@code --report}) and as text (standard output): the
 * settings, the load sent (frames by category, connections, HTTP requests, churn), the steady
 * client's latencies and hangs, crashes, server log errors, the process's resources before, at
 * peak and after, the leak verdicts with their tolerances, and the findings, one line each.
 * {@code verdict} is {@code PASS} or {@code FAIL}; a crash, a hang or a leak fails.
 *
 * @param harness the harness's version of this format
 * @param seed the seed
 * @param settings the options as given
 * @param stopReason why the load stopped
 * @param wallSeconds how long the run took, start to end
 * @param loadSeconds how long the load ran
 * @param frames fuzz frames sent
 * @param framesPerSecond fuzz frames a second during the load
 * @param frameCategories frames by category
 * @param uplinkConnections fuzz connections by key kind and outcome
 * @param httpRequests HTTP requests by scenario
 * @param httpOutcomes what the HTTP scenarios got
 * @param churn churned connections by kind
 * @param connectionsOpened every connection the harness opened (fuzz, HTTP, churn)
 * @param steady the steady client
 * @param crashes crashes (the process exited, or stopped answering), one line each
 * @param hangs steady calls longer than the threshold
 * @param log the server's standard error, classified
 * @param before the process before the load (after a GC)
 * @param peak the largest of each measure during the load
 * @param after the process after the load and the settle period (after a GC)
 * @param settleSeconds how long the settle period took
 * @param tolerances the leak tolerances
 * @param leaks the leaks found, one line each
 * @param observations known open findings seen (not failures), one line each
 * @param findings every failure, one line each
 * @param verdict {@code PASS} or {@code FAIL}
 * @param exitCode the harness's exit code
 * @since 0.1
 */
public record SoakReport(int harness, long seed, Map<String, Object> settings, String stopReason, double wallSeconds,
        double loadSeconds, long frames, double framesPerSecond, Map<String, Long> frameCategories,
        Map<String, Long> uplinkConnections, Map<String, Long> httpRequests, Map<String, Long> httpOutcomes,
        Map<String, Long> churn, long connectionsOpened, Steady steady, List<String> crashes, long hangs, Log log,
        Sample before, Sample peak, Sample after, double settleSeconds, Map<String, Object> tolerances,
        List<String> leaks, List<String> observations, List<String> findings, String verdict, int exitCode) {

    /**
     * The steady client's calls.
     *
     * @param calls calls made
     * @param failures calls that raised, or never answered
     * @param wrongAnswers calls that answered something other than what was sent
     * @param hangs calls that took longer than the hang threshold
     * @param p50Millis the median latency
     * @param p99Millis the 99th percentile latency
     * @param maxMillis the longest call
     * @param connections connections the client needed (1 if the server never dropped it)
     * @param hangSamples the first hangs, with their start times
     * @param failureSamples the first failures
     * @since 0.1
     */
    public record Steady(long calls, long failures, long wrongAnswers, long hangs, double p50Millis, double p99Millis,
            double maxMillis, long connections, List<String> hangSamples, List<String> failureSamples) {}

    /**
     * One measurement of the serve process.
     *
     * @param at when
     * @param threads its threads
     * @param busyThreads threads not idle in a pool (from a thread dump; -1 if not taken)
     * @param fds open file descriptors
     * @param sockets TCP connections on its port it has not closed, by state
     * @param heapUsedBytes heap in use (-1 if not measured)
     * @param threadGroups threads by name, digits dropped, "(idle)" when waiting in a pool
     * @since 0.1
     */
    public record Sample(String at, long threads, long busyThreads, long fds, Map<String, Long> sockets,
            long heapUsedBytes, Map<String, Integer> threadGroups) {
        /**
         * @return the connections on its port, every state
         * @since 0.1
         */
        public long socketCount() {
            return sockets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * The server's standard error.
     *
     * @param lines lines read
     * @param errors records classified as server log errors
     * @param errorKinds errors by kind
     * @param errorSignatures distinct errors with a sample and where they came from
     * @param expected records classified as expected
     * @param expectedTop the most frequent expected records, by shape
     * @param droppedByServer app-log entries serve mode dropped because standard error lagged
     * @since 0.1
     */
    public record Log(long lines, long errors, Map<String, Long> errorKinds, List<LogError> errorSignatures,
            long expected, Map<String, Long> expectedTop, long droppedByServer) {}

    /**
     * One kind of server log error.
     *
     * @param kind {@code internal-exception}, {@code fatal-marker}, {@code stall-with-a-reading-peer}, {@code jul-warning}, {@code jul-severe},
     *     {@code unrecognised-line}
     * @param signature the exception and the first frame of the project's code
     * @param count how many records had it
     * @param phase the phase of the run of the first one
     * @param connection the fuzz connection the first one names, or the connections live then
     * @param sample the first record's lines
     * @since 0.1
     */
    public record LogError(String kind, String signature, long count, String phase, String connection,
            List<String> sample) {
        /**
         * @return the same, counted once more
         * @since 0.1
         */
        public LogError plusOne() {
            return new LogError(kind, signature, count + 1, phase, connection, sample);
        }
    }

    /**
     * Writes the report as indented JSON.
     *
     * @param file where
     * @throws IOException if it cannot be written
     * @since 0.1
     */
    public void writeJson(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    /**
     * The report for people.
     *
     * @return the text
     * @since 0.1
     */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("anvilcheck soak: ").append(verdict).append(" (seed ").append(seed).append(", ")
                .append(String.format("%.1f", wallSeconds)).append(" s wall, load ")
                .append(String.format("%.1f", loadSeconds)).append(" s: ").append(stopReason).append(")\n");
        b.append(String.format("  frames      %,d fuzz frames (%,.0f/s), %,d uplink connections (%s)%n", frames,
                framesPerSecond, uplinkConnections.getOrDefault("opened", 0L), keys()));
        b.append(String.format("  http        %,d requests; churn %,d connections; %,d connections opened in all%n",
                httpRequests.values().stream().mapToLong(Long::longValue).sum(),
                churn.entrySet().stream().filter(e -> !e.getKey().startsWith("io-") && !e.getKey().contains("refused"))
                        .mapToLong(Map.Entry::getValue).sum(), connectionsOpened));
        b.append(String.format("  steady      %,d calls, p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d hangs, %d failures,"
                + " %d wrong answers, %d connection(s)%n", steady.calls(), steady.p50Millis(), steady.p99Millis(),
                steady.maxMillis(), steady.hangs(), steady.failures(), steady.wrongAnswers(), steady.connections()));
        b.append(String.format("  crashes     %d%n", crashes.size()));
        b.append(String.format("  server log  %,d lines, %,d expected records, %,d errors in %d signature(s)%n",
                log.lines(), log.expected(), log.errors(), log.errorSignatures().size()));
        b.append("  process     before / peak / after (settled ").append(String.format("%.0f", settleSeconds))
                .append(" s)\n");
        b.append(String.format("    threads   %d / %d / %d (busy %d -> %d)%n", before.threads(), peak.threads(),
                after.threads(), before.busyThreads(), after.busyThreads()));
        b.append(String.format("    fds       %d / %d / %d%n", before.fds(), peak.fds(), after.fds()));
        b.append(String.format("    sockets   %d / %d / %d  %s%n", before.socketCount(), peak.socketCount(),
                after.socketCount(), after.sockets()));
        b.append(String.format("    heap MiB  %.1f / %.1f / %.1f (before and after: after a full GC)%n",
                mib(before.heapUsedBytes()), mib(peak.heapUsedBytes()), mib(after.heapUsedBytes())));
        for (String l : leaks) {
            b.append("  LEAK        ").append(l).append('\n');
        }
        for (String c : crashes) {
            b.append("  CRASH       ").append(c).append('\n');
        }
        for (LogError e : log.errorSignatures()) {
            b.append("  LOG ERROR   ").append(e.count()).append(" x ").append(e.signature()).append(" [")
                    .append(e.phase()).append("] ").append(e.connection() == null ? "" : e.connection()).append('\n');
        }
        for (String h : steady.hangSamples()) {
            b.append("  HANG        ").append(h).append('\n');
        }
        for (String o : observations) {
            b.append("  observed    ").append(o).append('\n');
        }
        return b.toString();
    }

    private String keys() {
        StringBuilder b = new StringBuilder();
        for (String k : List.of("server", "client", "wrong", "none", "silent")) {
            b.append(b.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(uplinkConnections.getOrDefault("key-" + k, 0L));
        }
        return b.toString();
    }

    private static double mib(long bytes) {
        return bytes < 0 ? -1 : bytes / 1048576.0;
    }
}
