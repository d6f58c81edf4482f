package dev.anvilcheck.runtime.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serve mode's command line in-process, through picocli's {@code CommandLine.execute} with captured
 * streams: help, version, usage errors (exit 2) and start failures (exit 1), each a clear message and
 * no stack trace. None of these reaches the point where serve mode waits for a signal; that part runs
 * in a process of its own ({@link ServeProcessTest}).
 */
class ServeCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int serve(String... args) {
        out.reset();
        err.reset();
        return ServeCommand.execute(args, new PrintStream(out, true), new PrintStream(err, true),
                new ByteArrayInputStream(new byte[0]));
    }

    private String out() {
        return out.toString(Charset.defaultCharset());
    }

    private String err() {
        return err.toString(Charset.defaultCharset());
    }

    private List<String> errLines() {
        return err().lines().toList();
    }

    @Test
    @DisplayName("--help, at the top and for serve, lists the command, every flag, the stop rule and the exit codes")
    void help() {
        assertThat(serve("--help")).isZero();
        assertThat(out()).startsWith("Usage: java -jar reference-runtime-").contains("serve.jar", "COMMAND", "serve",
                "--version");
        assertThat(err()).isEmpty();

        assertThat(serve("serve", "--help")).isZero();
        assertThat(out()).startsWith("Usage: java -jar reference-runtime-")
                .contains("--port=PORT", "default: 3030", "--uplink-key=KEY", "--client-uplink-key=KEY", "--module=CLASS",
                        "-cp, --classpath=PATH", "--stop-on-stdin-close", "SIGTERM", "SIGINT", "stopped: <why>",
                        "Exit codes:", "0   stopped cleanly", "1   cannot start", "2   usage error");
        assertThat(err()).isEmpty();
    }

    @Test
    @DisplayName("--version prints the project version, at the top and for serve")
    void version() {
        String expected = System.getProperty("anvilcheck.projectVersion");
        assertThat(expected).as("the build passes the project version to the tests").isNotBlank();
        assertThat(serve("--version")).isZero();
        assertThat(out()).isEqualTo("anvilcheck reference runtime " + expected + " (serve mode)" + System.lineSeparator());
        assertThat(serve("serve", "--version")).isZero();
        assertThat(out()).contains(expected);
        assertThat(err()).isEmpty();
    }

    @Test
    @DisplayName("usage errors: picocli's message and a hint to --help on stderr, exit 2, nothing on stdout")
    void usageErrors() {
        assertThat(serve("serve", "--bogus", "1")).isEqualTo(Serve.EXIT_USAGE);
        assertThat(errLines()).first().asString().isEqualTo("Unknown options: '--bogus', '1'");
        assertThat(errLines()).last().asString()
                .matches("Try 'java -jar reference-runtime-.*-serve\\.jar serve --help' for more information\\.");
        assertThat(out()).isEmpty();

        assertThat(serve("serve", "--bogus")).isEqualTo(Serve.EXIT_USAGE);
        assertThat(errLines()).first().asString().isEqualTo("Unknown option: '--bogus'");

        assertThat(serve("serve", "--port")).isEqualTo(Serve.EXIT_USAGE);
        assertThat(err()).contains("Missing required parameter for option '--port' (PORT)", "--help");

        assertThat(serve("serve", "--port", "abc")).isEqualTo(Serve.EXIT_USAGE);
        assertThat(err()).contains("Invalid value for option '--port': 'abc' is not a port number (0 to 65535;"
                + " 0 picks a free one)", "--help");

        assertThat(serve("serve", "--port", "70000")).isEqualTo(Serve.EXIT_USAGE);
        assertThat(err()).contains("Invalid value for option '--port': 70000 is not a port number");

        assertThat(serve()).isEqualTo(Serve.EXIT_USAGE);
        assertThat(err()).contains("Missing required subcommand: serve", "--help");

        assertThat(serve("server", "--port", "0")).isEqualTo(Serve.EXIT_USAGE);
        assertThat(err()).contains("'server'", "--help");
        assertThat(err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    @DisplayName("a port in use: one line naming the port and the fix, exit 1")
    void portInUse() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertThat(serve("serve", "--port", String.valueOf(port))).isEqualTo(Serve.EXIT_CANNOT_START);
            assertThat(errLines()).containsExactly("port " + port + " is in use: choose another with --port, or"
                    + " --port 0 for a free one");
            assertThat(out()).isEmpty();
        }
    }

    @Test
    @DisplayName("a --module class that cannot be loaded: one line naming the class and the class path searched, exit 1")
    void unloadableModule(@TempDir Path dir) {
        assertThat(serve("serve", "--port", "0", "--module", "com.example.NoSuchModule"))
                .isEqualTo(Serve.EXIT_CANNOT_START);
        assertThat(errLines()).hasSize(1).first().asString()
                .startsWith("--module com.example.NoSuchModule cannot be loaded: no such class on serve mode's own"
                        + " class path (" + System.getProperty("java.class.path") + ")")
                .endsWith("give the jar or folder that holds it with --classpath");

        assertThat(serve("serve", "--port", "0", "-cp", dir.toString(), "--module", "com.example.NoSuchModule"))
                .isEqualTo(Serve.EXIT_CANNOT_START);
        assertThat(errLines()).hasSize(1).first().asString()
                .startsWith("--module com.example.NoSuchModule cannot be loaded: no such class in --classpath " + dir);
        assertThat(out()).isEmpty();
    }

    @Test
    @DisplayName("a --module class without server functions: one line naming the class, exit 1")
    void moduleWithoutFunctions() {
        assertThat(serve("serve", "--port", "0", "--module", String.class.getName()))
                .isEqualTo(Serve.EXIT_CANNOT_START);
        assertThat(errLines()).containsExactly("--module java.lang.String cannot be registered: java.lang.String has no"
                + " @Callable methods to register (nor @BackgroundTask, @HttpEndpoint, @Route or @WellknownEndpoint"
                + " methods)");
    }

    @Test
    @DisplayName("a --classpath entry that does not exist: one line naming it, exit 1")
    void missingClassPathEntry(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("missing.jar");
        Path present = Files.createDirectory(dir.resolve("present"));
        String classpath = present + java.io.File.pathSeparator + jar;
        assertThat(serve("serve", "--port", "0", "--classpath", classpath, "--module", "com.example.Invoices"))
                .isEqualTo(Serve.EXIT_CANNOT_START);
        assertThat(errLines()).containsExactly("--classpath entry " + jar + " does not exist: name existing jars or"
                + " folders, separated by '" + java.io.File.pathSeparator + "'");
    }

    @Test
    @DisplayName("Options.parse reads the settings flags as the command line does, and refuses the process's own")
    void parsesSettings() {
        Serve.Options options = Serve.Options.parse(List.of("--port=0", "--uplink-key", "k1", "--client-uplink-key=k2",
                "-cp", "a.jar", "--module", "a.B", "--module=c.D"));
        assertThat(options).isEqualTo(new Serve.Options(0, "k1", "k2", List.of("a.B", "c.D"), "a.jar"));
        assertThat(Serve.Options.parse(List.of())).isEqualTo(new Serve.Options(3030, null, null, List.of(), null));
        assertThatThrownBy(() -> Serve.Options.parse(List.of("--stop-on-stdin-close")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Unknown option: '--stop-on-stdin-close'");
        assertThatThrownBy(() -> Serve.Options.parse(List.of("--port", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x' is not a port number");
    }

    @Test
    @DisplayName("--user EMAIL:PASSWORD[:COLUMN=VALUE,...] adds a test account whose user is the email and the columns")
    void userAccounts() {
        assertThat(Serve.Options.parse(List.of("--user", "ada@example.com:s3cret:role=admin", "--user=b@c:pw")).users())
                .containsExactly("ada@example.com:s3cret:role=admin", "b@c:pw");
        try (dev.anvilcheck.runtime.AnvilRuntime runtime = Serve.start(new Serve.Options(0, "k", "c", List.of(), null,
                List.of("ada@example.com:s3cret:role=admin,team=x"), null))) {
            Object user;
            try (dev.anvilcheck.uplink.Uplink uplink = dev.anvilcheck.uplink.Uplink.builder(runtime.uplinkUri(), "c")
                    .heartbeatInterval(java.time.Duration.ZERO).connect()) {
                user = uplink.call(dev.anvilcheck.wire.PrivateCommands.LOGIN_WITH_EMAIL, "ada@example.com", "s3cret");
            }
            assertThat(user).isEqualTo(java.util.Map.of("email", "ada@example.com", "role", "admin", "team", "x"));
        }
        try (dev.anvilcheck.runtime.AnvilRuntime runtime = dev.anvilcheck.runtime.AnvilRuntime.builder().build()) {
            assertThatThrownBy(() -> Serve.addUser(runtime, "nobody")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--user 'nobody' is not EMAIL:PASSWORD[:COLUMN=VALUE,...]");
            assertThatThrownBy(() -> Serve.addUser(runtime, "a@b:pw:role")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'role' is not COLUMN=VALUE");
        }
    }
}
