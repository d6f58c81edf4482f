package dev.anvilcheck.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serve mode as a separate process, for one side of the harness: started on port 0 with the probe
 * module, ready once it printed its two start-up lines ({@code uplink: ...} and {@code api: ...}),
 * and stopped by closing its standard input ({@code --stop-on-stdin-close}). Its standard error (the
 * app log) goes to a file, which the harness names when something fails.
 */
final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final OutputStream stdin;
    private final Path log;
    private final URI uplink;
    private final URI api;
    private final CompletableFuture<List<String>> rest;

    private ServeProcess(Process process, Path log, URI uplink, URI api, CompletableFuture<List<String>> rest) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.log = log;
        this.uplink = uplink;
        this.api = api;
        this.rest = rest;
    }

    /**
     * Starts serve mode and waits for its start-up lines.
     *
     * @param java the {@code java} executable
     * @param serveJar the serve jar
     * @param probeClasspath where the probe module is
     * @param serverKey the server uplink key
     * @param clientKey the client uplink key
     * @param timezone the process's time zone ({@code TZ} and {@code user.timezone})
     * @param log where its standard error goes
     * @param timeoutSeconds how long to wait for the start-up lines
     * @return the running process
     * @throws IOException if it cannot start, or exits or stays silent before printing its lines
     */
    static ServeProcess start(String java, Path serveJar, String probeClasspath, String serverKey, String clientKey,
            String timezone, Path log, long timeoutSeconds) throws IOException {
        List<String> command = List.of(java, "-Duser.timezone=" + timezone, "-jar", serveJar.toString(), "serve",
                "--port", "0", "--uplink-key", serverKey, "--client-uplink-key", clientKey,
                "--classpath", probeClasspath, "--module", "dev.anvilcheck.interop.probe.Probes",
                "--stop-on-stdin-close");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().put("TZ", timezone);
        Process process = pb.start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<URI[]> banner = CompletableFuture.supplyAsync(() -> readBanner(out));
        URI[] addresses;
        try {
            addresses = banner.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for serve mode", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("serve mode did not print its start-up lines within " + timeoutSeconds
                    + " s (its standard error: " + log + "): " + e.getMessage(), e);
        }
        CompletableFuture<List<String>> rest = CompletableFuture.supplyAsync(() -> readRest(out));
        return new ServeProcess(process, log, addresses[0], addresses[1], rest);
    }

    private static URI[] readBanner(BufferedReader out) {
        URI uplink = null;
        URI api = null;
        try {
            String line;
            while ((uplink == null || api == null) && (line = out.readLine()) != null) {
                if (line.startsWith("uplink: ")) {
                    uplink = URI.create(line.substring("uplink: ".length()).trim());
                } else if (line.startsWith("api: ")) {
                    api = URI.create(line.substring("api: ".length()).trim());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (uplink == null || api == null) {
            throw new IllegalStateException("serve mode exited before printing 'uplink: ...' and 'api: ...'");
        }
        return new URI[] {uplink, api};
    }

    private static List<String> readRest(BufferedReader out) {
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading failed: " + e + ")");
        }
        return lines;
    }

    /** The uplink address it printed. */
    URI uplink() {
        return uplink;
    }

    /** The api address it printed. */
    URI api() {
        return api;
    }

    /** Where its standard error went. */
    Path log() {
        return log;
    }

    /**
     * Stops it by closing its standard input, and waits for it to exit (forcibly after 30 s).
     *
     * @return its last standard-output line ({@code stopped: ...}), or a note that it had to be killed
     */
    String stop() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // it is going anyway
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return "killed: it did not stop within 30 s of its standard input closing";
            }
            List<String> lines = rest.get(10, TimeUnit.SECONDS);
            return lines.isEmpty() ? "exit " + process.exitValue() : lines.get(lines.size() - 1);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException | TimeoutException e) {
            return "exit " + process.exitValue();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
    }
}
