package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.serve.Serve;
import dev.anvilcheck.server.Callable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Serve mode started in-process: its flags, its two address lines, modules, uplinks and HTTP on one port. */
class ServeModeTest {
    /** A module serve mode loads by class name. */
    public static final class Greeter {
        @Callable
        public String greet(String name) {
            return "hello " + name;
        }
    }

    @Test
    @DisplayName("flags as the App Server names them, port 0 allowed, two address lines, a module loaded by name")
    void serves() throws Exception {
        Serve.Options options = Serve.Options.parse(List.of("--port", "0", "--uplink-key", "k1",
                "--client-uplink-key=k2", "--module", Greeter.class.getName()));
        assertThat(options.uplinkKey()).isEqualTo("k1");
        assertThat(options.clientUplinkKey()).isEqualTo("k2");
        try (AnvilRuntime runtime = Serve.start(options)) {
            List<String> banner = Serve.banner(runtime);
            int port = runtime.listen().getPort();
            assertThat(banner).containsExactly("uplink: ws://127.0.0.1:" + port + "/_/uplink",
                    "api: http://127.0.0.1:" + port + "/_/api", "control: http://127.0.0.1:" + port + "/_/control",
                    "console: http://127.0.0.1:" + port + "/_/console");
            try (WsClient c = WsClient.authenticated(URI.create(banner.get(0).substring("uplink: ".length())), "k2")) {
                c.send("{\"type\": \"CALL\", \"id\": \"g\", \"command\": \"greet\", \"args\": [\"Ann\"], \"kwargs\": {},"
                        + " \"objects\": []}");
                assertThat(c.nextJson().get("response").asText()).isEqualTo("hello Ann");
            }
            HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(banner.get(1).substring("api: ".length()) + "/nothing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    @DisplayName("unknown flags and modules that cannot be loaded are refused")
    void refusesBadOptions() {
        assertThatThrownBy(() -> Serve.Options.parse(List.of("--bogus", "1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Serve.Options.parse(List.of("--port"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Serve.start(Serve.Options.parse(List.of("--port", "0", "--module", "no.such.Module"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no.such.Module");
    }
}
