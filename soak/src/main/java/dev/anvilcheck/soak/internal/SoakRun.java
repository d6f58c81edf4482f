package dev.anvilcheck.soak.internal;

import dev.anvilcheck.soak.server.SoakServerModule;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One soak run, start to report: starts serve mode as a separate process, warms it up with the
 * steady client, measures the baseline (after a full GC), runs the load (fuzz connections, HTTP
 * abuse, slowloris, churn, the steady client; a monitor samples the process every second, its heap
 * every ten, probes it over HTTP every five and stops the run if it exits or stops answering),
 * stops the load and closes every connection the harness opened, waits for the process to settle
 * back to its baseline (or for the settle period to end), measures it again, stops it with SIGTERM
 * and judges: a crash, a hang, a steady call that failed or a leak fails the run. In replay mode
 * it sends the given fuzz connections' scripts one frame at a time, and prints each frame with the
 * server log errors that followed it.
 *
 * @since 0.1
 */
public final class SoakRun {
    /** Exit code of a run that passed. */
    public static final int PASS = 0;
    /** Exit code of a run that found a crash, a hang, a failed steady call or a leak. */
    public static final int FAIL = 1;
    /** Exit code when the harness itself could not run (no serve jar, serve mode did not start). */
    public static final int HARNESS_ERROR = 3;

    private final SoakOptions options;
    private final PrintStream out;
    private final PrintStream progress;

    /**
     * @param options the settings
     * @param out where the report's text goes
     * @param progress where progress lines go while it runs
     * @since 0.1
     */
    public SoakRun(SoakOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Runs it.
     *
     * @return the exit code: {@link #PASS}, {@link #FAIL} or {@link #HARNESS_ERROR}
     * @throws IOException if the report cannot be written
     * @since 0.1
     */
    public int run() throws IOException {
        long wallStart = System.nanoTime();
        Path reportDir = options.report() == null ? Path.of(".") : options.report().toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(reportDir);
        AtomicReference<UplinkFuzzer> fuzzerRef = new AtomicReference<>();
        ServerLog log = new ServerLog(reportDir.resolve("server-stderr.log"), 32L << 20, ip -> {
            UplinkFuzzer f = fuzzerRef.get();
            if (f == null) {
                return null;
            }
            return ip == null ? "fuzz connections live then: " + f.liveIndexes()
                    : f.progressOf(Loopback.fuzzIndex(ip));
        });
        log.phase("start");
        ServeProcess serve;
        try {
            serve = ServeProcess.start(options.serveJar(), options.serverClasses(), SoakServerModule.class.getName(),
                    options.serverJvmOptions(), log);
        } catch (IOException e) {
            progress.println("soak: serve mode did not start: " + e.getMessage());
            log.close();
            return HARNESS_ERROR;
        }
        Thread killer = new Thread(serve::close, "soak-kill-serve");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            progress.println("soak: serve mode pid " + serve.pid() + " at " + serve.uplink());
            if (options.repro() != null) {
                return reproSendLock(serve, log);
            }
            if (!options.replay().isEmpty()) {
                return replay(serve, log, fuzzerRef);
            }
            return load(serve, log, fuzzerRef, wallStart, reportDir);
        } finally {
            serve.close();
            log.close();
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException ignored) {
                // shutting down already
            }
        }
    }

    private int load(ServeProcess serve, ServerLog log, AtomicReference<UplinkFuzzer> fuzzerRef, long wallStart,
            Path reportDir) throws IOException {
        InetSocketAddress address = serve.address();
        ProcessProbe probe = new ProcessProbe(serve.pid(), address.getPort());
        log.phase("warm-up");
        SteadyClient steady = new SteadyClient(serve.uplink(), ServeProcess.SERVER_KEY, options.seed(),
                options.hangMillis());
        steady.warmUp(50);
        for (int i = 0; i < 5; i++) {
            HttpAbuse.probe(address, 5_000);
        }
        sleep(1_000);
        SoakReport.Sample before = probe.full(true);
        progress.println("soak: baseline " + before.threads() + " threads (" + before.busyThreads() + " busy), "
                + before.fds() + " fds, " + before.sockets() + " sockets, heap " + (before.heapUsedBytes() >> 20) + " MiB");

        log.phase("load");
        RunControl control = new RunControl(options.frames(), options.duration(), options.oversize());
        Tally frames = new Tally();
        Tally uplinkConnections = new Tally();
        Tally httpRequests = new Tally();
        Tally httpOutcomes = new Tally();
        Tally churn = new Tally();
        UplinkFuzzer fuzzer = new UplinkFuzzer(address, new FrameGenerator(options.seed(), options.largeMedia()),
                options.seed(), control,
                frames, uplinkConnections, 0);
        fuzzerRef.set(fuzzer);
        HttpAbuse http = new HttpAbuse(address, control, httpRequests, httpOutcomes, 5_000);
        Churn churner = new Churn(address, control, churn);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            workers.add(start("soak-fuzz-" + i, fuzzer::work));
        }
        for (int i = 0; i < options.httpWorkers(); i++) {
            Random r = new Random(options.seed() * 31 + i);
            workers.add(start("soak-http-" + i, () -> http.work(r)));
        }
        if (options.httpWorkers() > 0) {
            Random r = new Random(options.seed() * 37);
            workers.add(start("soak-slowloris", () -> http.slowloris(r)));
        }
        for (int i = 0; i < options.churnWorkers(); i++) {
            Random r = new Random(options.seed() * 41 + i);
            workers.add(start("soak-churn-" + i, () -> churner.work(r)));
        }
        Thread steadyThread = start("soak-steady", steady::run);
        long loadStart = System.nanoTime();

        // the monitor, on this thread
        List<String> crashes = Collections.synchronizedList(new ArrayList<>());
        Peak peak = new Peak(before);
        int failedProbes = 0;
        java.time.Instant unresponsiveSince = null;
        long tick = 0;
        while (!control.done()) {
            sleep(1_000);
            tick++;
            if (!serve.alive()) {
                crashes.add("serve process exited with code " + serve.exitCode() + " after " + control.frames()
                        + " frames (seed " + options.seed() + "); see server-stderr.log");
                control.stop("crash");
                break;
            }
            peak.add(probe.quick());
            if (tick % 10 == 0) {
                peak.addHeap(probe.heapUsed());
            }
            if (tick % 5 == 0) {
                boolean answered = HttpAbuse.probe(address, 5_000);
                if (!answered && failedProbes == 0) {
                    unresponsiveSince = java.time.Instant.now();
                }
                failedProbes = answered ? 0 : failedProbes + 1;
                if (failedProbes == 3) {
                    crashes.add("serve process stopped answering a plain GET /_/api/echo (3 probes of 5 s in a row,"
                            + " from " + unresponsiveSince + ") after " + control.frames() + " frames (seed "
                            + options.seed() + ")");
                }
                if (failedProbes >= 12) {
                    crashes.add("serve process still not answering after 12 probes (60 s): run stopped");
                    control.stop("crash");
                    break;
                }
            }
            if (tick % 10 == 0) {
                double secs = (System.nanoTime() - loadStart) / 1e9;
                progress.printf("soak: %.0f s, %,d frames (%,.0f/s), %,d uplink connections, %,d HTTP requests, %,d churn,"
                        + " %d server log errors, %d threads, %d fds%n", secs, control.frames(), control.frames() / secs,
                        uplinkConnections.get("opened"), httpRequests.total(), churn.total(), log.errorCount(),
                        peak.last.threads(), peak.last.fds());
            }
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        progress.println("soak: load stopped (" + control.stopReason() + "); closing the harness's connections");
        steady.stop();
        fuzzer.closeAll();
        for (Thread w : workers) {
            join(w, 15_000);
            if (w.isAlive()) {
                fuzzer.closeAll();
                w.interrupt();
                join(w, 5_000);
            }
        }
        join(steadyThread, 35_000);
        SoakReport.Steady steadySummary = steady.summary();

        // settle
        log.phase("settle");
        long settleStart = System.nanoTime();
        SoakReport.Sample after;
        List<String> socketsAfter = List.of();
        boolean crashed = !serve.alive();
        boolean checkTotal = options.settle().compareTo(SoakOptions.POOL_KEEP_ALIVE) >= 0;
        if (crashed || !serve.alive()) {
            after = serve.alive() ? probe.quick() : new SoakReport.Sample("gone", -1, -1, -1, Map.of(), -1, Map.of());
        } else {
            long deadline = settleStart + options.settle().toNanos();
            while (true) {
                SoakReport.Sample q = probe.quick();
                boolean quickOk = q.fds() <= before.fds() + options.fdTolerance()
                        && q.socketCount() <= before.socketCount()
                        && (!checkTotal || q.threads() <= before.threads() + options.threadTolerance());
                if (quickOk) {
                    SoakReport.Sample f = probe.full(false);
                    if (f.busyThreads() <= before.busyThreads() + options.busyThreadTolerance()) {
                        break;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                sleep(1_000);
            }
            after = probe.full(true);
            socketsAfter = probe.socketDetails(40);
            probe.threadDump(reportDir.resolve("server-threads-after.txt"));
        }
        double settleSeconds = (System.nanoTime() - settleStart) / 1e9;

        log.phase("stop");
        steady.close();
        int exit = serve.alive() ? serve.stop() : serve.exitCode();
        if (!crashed && exit != 0) {
            crashes.add("serve process did not stop cleanly on SIGTERM: exit code " + exit);
        }
        sleep(200);
        SoakReport.Log logSummary = log.summary();

        // judge
        List<String> leaks = new ArrayList<>();
        if (!crashed && after.threads() >= 0) {
            if (after.fds() > before.fds() + options.fdTolerance()) {
                leaks.add("file descriptors: " + before.fds() + " before, " + after.fds() + " after settling "
                        + String.format("%.0f", settleSeconds) + " s (tolerance +" + options.fdTolerance() + ")");
            }
            if (after.socketCount() > before.socketCount()) {
                leaks.add("connections the harness closed are still open server-side: " + after.sockets()
                        + " on the port after settling, " + before.sockets() + " before (tolerance +0): "
                        + socketsAfter);
            }
            if (after.busyThreads() > before.busyThreads() + options.busyThreadTolerance()) {
                leaks.add("busy threads (not idle in a pool): " + before.busyThreads() + " before, "
                        + after.busyThreads() + " after (tolerance +" + options.busyThreadTolerance() + "); groups after: "
                        + busyGroups(after));
            }
            if (checkTotal && after.threads() > before.threads() + options.threadTolerance()) {
                leaks.add("threads: " + before.threads() + " before, " + after.threads() + " after settling "
                        + String.format("%.0f", settleSeconds) + " s (tolerance +" + options.threadTolerance() + ")");
            }
            long heapLimit = before.heapUsedBytes() + Math.max(options.heapToleranceMiB() << 20,
                    before.heapUsedBytes() / 2);
            if (before.heapUsedBytes() > 0 && after.heapUsedBytes() > heapLimit) {
                leaks.add(String.format("heap after a full GC: %.1f MiB before, %.1f MiB after (tolerance +max(%d MiB,"
                        + " 50%%))", before.heapUsedBytes() / 1048576.0, after.heapUsedBytes() / 1048576.0,
                        options.heapToleranceMiB()));
            }
        }
        List<String> observations = observations(httpOutcomes, frames, uplinkConnections, peak, before);
        List<String> httpHangs = http.unanswered().stream().filter(u -> u.contains(" valid-")).toList();
        http.unanswered().stream().filter(u -> !u.contains(" valid-")).forEach(u -> observations.add(
                "HTTP request with no answer at all: " + u));
        List<String> findings = new ArrayList<>(crashes);
        if (steadySummary.hangs() > 0) {
            findings.add(steadySummary.hangs() + " steady echo call(s) took longer than " + options.hangMillis()
                    + " ms; first: " + steadySummary.hangSamples().get(0));
        }
        if (steadySummary.failures() > 0 || steadySummary.wrongAnswers() > 0) {
            findings.add(steadySummary.failures() + " steady call(s) failed and " + steadySummary.wrongAnswers()
                    + " answered wrongly: " + steadySummary.failureSamples());
        }
        httpHangs.forEach(h -> findings.add("valid HTTP request unanswered (hang): " + h));
        long outOfOrder = httpOutcomes.get("pipelined:out-of-order");
        if (outOfOrder > 0) {
            findings.add("pipelined HTTP responses out of order on " + outOfOrder + " connection(s) (RFC 9112 9.3.2)");
        }
        long noReply = httpOutcomes.get("half-close:no-reply");
        if (noReply > 0) {
            findings.add("half-closed HTTP requests left unanswered: " + noReply);
        }
        findings.addAll(leaks);
        for (SoakReport.LogError e : logSummary.errorSignatures()) {
            findings.add("server log error x" + e.count() + ": " + e.signature() + " [" + e.phase() + "] "
                    + (e.connection() == null ? "" : e.connection()));
        }
        boolean fail = !crashes.isEmpty() || steadySummary.hangs() > 0 || !httpHangs.isEmpty() || steadySummary.failures() > 0
                || steadySummary.wrongAnswers() > 0 || !leaks.isEmpty()
                || (options.failOnLogErrors() && logSummary.errors() > 0);
        int exitCode = fail ? FAIL : PASS;
        Map<String, Object> tolerances = new LinkedHashMap<>();
        tolerances.put("fds", "+" + options.fdTolerance());
        tolerances.put("serverSockets", "+0 (every connection the harness closed must be gone server-side)");
        tolerances.put("busyThreads", "+" + options.busyThreadTolerance());
        tolerances.put("threads", checkTotal ? "+" + options.threadTolerance()
                : "not checked (settle shorter than the pools' 60 s keep-alive; busy threads are)");
        tolerances.put("heap", "+max(" + options.heapToleranceMiB() + " MiB, 50% of the baseline), after a full GC");
        tolerances.put("hangMillis", options.hangMillis());
        long opened = uplinkConnections.get("opened") + http.connections() + churner.connections();
        SoakReport report = new SoakReport(1, options.seed(), options.asMap(), control.stopReason(),
                (System.nanoTime() - wallStart) / 1e9, loadSeconds, control.frames(), control.frames() / loadSeconds,
                frames.snapshot(), uplinkConnections.snapshot(), httpRequests.snapshot(), httpOutcomes.snapshot(),
                churn.snapshot(), opened, steadySummary, List.copyOf(crashes), steadySummary.hangs(), logSummary,
                before, peak.toSample(), after, settleSeconds, tolerances, leaks, observations, findings,
                fail ? "FAIL" : "PASS", exitCode);
        if (options.report() != null) {
            report.writeJson(options.report());
        }
        out.print(report.text());
        return exitCode;
    }

    private static String busyGroups(SoakReport.Sample s) {
        Map<String, Integer> busy = new TreeMap<>();
        s.threadGroups().forEach((k, v) -> {
            if (!k.endsWith("(idle)")) {
                busy.put(k, v);
            }
        });
        return busy.toString();
    }

    private List<String> observations(Tally http, Tally frames, Tally connections, Peak peak,
            SoakReport.Sample before) {
        List<String> o = new ArrayList<>();
        long held = http.get("slowloris:held");
        if (held > 0) {
            o.add("slowloris: " + held + " unfinished request(s) held open for 3-10 s, within the listener's request-head"
                    + " timeout (10 s by default)");
        }
        long silent = connections.get("key-silent");
        if (silent > 0) {
            o.add(silent + " uplink connection(s) opened without a message (silent sockets; closed by the harness)");
        }
        long unfinished = frames.snapshot().entrySet().stream().filter(e -> e.getKey().contains("call-media"))
                .mapToLong(Map.Entry::getValue).sum();
        if (unfinished > 0) {
            o.add("about 1 in 20 of " + unfinished + " Media calls never finished their Media (held within the"
                    + " listener's Media byte limits and freed on close); peak heap " + (peak.heap >> 20) + " MiB, baseline "
                    + (before.heapUsedBytes() >> 20) + " MiB");
        }
        o.add("peak threads " + peak.threads + " (baseline " + before.threads() + "; calls per uplink connection are"
                + " bounded by the listener's limits); sleep() holds a thread up to " + SoakServerModule.MAX_SLEEP_MILLIS
                + " ms");
        return o;
    }

    private int replay(ServeProcess serve, ServerLog log, AtomicReference<UplinkFuzzer> fuzzerRef) {
        log.phase("replay");
        RunControl control = new RunControl(0, java.time.Duration.ofDays(1), 0);
        Tally frames = new Tally();
        Tally connections = new Tally();
        UplinkFuzzer fuzzer = new UplinkFuzzer(serve.address(), new FrameGenerator(options.seed(),
                options.largeMedia()), options.seed(),
                control, frames, connections, 0);
        fuzzerRef.set(fuzzer);
        boolean any = false;
        for (long index : options.replay()) {
            out.println("replay of fuzz connection " + index + " (seed " + options.seed() + ", from "
                    + Loopback.fuzz(index).getHostAddress() + "):");
            long[] errorsBefore = {log.errorCount()};
            fuzzer.connection(index, (n, frame) -> {
                sleep(options.replayPauseMillis());
                log.flush();
                long now = log.errorCount();
                out.println("  frame " + n + ": " + frame.describe(300));
                if (now > errorsBefore[0]) {
                    out.println("    -> " + (now - errorsBefore[0]) + " new server log error(s)");
                    errorsBefore[0] = now;
                }
            });
            sleep(options.replayPauseMillis());
        }
        SoakReport.Log summary = log.summary();
        for (SoakReport.LogError e : summary.errorSignatures()) {
            any = true;
            out.println("server log error x" + e.count() + ": " + e.signature());
            e.sample().forEach(l -> out.println("    | " + l));
        }
        boolean alive = serve.alive();
        if (!alive) {
            out.println("the serve process exited: code " + serve.exitCode());
        }
        int exit = alive ? serve.stop() : serve.exitCode();
        out.println("serve mode exit code " + exit);
        return !alive || any ? FAIL : PASS;
    }

    /**
     * The directed reproduction of the send-lock stall ({@code --repro send-lock}): on two server
     * uplinks at once (so that one shares the steady client's event loop), 30 rounds of a {@code media_echo} of
     * 4 MiB, whose answer a worker writes under the connection's send lock and, once Netty's buffer
     * is full, waits for the socket to drain; right behind each, 100 CALLs with a bad {@code Date} in
     * {@code objects}, each answered with a {@code SerializationError} from the socket's own thread. The
     * harness reads everything; if the socket's thread blocks on the send lock, nothing flushes,
     * the worker waits out its 30 s stall timeout, and every connection of that event loop (the
     * steady client's too) stands still meanwhile.
     */
    private int reproSendLock(ServeProcess serve, ServerLog log) {
        log.phase("repro");
        SteadyClient steady = new SteadyClient(serve.uplink(), ServeProcess.SERVER_KEY, options.seed(),
                options.hangMillis());
        Thread steadyThread = start("soak-steady", steady::run);
        List<Thread> attempts = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            long index = 9_000_000L + c;
            attempts.add(start("soak-repro-" + c, () -> {
                try {
                    RawWebSocket ws = RawWebSocket.open(serve.address(), Loopback.fuzz(index), "/_/uplink",
                            new Random(index), 5_000);
                    ws.startReader(id -> { }, "soak-repro-reader-" + index);
                    ws.send(Frame.text(Json.bytes(Map.of("key", ServeProcess.SERVER_KEY, "v", 8)), "key"));
                    byte[] chunk = new byte[65_536];
                    for (int round = 0; round < 30; round++) {
                        String id = "big" + round;
                        ws.send(Frame.text(("{\"type\":\"CALL\",\"id\":\"" + id + "\",\"command\":\"media_echo\","
                                + "\"args\":[null],\"kwargs\":{},\"objects\":[{\"type\":[\"DataMedia\"],\"path\":[\"args\",0],"
                                + "\"id\":\"m\",\"mime-type\":\"application/octet-stream\",\"name\":\"big.bin\"}]}").getBytes(
                                java.nio.charset.StandardCharsets.US_ASCII), "call-media"));
                        for (int i = 0; i < 64; i++) {
                            ws.send(Frame.text(("{\"type\":\"CHUNK_HEADER\",\"requestId\":\"" + id + "\",\"mediaId\":"
                                    + "\"m\",\"chunkIndex\":" + i + ",\"lastChunk\":" + (i == 63) + "}").getBytes(
                                    java.nio.charset.StandardCharsets.US_ASCII), "chunk-header"));
                            ws.send(Frame.binary(chunk, "chunk-binary"));
                        }
                        for (int i = 0; i < 100; i++) {
                            ws.send(Frame.text(("{\"type\":\"CALL\",\"id\":\"bad" + round + "-" + i + "\",\"command\":"
                                    + "\"echo\",\"args\":[null],\"kwargs\":{},\"objects\":[{\"type\":[\"Date\"],\"path\":[\"args\",0],"
                                    + "\"value\":\"x\"}]}").getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                                    "call-bad-date"));
                        }
                    }
                    sleep(40_000);
                    ws.end(FrameGenerator.Ending.CLOSE_FRAME);
                } catch (IOException e) {
                    progress.println("soak: repro connection failed: " + e);
                }
            }));
        }
        attempts.forEach(t -> join(t, 60_000));
        steady.stop();
        join(steadyThread, 35_000);
        SoakReport.Steady summary = steady.summary();
        steady.close();
        SoakReport.Log logSummary = log.summary();
        out.printf("repro send-lock: steady echo max %.0f ms (p99 %.0f ms), %d hang(s); server log errors: %d%n",
                summary.maxMillis(), summary.p99Millis(), summary.hangs(), logSummary.errors());
        logSummary.errorSignatures().forEach(e -> out.println("  " + e.count() + " x " + e.signature()));
        serve.stop();
        return summary.hangs() > 0 || logSummary.errors() > 0 ? FAIL : PASS;
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The largest of each measure seen during the load. */
    private static final class Peak {
        long threads;
        long fds;
        long heap;
        Map<String, Long> sockets = new TreeMap<>();
        long socketCount;
        SoakReport.Sample last;

        Peak(SoakReport.Sample before) {
            threads = before.threads();
            fds = before.fds();
            heap = before.heapUsedBytes();
            sockets = before.sockets();
            socketCount = before.socketCount();
            last = before;
        }

        void add(SoakReport.Sample s) {
            last = s;
            threads = Math.max(threads, s.threads());
            fds = Math.max(fds, s.fds());
            if (s.socketCount() > socketCount) {
                socketCount = s.socketCount();
                sockets = s.sockets();
            }
        }

        void addHeap(long bytes) {
            heap = Math.max(heap, bytes);
        }

        SoakReport.Sample toSample() {
            return new SoakReport.Sample("peak", threads, -1, fds, sockets, heap, Map.of());
        }
    }
}
