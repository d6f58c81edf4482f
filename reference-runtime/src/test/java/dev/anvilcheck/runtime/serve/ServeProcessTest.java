package dev.anvilcheck.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.anvilcheck.server.Callable;
import dev.anvilcheck.uplink.Uplink;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve mode as a process of its own, where standard input and signals are the point: started with
 * standard input from {@code /dev/null} (closed at once), it keeps serving until a signal, then
 * stops with its one line and exit code 0; with {@code --stop-on-stdin-close} it stops by itself.
 * Every wait is on an output line or the process's end, with a timeout; the port is 0.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "/dev/null, and signals sent with kill")
class ServeProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A module the served runtime loads by class name. */
    public static final class Greeter {
        @Callable
        public String greet(String name) {
            return "hello " + name;
        }

        @Callable
        public String fail(String why) {
            throw new IllegalStateException("cannot: " + why);
        }
    }

    @TempDir
    Path dir;

    private Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Thread reader;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Starts {@code java -cp <test class path> Serve args...} with stdin from /dev/null. */
    private void start(String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath(), Serve.class.getName()));
        command.addAll(Arrays.asList(args));
        process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    Charset.defaultCharset()))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<stdout failed: " + e + ">");
            }
        }, "serve-process-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * This module's test class path, without slf4j-api: ArchUnit brings it here (test scope) without a
     * provider, and Netty would then print SLF4J's "no providers" warning; the serve jar holds no
     * slf4j-api, so the child runs as the jar does and its stderr must stay empty.
     */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace(File.separatorChar, '/').contains("/org/slf4j/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String nextLine() throws InterruptedException {
        String line = lines.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(line).as("a line from serve mode within " + TIMEOUT + "; stderr: " + stderr()).isNotNull();
        return line;
    }

    /** Waits for the process to end, then for the rest of its output. */
    private int exitCode() throws InterruptedException {
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("serve mode ended").isTrue();
        reader.join(TIMEOUT.toMillis());
        return process.exitValue();
    }

    private List<String> remainingLines() {
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        return rest;
    }

    private String stderr() {
        try {
            return Files.readString(dir.resolve("stderr.txt"), Charset.defaultCharset());
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }

    private URI[] addresses() throws InterruptedException {
        String uplink = nextLine();
        String api = nextLine();
        String control = nextLine();
        String console = nextLine();
        assertThat(uplink).matches("uplink: ws://127\\.0\\.0\\.1:\\d+/_/uplink");
        assertThat(api).matches("api: http://127\\.0\\.0\\.1:\\d+/_/api");
        assertThat(control).matches("control: http://127\\.0\\.0\\.1:\\d+/_/control");
        assertThat(console).matches("console: http://127\\.0\\.0\\.1:\\d+/_/console");
        return new URI[] {URI.create(uplink.substring("uplink: ".length())), URI.create(api.substring("api: ".length()))};
    }

    @Test
    @DisplayName("stdin closed at once, it keeps serving uplinks and HTTP; SIGTERM stops it: 'stopped: SIGTERM', exit 0")
    void servesWithStdinClosedUntilSigterm() throws Exception {
        start("serve", "--port", "0", "--uplink-key", "K", "--client-uplink-key", "C", "--module", Greeter.class.getName());
        URI[] addresses = addresses();

        try (Uplink uplink = Uplink.connect(addresses[0], "K")) {
            assertThat(uplink.call("greet", "Ann")).isEqualTo("hello Ann");
            assertThat(catchThrowable(() -> uplink.call("fail", "forged\nSEVERE: line"))).isNotNull();
        }
        HttpResponse<String> missing = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(addresses[1] + "/nothing")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(process.isAlive()).as("still serving, although its standard input ended long ago").isTrue();
        assertThat(lines).as("no stop line while serving").isEmpty();

        // SIGTERM, as Process.destroy() sends it; through the handle, because Process.destroy() also
        // closes our end of its stdout, and the stop line would be lost
        assertThat(process.toHandle().destroy()).isTrue();

        assertThat(exitCode()).isEqualTo(Serve.EXIT_STOPPED);
        assertThat(remainingLines()).containsExactly("stopped: SIGTERM");
        // the app log, as it was written: the uplink, the server error with its stack trace (the
        // text the caller sent escaped, so it forges no line), the 404, the disconnection; no noise
        List<String> console = stderr().lines().collect(Collectors.toList());
        assertThat(console).anySatisfy(line -> assertThat(line).contains(" INFO uplink ").contains("connected"));
        assertThat(console).anySatisfy(line -> assertThat(line).contains(" ERROR call fail ")
                .contains("IllegalStateException: cannot: forged\\nSEVERE: line"));
        assertThat(console).anySatisfy(line -> assertThat(line).contains("at " + Greeter.class.getName() + ".fail("));
        assertThat(console).noneSatisfy(line -> assertThat(line).startsWith("SEVERE"));
        assertThat(console).anySatisfy(line -> assertThat(line).contains(" WARNING http ").contains("/nothing"));
        assertThat(stderr()).doesNotContain("SLF4J");
    }

    @Test
    @DisplayName("SIGINT stops it too: 'stopped: SIGINT', exit 0")
    void sigintStops() throws Exception {
        start("serve", "--port", "0");
        addresses();

        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        assertThat(exitCode()).isEqualTo(Serve.EXIT_STOPPED);
        assertThat(remainingLines()).containsExactly("stopped: SIGINT");
        assertThat(stderr()).isEmpty();
    }

    @Test
    @DisplayName("--stop-on-stdin-close with stdin from /dev/null: it stops by itself, 'stopped: standard input closed', exit 0")
    void stopsOnStdinCloseWhenAsked() throws Exception {
        start("serve", "--port", "0", "--stop-on-stdin-close");
        addresses();

        assertThat(exitCode()).isEqualTo(Serve.EXIT_STOPPED);
        assertThat(remainingLines()).containsExactly("stopped: standard input closed");
        assertThat(stderr()).isEmpty();
    }

    @Test
    @DisplayName("as a process, a usage error is exit 2 with the message on stderr, and --version exit 0")
    void usageErrorAndVersionAsAProcess() throws Exception {
        start("serve", "--prot", "0");
        assertThat(exitCode()).isEqualTo(Serve.EXIT_USAGE);
        assertThat(remainingLines()).isEmpty();
        assertThat(stderr()).startsWith("Unknown options: '--prot', '0'").contains("--help").doesNotContain("\tat ");

        lines.clear();
        start("--version");
        assertThat(exitCode()).isZero();
        assertThat(remainingLines()).containsExactly("anvilcheck reference runtime "
                + System.getProperty("anvilcheck.projectVersion") + " (serve mode)");
    }
}
