package dev.anvilcheck.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.AnvilServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The control API's event stream ({@code GET /_/control/events}) and the console page
 * ({@code /_/console}) over the loopback listener (issue 15 part 3): events pushed as they
 * happen, bounded subscribers, the same gate as the API, a stream ended when the runtime closes.
 */
class ControlEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private AnvilRuntime runtime;
    private URI control;

    @BeforeEach
    void start() {
        runtime = AnvilRuntime.builder().recordCalls(true).taskExecution(TaskExecution.DETERMINISTIC).build();
        runtime.register("add", a -> (Long) a.args().get(0) + (Long) a.args().get(1));
        runtime.register("broken", a -> {
            throw new ValueError("broken on purpose");
        });
        runtime.registerBackgroundTask("crunch", a -> {
            AnvilServer.taskState().put("step", 1L);
            return 42L;
        });
        runtime.register("start_crunch", a -> AnvilServer.launchBackgroundTask("crunch").getId());
        control = runtime.controlUri();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        runtime.close();
    }

    /** One event stream read on its own thread: each event as (name, data). */
    private final class Stream implements AutoCloseable {
        final BlockingQueue<Map.Entry<String, JsonNode>> events = new LinkedBlockingQueue<>();
        final Socket socket;
        final String head;

        Stream(String extraHeaders) throws Exception {
            socket = new Socket("127.0.0.1", control.getPort());
            OutputStream out = socket.getOutputStream();
            out.write(("GET /_/control/events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder h = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                h.append(line).append('\n');
            }
            head = h.toString();
            Thread reader = new Thread(() -> {
                String event = null;
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("event: ")) {
                            event = line.substring(7);
                        } else if (line.startsWith("data: ") && event != null) {
                            events.add(Map.entry(event, JSON.readTree(line.substring(6))));
                            event = null;
                        }
                        // chunk sizes and blank lines are skipped
                    }
                    events.add(Map.entry("end", JSON.nullNode()));
                } catch (Exception e) {
                    events.add(Map.entry("end", JSON.nullNode()));
                }
            }, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
            open.add(this);
        }

        JsonNode next(String name) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Map.Entry<String, JsonNode> e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e == null) {
                    break;
                }
                if (e.getKey().equals(name)) {
                    return e.getValue();
                }
            }
            throw new AssertionError("no '" + name + "' event within " + WAIT);
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(control + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(control + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("the stream says hello, then pushes each call as it is recorded, its app-log entry and task states")
    void pushesCallsLogAndTasks() throws Exception {
        Stream stream = new Stream("");
        assertThat(stream.head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-type: text/event-stream");
        JsonNode hello = stream.next("hello");
        assertThat(hello.get("journalLast").asLong()).isZero();
        String caller = JSON.readTree(post("/callers", "{}").body()).get("id").asText();

        long before = System.nanoTime();
        post("/callers/" + caller + "/calls", "{\"function\": \"add\", \"args\": [2, 3]}");
        JsonNode call = stream.next("call");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(call.get("function").asText()).isEqualTo("add");
        assertThat(call.get("response").asLong()).isEqualTo(5);
        assertThat(call.get("index").asLong()).isEqualTo(1);

        post("/callers/" + caller + "/calls", "{\"function\": \"broken\"}");
        assertThat(stream.next("call").get("error").get("type").asText()).endsWith("ValueError");
        JsonNode log = stream.next("log");
        assertThat(log.get("level").asText()).isEqualTo("ERROR");
        assertThat(log.get("name").asText()).isEqualTo("broken");

        post("/callers/" + caller + "/calls", "{\"function\": \"start_crunch\"}");
        runtime.tasks().runAll();
        JsonNode task;
        do {
            task = stream.next("task");
        } while (!"completed".equals(task.path("status").asText()));
        assertThat(task.get("name").asText()).isEqualTo("crunch");
        assertThat(task.get("returnValue").asLong()).isEqualTo(42);
    }

    @Test
    @DisplayName("the stream is behind the same gate: a foreign Host or Origin is refused; query parameters are refused")
    void gated() throws Exception {
        assertThat(new Stream("Origin: http://evil.example\r\n").head).startsWith("HTTP/1.1 403");
        Socket s = new Socket("127.0.0.1", control.getPort());
        open.add(s);
        s.getOutputStream().write("GET /_/control/events HTTP/1.1\r\nHost: attacker.example\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 403");
        assertThat(new Stream("").head).startsWith("HTTP/1.1 200");
        HttpResponse<String> q = get("/events?after=3");
        assertThat(q.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("at most 16 streams at once (503 beyond); a closed stream frees its place; closing the runtime ends them")
    void bounded() throws Exception {
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Stream s = new Stream("");
            s.next("hello");
            streams.add(s);
        }
        assertThat(new Stream("").head).startsWith("HTTP/1.1 503");
        streams.get(0).close();
        long deadline = System.nanoTime() + WAIT.toNanos();
        String head;
        do {
            Thread.sleep(20);
            head = new Stream("").head;
        } while (head.startsWith("HTTP/1.1 503") && System.nanoTime() < deadline);
        assertThat(head).startsWith("HTTP/1.1 200");
        runtime.close();
        assertThat(streams.get(1).next("end")).isNotNull();
    }

    @Test
    @DisplayName("the console page and its assets are served self-contained (CSP 'self'), behind the gate; others 404")
    void servesTheConsole() throws Exception {
        URI origin = URI.create(control.toString().replace("/_/control", ""));
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(origin + "/_/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'none'").contains("script-src 'self'"));
        assertThat(page.body()).contains("/_/console/console.js").doesNotContain("https://");
        for (String asset : List.of("/_/console/console.js", "/_/console/console.css")) {
            HttpResponse<String> a = client.send(HttpRequest.newBuilder(URI.create(origin + asset)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(a.statusCode()).as(asset).isEqualTo(200);
            assertThat(a.body()).as(asset).doesNotContain("https://").doesNotContain("http://");
        }
        assertThat(client.send(HttpRequest.newBuilder(URI.create(origin + "/_/console/nothing.js")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        Socket s = new Socket("127.0.0.1", control.getPort());
        open.add(s);
        s.getOutputStream().write("GET /_/console HTTP/1.1\r\nHost: rebound.example\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 403");
        // an in-memory request never reaches it, as it never reaches the control API
        assertThat(runtime.http().get("/_/console").status()).isEqualTo(404);
    }
}
