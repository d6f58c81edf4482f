package dev.anvilcheck.soak.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serve mode as a separate process: {@code java <jvm options> -jar <serve jar> serve --port 0
 * --uplink-key K --client-uplink-key C --classpath <classes> --module <class>}, its two address
 * lines read from standard output, every line of standard error handed to the {@link ServerLog} as
 * it comes. {@link #stop()} sends SIGTERM and waits for the {@code stopped:} line and the exit.
 *
 * @since 0.1
 */
public final class ServeProcess implements AutoCloseable {
    /** The server uplink key the process is started with. */
    public static final String SERVER_KEY = "SOAK-SERVER-KEY";
    /** The client uplink key the process is started with. */
    public static final String CLIENT_KEY = "SOAK-CLIENT-KEY";

    private final Process process;
    private final URI uplink;
    private final URI api;
    private final List<String> stdout = new ArrayList<>();

    private ServeProcess(Process process, URI uplink, URI api) {
        this.process = process;
        this.uplink = uplink;
        this.api = api;
    }

    /**
     * Starts the process and waits (at most 60 s) until it prints both addresses.
     *
     * @param serveJar the serve jar
     * @param classes where the server module's classes are
     * @param module the server module's class name
     * @param jvmOptions options for the server's JVM, e.g. {@code -Xmx512m}
     * @param log receives standard error
     * @return the running process
     * @throws IOException if it cannot start, or exits or stays silent before it listens
     * @since 0.1
     */
    public static ServeProcess start(Path serveJar, Path classes, String module, List<String> jvmOptions,
            ServerLog log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", serveJar.toString(), "serve", "--port", "0", "--uplink-key", SERVER_KEY,
                "--client-uplink-key", CLIENT_KEY, "--classpath", classes.toString(), "--module", module));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        Thread err = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    log.line(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            log.flush();
        }, "soak-serve-stderr");
        err.setDaemon(true);
        err.start();
        CompletableFuture<URI[]> addresses = new CompletableFuture<>();
        List<String> out = new ArrayList<>();
        Thread reader = new Thread(() -> {
            URI up = null;
            URI apiUri = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.add(line);
                    }
                    if (line.startsWith("uplink: ")) {
                        up = URI.create(line.substring(8).strip());
                    } else if (line.startsWith("api: ")) {
                        apiUri = URI.create(line.substring(5).strip());
                    }
                    if (up != null && apiUri != null) {
                        addresses.complete(new URI[] {up, apiUri});
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            addresses.completeExceptionally(new IOException("serve mode ended its output before both addresses: "
                    + out));
        }, "soak-serve-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            URI[] a = addresses.get(60, TimeUnit.SECONDS);
            ServeProcess s = new ServeProcess(p, a[0], a[1]);
            synchronized (out) {
                s.stdout.addAll(out);
            }
            return s;
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new IOException("serve mode printed no addresses within 60 s: " + command, e);
        } catch (java.util.concurrent.ExecutionException e) {
            p.destroyForcibly();
            throw new IOException(e.getCause().getMessage() + " (command: " + command + ")", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * @return the {@code uplink:} address
     * @since 0.1
     */
    public URI uplink() {
        return uplink;
    }

    /**
     * @return the {@code api:} address
     * @since 0.1
     */
    public URI api() {
        return api;
    }

    /**
     * @return the host and port the process listens on
     * @since 0.1
     */
    public InetSocketAddress address() {
        return new InetSocketAddress(uplink.getHost(), uplink.getPort());
    }

    /**
     * @return the process id
     * @since 0.1
     */
    public long pid() {
        return process.pid();
    }

    /**
     * @return whether the process runs
     * @since 0.1
     */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * @return the exit code, or {@code null} while it runs
     * @since 0.1
     */
    public Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /**
     * Sends SIGTERM and waits up to 20 s for the exit; then kills it.
     *
     * @return the exit code (137 or similar if it had to be killed)
     * @since 0.1
     */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return -9;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -9 : process.exitValue();
    }

    /**
     * Kills the process if it still runs.
     *
     * @since 0.1
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
