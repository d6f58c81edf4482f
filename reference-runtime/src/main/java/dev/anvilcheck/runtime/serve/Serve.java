package dev.anvilcheck.runtime.serve;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.AppLog;
import dev.anvilcheck.runtime.FakeClock;
import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.BindException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Serve mode: the reference runtime as a local server that real uplink scripts and HTTP clients
 * connect to, started as {@code java -jar reference-runtime-<version>-serve.jar serve}. Flags are
 * named as the App Server names them: {@code --port} (default 3030, 0 for a free port),
 * {@code --uplink-key}, {@code --client-uplink-key}; {@code --user EMAIL:PASSWORD[:COLUMN=VALUE,...]} (repeatable) adds a test user
 * account that uplinks and {@code authenticate_users} endpoints log in with; {@code --module <class>} (repeatable)
 * registers the server functions and endpoints of a Java class, found on {@code --classpath <path>}
 * (alias {@code -cp}; entries separated by the platform's path separator); {@code --help} and
 * {@code --version} say what they say; {@code --fake-clock}, {@code --admin-token} and
 * {@code --journal-size} set up the control API ({@link Control}). Once it accepts connections it
 * prints exactly four lines, {@code uplink: ws://127.0.0.1:PORT/_/uplink},
 * {@code api: http://127.0.0.1:PORT/_/api}, {@code control: http://127.0.0.1:PORT/_/control} and
 * {@code console: http://127.0.0.1:PORT/_/console} (the live console, a web page); from
 * then on every entry of the runtime's app log (server errors with their stack traces, uplinks
 * connecting, disconnecting and refused) goes to standard error as it is written. It
 * never reads its standard input, so it keeps serving in the background ({@code &}, {@code nohup},
 * {@code </dev/null}, a container without {@code -i}, CI, systemd) until SIGTERM, SIGINT or SIGHUP
 * (or, with {@code --stop-on-stdin-close}, until its standard input reaches end of file); then it
 * closes the runtime (its port and threads) and prints exactly one line saying why, such as
 * {@code stopped: SIGTERM} or {@code stopped: standard input closed}. The signals are caught with
 * {@code sun.misc.Signal} (module {@code jdk.unsupported}) rather than with a shutdown hook alone,
 * because a hook runs for every way the JVM ends and cannot tell which signal it was; a shutdown
 * hook stays as the fallback (for a JVM that cannot hand a signal over, or a {@code System.exit}
 * elsewhere), and then the line is {@code stopped: JVM shutdown}. Exit codes: {@value #EXIT_STOPPED}
 * after a clean stop (and after {@code --help} or {@code --version}), {@value #EXIT_CANNOT_START}
 * when it cannot start (port in use, a {@code --classpath} entry that does not exist, a
 * {@code --module} class that cannot be loaded or registered) or cannot close cleanly,
 * {@value #EXIT_USAGE} for a usage error (unknown flag, missing value, bad number, no
 * {@code serve}); each error is one line on standard error, naming what was wrong and how to fix
 * it. The runtime runs on the system clock, or with {@code --fake-clock} on a fake one that only
 * the control API moves. The command line needs picocli, which the serve jar
 * holds; {@link #start(Options)} and {@link #banner(AnvilRuntime)} do not.
 *
 * @since 0.1
 */
public final class Serve {
    /**
     * Exit code after a clean stop on a signal or, with {@code --stop-on-stdin-close}, at the end of
     * standard input; also after {@code --help} and {@code --version}.
     *
     * @since 0.1
     */
    public static final int EXIT_STOPPED = 0;
    /**
     * Exit code when serve mode cannot start with the settings given (port in use, missing
     * {@code --classpath} entry, {@code --module} class that cannot be loaded or registered), or
     * cannot close the runtime cleanly.
     *
     * @since 0.1
     */
    public static final int EXIT_CANNOT_START = 1;
    /**
     * Exit code for a usage error: an unknown flag, a missing value, a bad number, no subcommand.
     *
     * @since 0.1
     */
    public static final int EXIT_USAGE = 2;

    private Serve() {}

    /**
     * The settings of a served runtime: what the flags of the {@code serve} command say, apart from
     * how the process stops.
     *
     * @param port the port, 0 for any
     * @param uplinkKey the server uplink key, or {@code null}
     * @param clientUplinkKey the client uplink key, or {@code null}
     * @param modules class names of server modules to register ({@code null} for none; copied)
     * @param classpath where to find them (entries separated by the platform's path separator), or
     *     {@code null} for serve mode's own class path
     * @param users test user accounts to start with, each {@code EMAIL:PASSWORD[:COLUMN=VALUE,...]}
     *     as {@code --user} gives it ({@code null} for none; copied)
     * @param control the control API's settings: the clock, the admin token, the journal
     * @since 0.1
     */
    public record Options(int port, String uplinkKey, String clientUplinkKey, List<String> modules, String classpath,
            List<String> users, Control control) {
        /**
         * Copies {@code modules} and {@code users}; a {@code null} {@code control} is {@link Control#DEFAULTS}.
         *
         * @since 0.1
         */
        public Options {
            modules = modules == null ? List.of() : List.copyOf(modules);
            users = users == null ? List.of() : List.copyOf(users);
            control = control == null ? Control.DEFAULTS : control;
        }

        /**
         * Options without user accounts, with the control API's {@linkplain Control#DEFAULTS defaults}.
         *
         * @param port the port, 0 for any
         * @param uplinkKey the server uplink key, or {@code null}
         * @param clientUplinkKey the client uplink key, or {@code null}
         * @param modules class names of server modules to register ({@code null} for none)
         * @param classpath where to find them, or {@code null}
         * @since 0.1
         */
        public Options(int port, String uplinkKey, String clientUplinkKey, List<String> modules, String classpath) {
            this(port, uplinkKey, clientUplinkKey, modules, classpath, List.of(), Control.DEFAULTS);
        }

        /**
         * Reads the arguments after {@code serve} as the command line does ({@code --flag value} or
         * {@code --flag=value}; {@code --help}, {@code --version} and {@code --stop-on-stdin-close}
         * belong to the process and are refused here). It parses with picocli, which the serve jar
         * holds; as a dependency of the module picocli is optional, so add it to call this.
         *
         * @param args the arguments
         * @return the options
         * @throws IllegalArgumentException for an unknown flag, a missing value or a bad number,
         *     with picocli's message
         * @since 0.1
         */
        public static Options parse(List<String> args) {
            return ServeCommand.parseOptions(args);
        }
    }

    /**
     * Adds the test user account {@code spec} ({@code --user EMAIL:PASSWORD[:COLUMN=VALUE,...]}):
     * logging in with that email and password, through the Users service's
     * {@code anvil.private.users.login_with_email} on an uplink or an {@code authenticate_users}
     * endpoint's Basic credentials, gives the user {@code {"email": EMAIL, COLUMN: VALUE, ...}}
     * (text values), a stand-in for the row of an app's Users table (AUTH-01, HTTP-09).
     *
     * @param runtime the runtime
     * @param spec the account
     * @throws IllegalArgumentException if {@code spec} is not of that form
     */
    static void addUser(AnvilRuntime runtime, String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("--user '" + spec + "' is not EMAIL:PASSWORD[:COLUMN=VALUE,...]");
        }
        java.util.Map<String, Object> user = new java.util.LinkedHashMap<>();
        user.put("email", parts[0]);
        if (parts.length == 3 && !parts[2].isEmpty()) {
            for (String column : parts[2].split(",")) {
                int eq = column.indexOf('=');
                if (eq <= 0 || column.substring(0, eq).equals("email")) {
                    throw new IllegalArgumentException("--user '" + spec + "': '" + column
                            + "' is not COLUMN=VALUE (a column other than email)");
                }
                user.put(column.substring(0, eq), column.substring(eq + 1));
            }
        }
        runtime.addUser(parts[0], parts[1], java.util.Collections.unmodifiableMap(user));
    }

    /**
     * The control API's settings of a served runtime ({@code docs/CONTROL.md}).
     *
     * @param fakeClock {@code --fake-clock}: run on a {@link dev.anvilcheck.runtime.FakeClock}
     *     that starts at the system's time and moves only when the control API advances it, so
     *     that expiry, timeouts and scheduled work follow it; otherwise the system clock
     * @param adminToken {@code --admin-token}: every control request must carry
     *     {@code Authorization: Bearer <token>}; {@code null} for clients on this machine only
     * @param journalSize {@code --journal-size}: how many calls the call journal keeps (also at
     *     most about 16 MiB of their Media and strings); 0 records none
     * @since 0.1
     */
    public record Control(boolean fakeClock, String adminToken, int journalSize) {
        /** The defaults: the system clock, no admin token, a journal of 1000 calls. */
        public static final Control DEFAULTS = new Control(false, null, 1000);

        /**
         * Validates the settings.
         *
         * @throws IllegalArgumentException for an empty token or a negative journal size
         * @since 0.1
         */
        public Control {
            if (adminToken != null && adminToken.isEmpty()) {
                throw new IllegalArgumentException("--admin-token must not be empty");
            }
            if (journalSize < 0) {
                throw new IllegalArgumentException("--journal-size must not be negative: " + journalSize);
            }
        }
    }

    /**
     * Starts a runtime as {@code options} say, registers the modules and listens.
     *
     * @param options the settings
     * @return the running runtime; the caller closes it
     * @throws IllegalArgumentException if a class path entry does not exist, or a module cannot be
     *     loaded or registered; the message names the entry or the class (and the class path
     *     searched)
     * @throws IllegalStateException if the port cannot be bound; the message names the port and
     *     how to choose another
     * @since 0.1
     */
    public static AnvilRuntime start(Options options) {
        return start(options, entry -> { });
    }

    /**
     * Starts a runtime as {@code options} say, registers the modules and listens, handing every
     * entry of its {@linkplain AnvilRuntime#appLog() app log} to {@code console} as it is written
     * (the command line prints each one, with its stack trace, on standard error).
     *
     * @param options the settings
     * @param console receives each app-log entry, on the thread that wrote it
     * @return the running runtime; the caller closes it
     * @throws IllegalArgumentException as {@link #start(Options)}
     * @throws IllegalStateException as {@link #start(Options)}
     * @since 0.1
     */
    public static AnvilRuntime start(Options options, Consumer<AppLog.Entry> console) {
        ClassLoader loader = loader(options.classpath());
        // a real process on the real clock: server code's naive date-times carry the process's zone,
        // as the App Server's do (SER-09)
        Control control = options.control();
        Clock clock = control.fakeClock()
                ? FakeClock.startingAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)) : Clock.systemUTC();
        AnvilRuntime.Builder builder = AnvilRuntime.builder().clock(clock).zone(ZoneId.systemDefault())
                .abandonCallsAtDeadline(true).uplinkKey(options.uplinkKey())
                .clientUplinkKey(options.clientUplinkKey()).appLogListener(console).adminToken(control.adminToken());
        if (control.journalSize() > 0) {
            builder.recordCalls(true).journalCapacity(control.journalSize());
        }
        AnvilRuntime runtime = builder.build();
        try {
            for (String user : options.users()) {
                addUser(runtime, user);
            }
            for (String module : options.modules()) {
                Object instance = instantiate(loader, module, options.classpath());
                try {
                    runtime.register(instance);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--module " + module + " cannot be registered: "
                            + e.getMessage(), e);
                }
            }
            listen(runtime, options.port());
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            if (loader != Serve.class.getClassLoader() && loader instanceof URLClassLoader own) {
                try {
                    own.close(); // the jars it opened; nothing of it is in use once the runtime is closed
                } catch (java.io.IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /**
     * The four lines serve mode prints once it accepts connections: where uplinks connect, where
     * the app's HTTP endpoints are, where the control API is ({@code docs/CONTROL.md}) and where
     * the live console is ({@code docs/CONSOLE.md}).
     *
     * @param runtime the listening runtime
     * @return {@code uplink: ...}, {@code api: ...}, {@code control: ...} and {@code console: ...}
     * @since 0.1
     */
    public static List<String> banner(AnvilRuntime runtime) {
        URI origin = runtime.listen();
        return List.of("uplink: ws://" + origin.getAuthority() + "/_/uplink", "api: " + origin + "/_/api",
                "control: " + runtime.controlUri(), "console: " + origin + "/_/console");
    }

    /**
     * The command line: {@code serve [--port N] [--uplink-key K] [--client-uplink-key K]
     * [--classpath P] [--module C]... [--stop-on-stdin-close]}, or {@code --help}, or
     * {@code --version}; serves until stopped, then exits with one of the exit codes above.
     *
     * @param args the arguments
     * @since 0.1
     */
    public static void main(String[] args) {
        System.exit(ServeCommand.execute(args, System.out, System.err, System.in));
    }

    private static void listen(AnvilRuntime runtime, int port) {
        try {
            runtime.listen(port);
        } catch (IllegalStateException e) {
            BindException bind = bindFailure(e);
            if (bind == null) {
                throw e;
            }
            String reason = bind.getMessage() == null ? "" : bind.getMessage();
            String what = reason.toLowerCase(java.util.Locale.ROOT).contains("in use")
                    ? "port " + port + " is in use"
                    : "cannot listen on port " + port + " of the loopback interface (" + reason + ")";
            throw new IllegalStateException(what + ": choose another with --port, or --port 0 for a free one", e);
        }
    }

    private static BindException bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                return bind;
            }
        }
        return null;
    }

    private static ClassLoader loader(String classpath) {
        ClassLoader parent = Serve.class.getClassLoader();
        if (classpath == null || classpath.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--classpath entry " + path + " does not exist: name existing jars"
                        + " or folders, separated by '" + File.pathSeparator + "'");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath entry " + entry + " is not a path: " + e.getMessage(), e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    private static Object instantiate(ClassLoader loader, String name, String classpath) {
        Class<?> type;
        try {
            type = Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--module " + name + " cannot be loaded: no such class "
                    + searched(classpath), e);
        } catch (LinkageError e) {
            throw new IllegalArgumentException("--module " + name + " cannot be loaded (" + e + "), searched "
                    + searched(classpath), e);
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (NoSuchMethodException e) {
            return type;
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("--module " + name + ": its constructor threw " + e.getCause(), e);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalArgumentException("--module " + name + " cannot be instantiated: " + e, e);
        }
    }

    /** Where a module class was looked for, for messages. */
    private static String searched(String classpath) {
        String own = System.getProperty("java.class.path", "");
        if (classpath == null || classpath.isEmpty()) {
            return "on serve mode's own class path (" + own + "): give the jar or folder that holds it with"
                    + " --classpath";
        }
        return "in --classpath " + classpath + " (searched after serve mode's own class path, " + own + ")";
    }
}
