package dev.anvilcheck.soak;

import dev.anvilcheck.soak.internal.SoakOptions;
import dev.anvilcheck.soak.internal.SoakRun;
import dev.anvilcheck.soak.server.SoakServerModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak harness's command line (issue 13): fuzzes, abuses and churns serve mode, started as a
 * separate process, while a steady uplink client calls {@code echo}, and reports crashes, hangs,
 * server log errors and leaks (see {@code soak/README.md}). {@code java -cp <soak classes and
 * dependencies> dev.anvilcheck.soak.Soak --frames 1000000 --seed 1 --report target/soak/report.json}.
 * Exit codes: 0 when the run passed, 1 when it found a crash, a hang, a failed steady call or a
 * leak (or, with {@code --fail-on-log-errors}, a server log error), 2 for a usage error, 3 when
 * the harness could not run.
 *
 * @since 0.1
 */
@Command(name = "soak", mixinStandardHelpOptions = true, version = "anvilcheck soak 0.1",
        description = "Fuzz, abuse and churn serve mode in its own process, and report crashes, hangs, server log"
                + " errors and leaks.")
public final class Soak implements Callable<Integer> {
    @Option(names = "--frames", description = "Stop after this many fuzz frames (default ${DEFAULT-VALUE}; 0: no"
            + " limit; --sample: 0).", defaultValue = "-1")
    long frames;

    @Option(names = "--duration", description = "Stop after this long, e.g. 90s, 20m, PT1H (default: no limit;"
            + " --sample: 12s).")
    String duration;

    @Option(names = "--seed", description = "The seed of every random choice (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = {"--connections", "--concurrency"}, description = "Concurrent fuzz connections (default 8;"
            + " --sample: 4).", defaultValue = "-1")
    int connections;

    @Option(names = "--http-workers", description = "Concurrent HTTP abuse connections, besides one slowloris"
            + " (default ${DEFAULT-VALUE}).", defaultValue = "2")
    int httpWorkers;

    @Option(names = "--churn-workers", description = "Concurrent churn workers (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int churnWorkers;

    @Option(names = "--serve-jar", description = "The serve jar (default: reference-runtime/target/"
            + "reference-runtime-*-serve.jar, looked for in .. and .).")
    Path serveJar;

    @Option(names = "--server-classes", description = "Where SoakServerModule's classes are (default: where this"
            + " class was loaded from).")
    Path serverClasses;

    @Option(names = "--server-jvm-option", description = "An option of the server's JVM, repeatable (default"
            + " -Xmx512m).")
    List<String> serverJvmOptions;

    @Option(names = "--report", description = "Write the JSON report here (server-stderr.log goes beside it).")
    Path report;

    @Option(names = "--settle", description = "The longest wait after the load for the server to return to its"
            + " baseline (default 90s; --sample: 10s). From 65s on, total threads are checked too.")
    String settle;

    @Option(names = "--oversize", description = "Frames over 16 MiB to send, evenly spread (default 4; --sample: 1).",
            defaultValue = "-1")
    int oversize;

    @Option(names = "--hang-ms", description = "A steady call longer than this is a hang (default ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    long hangMillis;

    @Option(names = "--fd-tolerance", description = "File descriptors allowed above the baseline after settling"
            + " (default ${DEFAULT-VALUE}).", defaultValue = "8")
    long fdTolerance;

    @Option(names = "--busy-thread-tolerance", description = "Busy threads allowed above the baseline after"
            + " settling (default ${DEFAULT-VALUE}).", defaultValue = "4")
    long busyThreadTolerance;

    @Option(names = "--thread-tolerance", description = "Threads allowed above the baseline after settling at"
            + " least 65s (default ${DEFAULT-VALUE}).", defaultValue = "16")
    long threadTolerance;

    @Option(names = "--heap-tolerance-mib", description = "Heap allowed above the baseline after a full GC, besides"
            + " 50% of it (default ${DEFAULT-VALUE}).", defaultValue = "64")
    long heapToleranceMiB;

    @Option(names = "--fail-on-log-errors", description = "Fail the run on server log errors as well.")
    boolean failOnLogErrors;

    @Option(names = "--sample", description = "The CI sample's defaults: 12s, 4 connections, 1 oversize frame,"
            + " 10s settle, no large Media.")
    boolean sample;

    @Option(names = "--replay", split = ",", description = "Replay these fuzz connections (by index) one frame at a"
            + " time against a fresh server, printing each frame and the server log errors after it.")
    List<Long> replay;

    @Option(names = "--replay-pause-ms", description = "The pause after each replayed frame (default"
            + " ${DEFAULT-VALUE}).", defaultValue = "150")
    long replayPauseMillis;

    @Option(names = "--large-media", negatable = true, description = "Fuzzed Media and frames may be large (default:"
            + " on; --sample: off while finding S1 is open, see soak/README.md).")
    Boolean largeMedia;

    @Option(names = "--repro", description = "Run a directed reproduction of a finding instead of a load:"
            + " send-lock (soak/README.md).")
    String repro;

    /**
     * Builds the settings from the flags and runs.
     *
     * @return the exit code
     * @throws IOException if the report cannot be written
     * @since 0.1
     */
    @Override
    public Integer call() throws IOException {
        Duration runFor = duration != null ? parseDuration(duration) : sample ? Duration.ofSeconds(12) : null;
        long frameLimit = frames >= 0 ? frames : sample || runFor != null ? 0 : 1_000_000;
        if (frameLimit == 0 && runFor == null && (replay == null || replay.isEmpty()) && repro == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give --frames N or --duration D");
        }
        Path jar = serveJar != null ? serveJar : findServeJar();
        if (jar == null || !Files.isRegularFile(jar)) {
            System.err.println("soak: no serve jar " + (jar == null ? "found in ../reference-runtime/target or"
                    + " ./reference-runtime/target" : "at " + jar) + ": build it with `mvn -pl reference-runtime"
                    + " -am package -DskipTests` or give --serve-jar");
            return SoakRun.HARNESS_ERROR;
        }
        SoakOptions options = new SoakOptions(frameLimit, runFor, seed,
                connections > 0 ? connections : sample ? 4 : 8, httpWorkers, churnWorkers, jar,
                serverClasses != null ? serverClasses : ownClasses(),
                serverJvmOptions == null ? List.of("-Xmx512m") : serverJvmOptions, report,
                settle != null ? parseDuration(settle) : Duration.ofSeconds(sample ? 10 : 90),
                oversize >= 0 ? oversize : sample ? 1 : 4, hangMillis, fdTolerance, busyThreadTolerance,
                threadTolerance, heapToleranceMiB, failOnLogErrors, replay == null ? List.of() : replay,
                replayPauseMillis, repro, largeMedia != null ? largeMedia : !sample);
        return new SoakRun(options, System.out, System.err).run();
    }

    /**
     * Reads {@code 90s}, {@code 20m}, {@code 2h}, {@code 500ms} or an ISO-8601 duration.
     *
     * @param text the duration
     * @return it
     * @since 0.1
     */
    public static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
        }
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(Long.parseLong(t));
        };
    }

    private static Path findServeJar() {
        for (String dir : List.of("../reference-runtime/target", "reference-runtime/target")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                List<Path> jars = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches(
                        "reference-runtime-.*-serve\\.jar")).toList());
                if (!jars.isEmpty()) {
                    return jars.get(0);
                }
            } catch (IOException ignored) {
                // try the next
            }
        }
        return null;
    }

    private static Path ownClasses() {
        try {
            return Path.of(SoakServerModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     * @since 0.1
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }
}
