package dev.anvilcheck.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.serve.Serve;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.uplink.Uplink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Serve mode's control API: its flags, its start-up line, and uplinks seen and disconnected through it. */
class ServeControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    @DisplayName("--fake-clock, --admin-token and --journal-size are read into Serve.Control; defaults without them")
    void flags() {
        assertThat(Serve.Options.parse(List.of("--fake-clock", "--admin-token", "t0k", "--journal-size", "5")).control())
                .isEqualTo(new Serve.Control(true, "t0k", 5));
        assertThat(Serve.Options.parse(List.of()).control()).isEqualTo(Serve.Control.DEFAULTS);
        assertThatThrownBy(() -> new Serve.Control(false, "", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--admin-token");
    }

    @Test
    @DisplayName("serve mode prints 'control: URL' after uplink: and api:; on --fake-clock the API moves time; the token is required")
    void servedWithAFakeClockAndAToken() throws Exception {
        try (AnvilRuntime runtime = Serve.start(new Serve.Options(0, "K", null, List.of(), null, null,
                new Serve.Control(true, "t0k", 10)))) {
            List<String> banner = Serve.banner(runtime);
            assertThat(banner).hasSize(4);
            assertThat(banner.get(3)).matches("console: http://127\\.0\\.0\\.1:\\d+/_/console");
            assertThat(banner.get(2)).matches("control: http://127\\.0\\.0\\.1:\\d+/_/control");
            URI control = URI.create(banner.get(2).substring("control: ".length()));
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(control + "/clock")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            JsonNode before = JSON.readTree(send(control, "GET", "/clock", null).body());
            assertThat(before.get("fake").asBoolean()).isTrue();
            JsonNode after = JSON.readTree(send(control, "POST", "/clock/advance", "{\"millis\": 60000}").body());
            assertThat(java.time.Instant.parse(after.get("now").asText()))
                    .isEqualTo(java.time.Instant.parse(before.get("now").asText()).plusSeconds(60));
        }
    }

    @Test
    @DisplayName("an uplink connected over the wire is listed with its key kind and functions, and disconnected on request")
    void uplinks() throws Exception {
        try (AnvilRuntime runtime = Serve.start(new Serve.Options(0, "K", null, List.of(), null, null, null))) {
            runtime.register("local", a -> "server code");
            URI control = runtime.controlUri();
            try (Uplink uplink = Uplink.builder(runtime.uplinkUri(), "K").heartbeatInterval(Duration.ZERO)
                    .reconnectDelays(Duration.ofHours(1), Duration.ofHours(1))
                    .register("shout", a -> "HI").connect()) {
                JsonNode functions = JSON.readTree(send(control, "GET", "/functions", null).body());
                assertThat(functions.get("serverCode").toString()).isEqualTo("[\"local\"]");
                JsonNode u = functions.get("uplinks").get(0);
                assertThat(u.get("key").asText()).isEqualTo("server");
                assertThat(u.get("functions").toString()).contains("\"shout\"");
                assertThat(u.get("remoteAddress").asText()).isEqualTo("127.0.0.1");

                HttpResponse<String> gone = send(control, "POST", "/faults/disconnect-uplink",
                        "{\"uplink\": \"" + u.get("id").asText() + "\"}");
                assertThat(gone.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(gone.body()).get("uplinks")).isEmpty();
                assertThatThrownBy(() -> runtime.browser().call("shout")).isInstanceOf(UplinkDisconnectedError.class);
                assertThat(runtime.appLog().toString()).contains("disconnected by the control API");
            }
        }
    }

    private HttpResponse<String> send(URI control, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(control + path));
        String token = path.startsWith("/clock") ? "t0k" : null;
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
