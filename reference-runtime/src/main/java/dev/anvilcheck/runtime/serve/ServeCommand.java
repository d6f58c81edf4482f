package dev.anvilcheck.runtime.serve;

import dev.anvilcheck.runtime.AnvilRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Serve mode's command line on picocli (the public face is {@link Serve}): the top-level command
 * with the {@code serve} subcommand, usage errors as one message and a hint to {@code --help}
 * (exit {@value Serve#EXIT_USAGE}), start failures as one line (exit {@value Serve#EXIT_CANNOT_START}),
 * and serving until a {@link Stopper stop request}. Kept apart from {@link Serve} so that starting
 * serve mode in-process needs no picocli.
 */
final class ServeCommand {
    private ServeCommand() {}

    /**
     * Runs the command line to its end: serves until stopped, or answers {@code --help},
     * {@code --version} or a usage error.
     *
     * @param args the arguments
     * @param out where the addresses, the stop line, help and version go
     * @param err where errors go
     * @param in standard input, read only with {@code --stop-on-stdin-close}
     * @return the exit code
     */
    static int execute(String[] args, PrintStream out, PrintStream err, InputStream in) {
        PrintWriter outWriter = writer(out);
        PrintWriter errWriter = writer(err);
        try {
            return commandLine(in).setOut(outWriter).setErr(errWriter).execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    /** The settings flags alone, as {@link Serve.Options#parse} reads them. */
    static Serve.Options parseOptions(List<String> args) {
        RuntimeFlags flags = new RuntimeFlags();
        try {
            new CommandLine(flags).parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return flags.options();
    }

    static CommandLine commandLine(InputStream in) {
        CommandLine cli = new CommandLine(new Main());
        cli.setCommandName("java -jar reference-runtime-" + version() + "-serve.jar");
        cli.addSubcommand(new ServeSubcommand(in));
        cli.setParameterExceptionHandler(ServeCommand::usageError);
        return cli;
    }

    /** The project version, from a resource the build filters; "unknown" if it is missing. */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = ServeCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read serve mode's version.properties", e);
        }
        return properties.getProperty("version", "unknown");
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return Serve.EXIT_USAGE;
    }

    /** The version line of {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"anvilcheck reference runtime " + version() + " (serve mode)"};
        }
    }

    /** The top-level command: only {@code serve}, {@code --help} and {@code --version}. */
    @Command(mixinStandardHelpOptions = true, versionProvider = Version.class, synopsisSubcommandLabel = "COMMAND",
            description = "The anvilcheck reference runtime as a local server for real uplink scripts and HTTP"
                    + " clients. Run '${COMMAND-FULL-NAME} serve --help' for its flags.",
            commandListHeading = "%nCommands:%n")
    static final class Main implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "Missing required subcommand: serve");
        }
    }

    /** The flags that make {@link Serve.Options}. */
    static final class RuntimeFlags {
        @Option(names = "--port", paramLabel = "PORT", defaultValue = "3030", converter = PortConverter.class,
                description = "The loopback port to listen on (default: ${DEFAULT-VALUE}); 0 picks a free one.")
        int port;

        @Option(names = "--uplink-key", paramLabel = "KEY",
                description = "The server uplink key: uplinks connecting with it are trusted and may register"
                        + " functions.")
        String uplinkKey;

        @Option(names = "--client-uplink-key", paramLabel = "KEY",
                description = "The client uplink key: uplinks connecting with it have a browser's rights.")
        String clientUplinkKey;

        @Option(names = {"--classpath", "-cp"}, paramLabel = "PATH",
                description = "Where to find the --module classes: jars and folders separated by '${sys:path.separator}'.")
        String classpath;

        @Option(names = "--module", paramLabel = "CLASS",
                description = "A class whose @Callable, @BackgroundTask and endpoint methods are registered"
                        + " (repeatable); one with a no-argument constructor is instantiated, otherwise its"
                        + " static methods are used.")
        List<String> modules = new ArrayList<>();

        @Option(names = "--user", paramLabel = "EMAIL:PASSWORD[:COLUMN=VALUE,...]",
                description = "A test user account (repeatable): logging in with the email and password (an"
                        + " uplink's anvil.users.login_with_email, an authenticate_users endpoint's Basic"
                        + " credentials) gives the user {\"email\": EMAIL, COLUMN: VALUE, ...}.")
        List<String> users = new ArrayList<>();

        @Option(names = "--fake-clock",
                description = "Run on a fake clock that starts at the system's time and moves only when the control"
                        + " API advances it (POST /_/control/clock/advance).")
        boolean fakeClock;

        @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:ANVILCHECK_ADMIN_TOKEN}",
                description = "Every control API request must carry 'Authorization: Bearer TOKEN' (default: the"
                        + " ANVILCHECK_ADMIN_TOKEN environment variable); without it, only clients on this machine"
                        + " may use the control API.")
        String adminToken;

        @Option(names = "--journal-size", paramLabel = "N", defaultValue = "1000",
                description = "How many calls the call journal keeps for the control API (default: ${DEFAULT-VALUE};"
                        + " at most about 16 MiB of their Media and strings); 0 records none.")
        int journalSize;

        Serve.Options options() {
            return new Serve.Options(port, uplinkKey, clientUplinkKey, modules, classpath, users,
                    new Serve.Control(fakeClock, adminToken == null || adminToken.isEmpty() ? null : adminToken,
                            journalSize));
        }
    }

    /** {@code --port}: a number from 0 to 65535. */
    static final class PortConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port;
            try {
                port = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a port number (0 to 65535;"
                        + " 0 picks a free one)");
            }
            if (port < 0 || port > 65535) {
                throw new CommandLine.TypeConversionException(port + " is not a port number (0 to 65535; 0 picks"
                        + " a free one)");
            }
            return port;
        }
    }

    /** {@code serve}: start, print the addresses, serve until stopped, print why. */
    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
            sortSynopsis = false,
            description = {"Serves the reference runtime on the loopback interface: Anvil Uplink at /_/uplink and"
                    + " HTTP endpoints at /_/api, and its control API at /_/control, on one port. Once it accepts"
                    + " connections it prints four lines, 'uplink: ws://127.0.0.1:PORT/_/uplink',"
                    + " 'api: http://127.0.0.1:PORT/_/api', 'control: http://127.0.0.1:PORT/_/control' and"
                    + " 'console: http://127.0.0.1:PORT/_/console'.",
                "It does not read its standard input and runs until SIGTERM, SIGINT or SIGHUP (or, with"
                    + " --stop-on-stdin-close, until standard input closes); then it closes the runtime and"
                    + " prints one line, 'stopped: <why>'."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:stopped cleanly (a signal, or standard input closed with --stop-on-stdin-close); also"
                    + " after --help and --version",
                "1:cannot start (port in use, a --classpath entry that does not exist, a --module class that"
                    + " cannot be loaded or registered) or cannot close cleanly",
                "2:usage error (unknown flag, missing value, bad number)"})
    static final class ServeSubcommand implements Callable<Integer> {
        /** How many app-log entries may wait for standard error before entries are dropped. */
        private static final int APP_LOG_BACKLOG = 10_000;

        @Mixin
        RuntimeFlags flags;

        @Option(names = "--stop-on-stdin-close",
                description = "Also stop when standard input reaches end of file (for a parent process that"
                        + " holds the pipe open while it needs the server).")
        boolean stopOnStdinClose;

        @Spec
        CommandSpec spec;

        private final InputStream in;

        ServeSubcommand(InputStream in) {
            this.in = in;
        }

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            AnvilRuntime runtime;
            AppLogConsole console = new AppLogConsole(err, APP_LOG_BACKLOG);
            try {
                runtime = Serve.start(flags.options(), console);
            } catch (IllegalArgumentException | IllegalStateException e) {
                console.close();
                err.println(e.getMessage());
                return Serve.EXIT_CANNOT_START;
            }
            Stopper stopper = new Stopper();
            stopper.onSignals("TERM", "INT", "HUP");
            stopper.onShutdown();
            if (stopOnStdinClose) {
                stopper.onEndOfInput(in);
            }
            for (String line : Serve.banner(runtime)) {
                out.println(line);
            }
            out.flush();
            String reason = stopper.awaitRequest();
            int exit = Serve.EXIT_STOPPED;
            try {
                runtime.close();
            } catch (RuntimeException e) {
                err.println("closing the runtime failed: " + e);
                exit = Serve.EXIT_CANNOT_START;
            }
            console.close();
            out.println("stopped: " + reason);
            out.flush();
            stopper.finished();
            return exit;
        }
    }
}
