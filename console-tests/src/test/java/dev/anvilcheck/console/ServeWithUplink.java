package dev.anvilcheck.console;

import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.users.Users;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serve mode in its own process ({@code java -jar <serve jar> serve --port 0 --fake-clock}), its
 * addresses read from its banner by prefix, and a Java uplink connected to it that provides the
 * functions the Python example in {@code docs/PYTHON.md} defines in Python (the official Python
 * uplink client is on no package registry): {@code greet}, {@code whoami} (a user must be logged
 * in), {@code add_to_cart} (keeps a cart in the session) and {@code fail_on_purpose}.
 */
final class ServeWithUplink implements AutoCloseable {
    static final String KEY = "console-tests-key";
    private static final Duration START = Duration.ofSeconds(60);

    final URI uplinkUri;
    final URI control;
    final URI console;
    private final Process process;
    private final Uplink uplink;

    private ServeWithUplink(Process process, URI uplinkUri, URI control, URI console, Uplink uplink) {
        this.process = process;
        this.uplinkUri = uplinkUri;
        this.control = control;
        this.console = console;
        this.uplink = uplink;
    }

    static ServeWithUplink start() throws Exception {
        Path jar = Path.of(System.getProperty("anvilcheck.serveJar", "../reference-runtime/target/"
                + "reference-runtime-0.1.0-SNAPSHOT-serve.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The serve jar is missing: " + jar + "; build reference-runtime first");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "serve", "--port", "0",
                "--fake-clock", "--uplink-key", KEY, "--stop-on-stdin-close")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            CompletableFuture<URI[]> banner = CompletableFuture.supplyAsync(() -> {
                URI[] found = new URI[3];
                try {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.startsWith("uplink: ")) {
                            found[0] = URI.create(line.substring(8).trim());
                        } else if (line.startsWith("control: ")) {
                            found[1] = URI.create(line.substring(9).trim());
                        } else if (line.startsWith("console: ")) {
                            found[2] = URI.create(line.substring(9).trim());
                            return found;
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("serve mode ended before printing its console: line");
            });
            URI[] addresses = banner.get(START.toSeconds(), TimeUnit.SECONDS);
            Uplink uplink = Uplink.builder(addresses[0], KEY)
                    .register("greet", a -> "Hello, " + a.args().get(0) + "!")
                    .connect();
            uplink.register("whoami", RequireUser.loggedIn(), a -> ((Map<?, ?>) Users.getUser()).get("email"));
            uplink.register("add_to_cart", a -> {
                @SuppressWarnings("unchecked")
                List<Object> cart = (List<Object>) AnvilServer.session().get("cart", new ArrayList<>());
                List<Object> more = new ArrayList<>(cart);
                more.add(a.args().get(0));
                AnvilServer.session().put("cart", more);
                return more;
            });
            uplink.register("fail_on_purpose", a -> {
                throw new ValueError("failed on purpose: " + a.args());
            });
            return new ServeWithUplink(process, addresses[0], addresses[1], addresses[2], uplink);
        } catch (Exception | Error e) {
            process.destroy();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        uplink.close();
        process.getOutputStream().close(); // --stop-on-stdin-close
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
