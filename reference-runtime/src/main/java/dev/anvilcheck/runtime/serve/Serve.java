package dev.anvilcheck.runtime.serve;

import dev.anvilcheck.runtime.AnvilRuntime;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Serve mode: the reference runtime as a local server that real uplink scripts and HTTP clients
 * connect to, started as {@code java -jar reference-runtime-<version>-serve.jar serve}. Flags are
 * named as the App Server names them: {@code --port} (0 for a free port), {@code --uplink-key},
 * {@code --client-uplink-key}; {@code --module <class>} (repeatable) registers the server functions
 * and endpoints of a Java class, found on {@code --classpath <path>} (entries separated by the
 * platform's path separator). Once it accepts connections it prints exactly two lines,
 * {@code uplink: ws://127.0.0.1:PORT/_/uplink} and {@code api: http://127.0.0.1:PORT/_/api}; it
 * stops cleanly on SIGTERM or when its standard input reaches end of file. The runtime runs on the
 * system clock.
 *
 * @since 0.1
 */
public final class Serve {
    private Serve() {}

    /**
     * Parsed command-line settings.
     *
     * @param port the port, 0 for any
     * @param uplinkKey the server uplink key, or {@code null}
     * @param clientUplinkKey the client uplink key, or {@code null}
     * @param modules class names of server modules to register
     * @param classpath where to find them, or {@code null} for this jar's class path
     * @since 0.1
     */
    public record Options(int port, String uplinkKey, String clientUplinkKey, List<String> modules, String classpath) {
        /**
         * Reads the arguments after {@code serve}.
         *
         * @param args the arguments
         * @return the options
         * @throws IllegalArgumentException for an unknown flag or a missing value
         */
        public static Options parse(List<String> args) {
            int port = 3030;
            String key = null;
            String clientKey = null;
            String classpath = null;
            List<String> modules = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                String inline = null;
                int eq = flag.indexOf('=');
                if (flag.startsWith("--") && eq > 0) {
                    inline = flag.substring(eq + 1);
                    flag = flag.substring(0, eq);
                }
                String v = inline != null ? inline : value;
                if (v == null) {
                    throw new IllegalArgumentException("Missing value for " + flag);
                }
                switch (flag) {
                    case "--port" -> port = Integer.parseInt(v);
                    case "--uplink-key" -> key = v;
                    case "--client-uplink-key" -> clientKey = v;
                    case "--module" -> modules.add(v);
                    case "--classpath", "-cp" -> classpath = v;
                    default -> throw new IllegalArgumentException("Unknown option " + flag + "; known: --port,"
                            + " --uplink-key, --client-uplink-key, --module, --classpath");
                }
                if (inline == null) {
                    i++;
                }
            }
            return new Options(port, key, clientKey, List.copyOf(modules), classpath);
        }
    }

    /**
     * Starts a runtime as {@code options} say, registers the modules and listens.
     *
     * @param options the settings
     * @return the running runtime; the caller closes it
     * @throws IllegalArgumentException if a module cannot be loaded or registered
     */
    public static AnvilRuntime start(Options options) {
        AnvilRuntime runtime = AnvilRuntime.builder().clock(Clock.systemUTC()).uplinkKey(options.uplinkKey())
                .clientUplinkKey(options.clientUplinkKey()).build();
        try {
            ClassLoader loader = loader(options.classpath());
            for (String module : options.modules()) {
                runtime.register(instantiate(loader, module));
            }
            runtime.listen(options.port());
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /**
     * The two lines serve mode prints once it accepts connections.
     *
     * @param runtime the listening runtime
     * @return {@code uplink: ...} and {@code api: ...}
     */
    public static List<String> banner(AnvilRuntime runtime) {
        URI origin = runtime.listen();
        return List.of("uplink: ws://" + origin.getAuthority() + "/_/uplink", "api: " + origin + "/_/api");
    }

    private static ClassLoader loader(String classpath) {
        ClassLoader parent = Serve.class.getClassLoader();
        if (classpath == null || classpath.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                try {
                    urls.add(new File(entry).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("Bad class path entry " + entry, e);
                }
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    private static Object instantiate(ClassLoader loader, String name) {
        try {
            Class<?> type = Class.forName(name, true, loader);
            try {
                Constructor<?> c = type.getDeclaredConstructor();
                c.setAccessible(true);
                return c.newInstance();
            } catch (NoSuchMethodException e) {
                return type;
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("Cannot load module " + name + ": " + e, e);
        }
    }

    /**
     * The command line: {@code serve [--port N] [--uplink-key K] [--client-uplink-key K]
     * [--classpath P] [--module C]...}.
     *
     * @param args the arguments
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        if (args.length == 0 || !args[0].equals("serve")) {
            System.err.println("usage: java -jar reference-runtime-<version>-serve.jar serve [--port N]"
                    + " [--uplink-key KEY] [--client-uplink-key KEY] [--classpath PATH] [--module CLASS]...");
            System.exit(2);
            return;
        }
        Options options;
        AnvilRuntime runtime;
        try {
            options = Options.parse(List.of(args).subList(1, args.length));
            runtime = start(options);
        } catch (RuntimeException e) {
            System.err.println("serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "anvilcheck-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (String line : banner(runtime)) {
            out.println(line);
        }
        out.flush();
        Thread stdin = new Thread(() -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    continue;
                }
            } catch (IOException e) {
                System.err.println("serve: standard input failed: " + e);
            }
            runtime.close();
            stopped.countDown();
        }, "anvilcheck-serve-stdin");
        stdin.setDaemon(true);
        stdin.start();
        stopped.await();
    }
}
