package dev.anvilcheck.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.TaskExecution;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.python.ValueError;
import dev.anvilcheck.users.Users;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The control API over the loopback listener (issue 15 part 1), with the JDK's HTTP client: each
 * resource, each bad input, the gate, and that the runtime keeps serving after bad input. The
 * runtime reads a fake clock; nothing sleeps.
 */
class ControlApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<AnvilRuntime> runtimes = new ArrayList<>();
    private AnvilRuntime runtime;
    private URI control;

    @BeforeEach
    void start() {
        runtime = track(AnvilRuntime.builder().recordCalls(true).taskExecution(TaskExecution.DETERMINISTIC).build());
        runtime.register("add", a -> (Long) a.args().get(0) + (Long) a.args().get(1));
        runtime.register("echo", a -> a.args().get(0));
        runtime.register("media_length", a -> ((Media) a.args().get(0)).length());
        runtime.register("today", a -> List.of(LocalDate.of(2026, 3, 4), java.time.OffsetDateTime.parse("2026-03-04T05:06:07Z"),
                new BlobMedia("text/plain", "hi".getBytes(StandardCharsets.UTF_8), "hi.txt")));
        runtime.register("cart", a -> AnvilServer.session().get("cart"));
        runtime.register("broken", a -> {
            throw new ValueError("broken on purpose");
        });
        runtime.register("whoami", RequireUser.loggedIn(), a -> Users.getUser());
        runtime.registerBackgroundTask("crunch", a -> 42L);
        runtime.register("start_crunch", a -> AnvilServer.launchBackgroundTask("crunch").getId());
        control = runtime.controlUri();
    }

    @AfterEach
    void close() {
        runtimes.forEach(AnvilRuntime::close);
    }

    private AnvilRuntime track(AnvilRuntime r) {
        runtimes.add(r);
        return r;
    }

    // ------------------------------------------------------------------ plumbing

    private record Reply(int status, JsonNode json, HttpResponse<String> raw) {
        String field() {
            return json.path("error").path("field").asText(null);
        }
    }

    private Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(control + path)).GET());
    }

    private Reply post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(control + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        return reply(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static Reply reply(HttpResponse<String> r) throws IOException {
        return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()), r);
    }

    private String browser() throws Exception {
        Reply created = post("/callers", "{\"kind\": \"browser\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Reply call(String caller, String body) throws Exception {
        return post("/callers/" + caller + "/calls", body);
    }

    // ------------------------------------------------------------------ resources

    @Test
    @DisplayName("every route the OpenAPI document names is served, and every route served is in the document")
    void openApiDocumentMatchesTheRoutes() throws Exception {
        Reply doc = get("/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("openapi").asText()).startsWith("3.");
        List<String> documented = new ArrayList<>();
        doc.json().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        List<String> served = new ArrayList<>();
        get("").json().get("routes").forEach(r -> served.add(r.asText()));
        assertThat(served).containsExactlyInAnyOrderElementsOf(documented);
        // and each documented route answers something other than "no such resource"
        for (String route : documented) {
            if (route.equals("GET /_/control/events")) {
                continue; // a stream that does not end: ControlEventsTest
            }
            String[] parts = route.split(" ", 2);
            String path = parts[1].substring("/_/control".length()).replace("{id}", "c999")
                    + (parts[1].endsWith("/next") ? "?timeoutMillis=0" : "");
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(control + path));
            b = parts[0].equals("GET") ? b.GET() : parts[0].equals("DELETE") ? b.DELETE()
                    : b.header("Content-Type", "application/json").method(parts[0],
                            HttpRequest.BodyPublishers.ofString("{}"));
            Reply r = send(b);
            assertThat(r.json().path("error").path("message").asText("")).as(route)
                    .doesNotStartWith("no control API resource");
        }
    }

    @Test
    @DisplayName("a browser with user, IP, zone, location, session and cookies; listed, described, deleted")
    void createsCallers() throws Exception {
        Reply created = post("/callers", """
                {"kind": "browser", "ip": "10.0.0.7", "zone": "Europe/Paris",
                 "location": {"city": "Paris", "countryCode": "FR", "latitude": 48.8},
                 "user": {"email": "ann@example.com"}, "session": {"cart": [1, 2], "since": null},
                 "cookies": {"local": {"theme": "dark"}},
                 "objects": [{"path": ["session", "since"], "type": ["Date"], "value": "2026-01-02"}]}""");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("kind").asText()).isEqualTo("browser");
        assertThat(created.json().get("zone").asText()).isEqualTo("Europe/Paris");
        assertThat(created.json().get("user").get("email").asText()).isEqualTo("ann@example.com");

        Reply cart = call(id, "{\"function\": \"cart\"}");
        assertThat(cart.json().get("outcome").asText()).isEqualTo("returned");
        assertThat(cart.json().get("response").toString()).isEqualTo("[1,2]");

        assertThat(get("/callers").json().get("callers")).hasSize(1);
        assertThat(get("/callers/" + id).json().get("sessionId").asText())
                .isEqualTo(created.json().get("sessionId").asText());
        Reply sessions = get("/sessions");
        JsonNode session = sessions.json().get("sessions").get(0);
        assertThat(session.get("data").get("cart").toString()).isEqualTo("[1,2]");
        assertThat(session.get("objects").toString()).contains("\"Date\"", "2026-01-02");

        for (String kind : List.of("http", "email", "scheduled_task", "client_uplink")) {
            Reply other = post("/callers", "{\"kind\": \"" + kind + "\"}");
            assertThat(other.status()).as(kind).isEqualTo(201);
            assertThat(call(other.json().get("id").asText(), "{\"function\": \"add\", \"args\": [1, 2]}")
                    .json().get("response").asLong()).as(kind).isEqualTo(3);
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(control + "/callers/" + id)).DELETE()).status())
                .isEqualTo(204);
        assertThat(get("/callers/" + id).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("a call's result and arguments as the wire encodes them: dates, Media as base64; errors as type, message, trace")
    void callsAsTheWireEncodes() throws Exception {
        String b = browser();
        Reply sum = call(b, "{\"function\": \"add\", \"args\": [2, 3]}");
        assertThat(sum.status()).isEqualTo(200);
        assertThat(sum.json().get("outcome").asText()).isEqualTo("returned");
        assertThat(sum.json().get("response").asLong()).isEqualTo(5);

        JsonNode today = call(b, "{\"function\": \"today\"}").json();
        assertThat(today.get("response").toString()).isEqualTo("[null,null,null]");
        JsonNode objects = today.get("objects");
        assertThat(objects.get(0).get("type").get(0).asText()).isEqualTo("Date");
        assertThat(objects.get(0).get("path").toString()).isEqualTo("[\"response\",0]");
        assertThat(objects.get(0).get("value").asText()).isEqualTo("2026-03-04");
        assertThat(objects.get(1).get("type").get(0).asText()).isEqualTo("DateTime");
        JsonNode media = objects.get(2);
        assertThat(media.get("type").get(0).asText()).isEqualTo("DataMedia");
        assertThat(media.get("mime-type").asText()).isEqualTo("text/plain");
        assertThat(media.get("name").asText()).isEqualTo("hi.txt");
        assertThat(new String(Base64.getDecoder().decode(media.get("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("hi");

        String hello = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        Reply length = call(b, "{\"function\": \"media_length\", \"args\": [null], \"objects\": [{\"path\": [\"args\", 0],"
                + " \"type\": [\"DataMedia\"], \"mime-type\": \"text/plain\", \"content\": \"" + hello + "\"}]}");
        assertThat(length.json().get("response").asLong()).isEqualTo(5);

        Reply broken = call(b, "{\"function\": \"broken\"}");
        assertThat(broken.status()).isEqualTo(200);
        assertThat(broken.json().get("outcome").asText()).isEqualTo("raised");
        assertThat(broken.json().get("error").get("type").asText()).isEqualTo("ValueError");
        assertThat(broken.json().get("error").get("message").asText()).isEqualTo("broken on purpose");
        assertThat(broken.json().get("error").get("trace").isArray()).isTrue();
    }

    @Test
    @DisplayName("bad input: unknown function, unknown caller, arguments that cannot cross, malformed JSON, unknown"
            + " fields; the runtime keeps serving")
    void badInput() throws Exception {
        String b = browser();
        Reply unknownFunction = call(b, "{\"function\": \"nope\"}");
        assertThat(unknownFunction.status()).isEqualTo(200);
        assertThat(unknownFunction.json().get("error").get("type").asText())
                .isEqualTo("anvil.server.NoServerFunctionError");

        Reply unknownCaller = call("c404", "{\"function\": \"add\"}");
        assertThat(unknownCaller.status()).isEqualTo(404);
        assertThat(unknownCaller.field()).isEqualTo("id");

        Reply cannotCross = call(b, "{\"function\": \"echo\", \"args\": [{\"x\": 1}], \"objects\": [{\"path\": [\"args\","
                + " 0], \"type\": [\"ValueType\"], \"typeName\": \"client.only.Thing\"}]}");
        assertThat(cannotCross.json().get("outcome").asText()).isEqualTo("raised");
        assertThat(cannotCross.json().get("error").get("type").asText()).isEqualTo("anvil.server.SerializationError");
        assertThat(cannotCross.json().get("error").get("message").asText())
                .isEqualTo("No such serializable type: client.only.Thing at msg['args'][0]");

        Reply malformed = call(b, "{\"function\": \"add\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.field()).isEqualTo("body");
        assertThat(call(b, "[1]").field()).isEqualTo("body");

        Reply unknownField = call(b, "{\"function\": \"add\", \"argz\": [1]}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.field()).isEqualTo("argz");
        assertThat(call(b, "{\"function\": 7}").field()).isEqualTo("function");
        assertThat(call(b, "{}").field()).isEqualTo("function");
        assertThat(call(b, "{\"function\": \"add\", \"args\": {\"a\": 1}}").field()).isEqualTo("args");
        assertThat(call(b, "{\"function\": \"echo\", \"args\": [null], \"objects\": [{\"path\": [\"args\", 0], \"type\":"
                + " [\"DataMedia\"], \"content\": \"not base64!\"}]}").field()).isEqualTo("objects");
        Reply badKind = post("/callers", "{\"kind\": \"pigeon\"}");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.field()).isEqualTo("kind");
        assertThat(badKind.json().get("error").get("message").asText()).contains("browser", "client_uplink");
        assertThat(post("/callers", "{\"zone\": \"Mars/Olympus\"}").field()).isEqualTo("zone");
        assertThat(post("/callers", "{\"kind\": \"http\", \"session\": {\"a\": 1}}").field()).isEqualTo("session");
        assertThat(get("/journal?after=x").field()).isEqualTo("after");
        assertThat(get("/journal/next?timeoutMillis=600000").field()).isEqualTo("timeoutMillis");
        assertThat(get("/nowhere").status()).isEqualTo(404);
        Reply wrongMethod = send(HttpRequest.newBuilder(URI.create(control + "/clock")).DELETE());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.raw().headers().firstValue("allow")).contains("GET");

        // still serving, and what was refused before the runtime is not in the journal
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 1]}").json().get("response").asLong()).isEqualTo(2);
        assertThat(runtime.browser().call("add", 2L, 2L)).isEqualTo(4L);
    }

    @Test
    @DisplayName("the fake clock: read and advanced; a clock call on a real-clock runtime is a 409 naming the clock")
    void clock() throws Exception {
        Instant before = runtime.fakeClock().instant();
        Reply clock = get("/clock");
        assertThat(clock.json().get("fake").asBoolean()).isTrue();
        assertThat(clock.json().get("now").asText()).isEqualTo(before.toString());
        Reply advanced = post("/clock/advance", "{\"duration\": \"PT5M\"}");
        assertThat(advanced.json().get("now").asText()).isEqualTo(before.plusSeconds(300).toString());
        assertThat(post("/clock/advance", "{\"millis\": 1000}").json().get("now").asText())
                .isEqualTo(before.plusSeconds(301).toString());
        assertThat(post("/clock/advance", "{\"millis\": -1}").field()).isEqualTo("millis");
        assertThat(post("/clock/advance", "{}").status()).isEqualTo(400);

        AnvilRuntime real = track(AnvilRuntime.builder().clock(java.time.Clock.systemUTC()).build());
        URI realControl = real.controlUri();
        Reply refused = reply(client.send(HttpRequest.newBuilder(URI.create(realControl + "/clock/advance"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"millis\": 1}")).build(), HttpResponse.BodyHandlers.ofString()));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.field()).isEqualTo("clock");
        assertThat(refused.json().get("error").get("message").asText()).contains("--fake-clock");
    }

    @Test
    @DisplayName("faults: app offline, quota exceeded, a function timed out, a session expired")
    void faults() throws Exception {
        String b = browser();
        assertThat(post("/faults", "{\"appOffline\": true}").json().get("appOffline").asBoolean()).isTrue();
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("error").get("type").asText())
                .isEqualTo("anvil.server.AppOfflineError");
        post("/faults", "{\"appOffline\": false, \"quotaExceeded\": true}");
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("error").get("type").asText())
                .isEqualTo("anvil.server.QuotaExceededError");
        assertThat(post("/faults", "{\"quotaExceeded\": \"yes\"}").field()).isEqualTo("quotaExceeded");
        post("/faults", "{\"quotaExceeded\": false}");

        Reply timedOut = post("/faults/timeout", "{\"function\": \"add\"}");
        assertThat(timedOut.json().get("timedOut").toString()).isEqualTo("[\"add\"]");
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("error").get("type").asText())
                .isEqualTo("anvil.server.TimeoutError");
        post("/faults/timeout", "{\"function\": \"add\", \"on\": false}");
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("response").asLong()).isEqualTo(3);
        Reply unknown = post("/faults/timeout", "{\"function\": \"nope\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("function");

        Reply expired = post("/faults/expire-session", "{\"caller\": \"" + b + "\"}");
        assertThat(expired.json().get("sessionExpired").asBoolean()).isTrue();
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("error").get("type").asText())
                .isEqualTo("anvil.server.SessionExpiredError");
        assertThat(post("/faults/expire-session", "{\"caller\": \"c77\"}").status()).isEqualTo(404);
        assertThat(post("/faults/disconnect-uplink", "{\"uplink\": \"u9\"}").field()).isEqualTo("uplink");
    }

    @Test
    @DisplayName("faults: the app locked, a function's workers die, a task's worker dies or the runtime loses track of it")
    void lockWorkerAndTaskFaults() throws Exception {
        String b = browser();
        Reply locked = post("/faults", "{\"appLocked\": true}");
        assertThat(locked.json().get("appLocked").asBoolean()).isTrue();
        JsonNode refused = call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("error");
        assertThat(refused.get("type").asText()).isEqualTo("anvil.server.InternalError");
        assertThat(refused.get("message").asText()).contains("down for maintenance");
        assertThat(post("/faults", "{\"appLocked\": false}").json().get("appLocked").asBoolean()).isFalse();
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("response").asLong()).isEqualTo(3);

        Reply dying = post("/faults/worker-dies", "{\"function\": \"add\"}");
        assertThat(dying.json().get("workerDies").toString()).isEqualTo("[\"add\"]");
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("error").get("type").asText())
                .isEqualTo("anvil.server.ExecutionTerminatedError");
        assertThat(post("/faults/worker-dies", "{\"function\": \"add\", \"on\": false}").json().get("workerDies"))
                .isEmpty();
        assertThat(call(b, "{\"function\": \"add\", \"args\": [1, 2]}").json().get("response").asLong()).isEqualTo(3);
        Reply unknown = post("/faults/worker-dies", "{\"function\": \"nope\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.field()).isEqualTo("function");

        String forgotten = call(b, "{\"function\": \"start_crunch\"}").json().get("response").asText();
        Reply missing = post("/faults/task", "{\"task\": \"" + forgotten + "\", \"fault\": \"executor-forgets\"}");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.json().get("status").asText()).isEqualTo("missing");
        String doomed = call(b, "{\"function\": \"start_crunch\"}").json().get("response").asText();
        Reply failed = post("/faults/task", "{\"task\": \"" + doomed + "\", \"fault\": \"worker-dies\"}");
        assertThat(failed.json().get("status").asText()).isEqualTo("failed");
        assertThat(post("/faults/task", "{\"task\": \"t404\", \"fault\": \"worker-dies\"}").status()).isEqualTo(404);
        Reply badFault = post("/faults/task", "{\"task\": \"" + doomed + "\", \"fault\": \"explodes\"}");
        assertThat(badFault.status()).isEqualTo(400);
        assertThat(badFault.field()).isEqualTo("fault");

        // a task an uplink runs has no worker of the runtime's to kill
        runtime.uplink().registerBackgroundTask("remote", a -> 1L);
        runtime.register("start_remote", a -> AnvilServer.launchBackgroundTask("remote").getId());
        String remote = call(b, "{\"function\": \"start_remote\"}").json().get("response").asText();
        Reply onUplink = post("/faults/task", "{\"task\": \"" + remote + "\", \"fault\": \"worker-dies\"}");
        assertThat(onUplink.status()).isEqualTo(409);
        assertThat(onUplink.field()).isEqualTo("task");
    }

    @Test
    @DisplayName("users: an account added, a caller created logged in as it passes require_user; one without a user does not")
    void users() throws Exception {
        Reply added = post("/users", "{\"email\": \"ann@example.com\", \"password\": \"pw\", \"user\": {\"name\": \"Ann\"}}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(get("/users").json().get("users").get(0).get("email").asText()).isEqualTo("ann@example.com");
        String ann = post("/callers", "{\"userEmail\": \"ann@example.com\"}").json().get("id").asText();
        assertThat(call(ann, "{\"function\": \"whoami\"}").json().get("response").get("name").asText()).isEqualTo("Ann");
        String nobody = browser();
        assertThat(call(nobody, "{\"function\": \"whoami\"}").json().get("error").get("type").asText())
                .isEqualTo("anvil.users.AuthenticationFailed");
        post("/callers/" + nobody + "/user", "{\"userEmail\": \"ann@example.com\"}");
        assertThat(call(nobody, "{\"function\": \"whoami\"}").json().get("outcome").asText()).isEqualTo("returned");
        assertThat(post("/callers", "{\"userEmail\": \"bob@example.com\"}").status()).isEqualTo(404);
        assertThat(post("/users", "{\"email\": \"x@example.com\"}").field()).isEqualTo("password");
    }

    @Test
    @DisplayName("observation: the journal, the next call of a function (long poll), the app log, tasks, functions")
    void observation() throws Exception {
        String b = browser();
        call(b, "{\"function\": \"add\", \"args\": [1, 2]}");
        call(b, "{\"function\": \"broken\"}");
        Reply journal = get("/journal");
        JsonNode calls = journal.json().get("calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("function").asText()).isEqualTo("add");
        assertThat(calls.get(0).get("caller").asText()).isEqualTo("browser");
        assertThat(calls.get(0).get("outcome").asText()).isEqualTo("returned");
        assertThat(calls.get(0).get("arguments").get("args").toString()).isEqualTo("[1,2]");
        assertThat(calls.get(0).get("response").asLong()).isEqualTo(3);
        assertThat(calls.get(1).get("error").get("type").asText()).isEqualTo("ValueError");
        assertThat(get("/journal?function=broken").json().get("calls")).hasSize(1);
        long last = journal.json().get("last").asLong();

        CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(HttpRequest.newBuilder(
                URI.create(control + "/journal/next?function=echo&after=" + last + "&timeoutMillis=30000")).build(),
                HttpResponse.BodyHandlers.ofString());
        call(b, "{\"function\": \"add\", \"args\": [5, 5]}");
        call(b, "{\"function\": \"echo\", \"args\": [\"ping\"]}");
        Reply next = reply(waiting.get(30, TimeUnit.SECONDS));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().get("call").get("function").asText()).isEqualTo("echo");
        assertThat(next.json().get("call").get("arguments").get("args").toString()).isEqualTo("[\"ping\"]");
        assertThat(get("/journal/next?function=echo&timeoutMillis=0").status()).isEqualTo(204);

        Reply log = get("/log");
        JsonNode entry = log.json().get("entries").get(0);
        assertThat(entry.get("level").asText()).isEqualTo("ERROR");
        assertThat(entry.get("name").asText()).isEqualTo("broken");
        assertThat(entry.get("stackTrace").toString()).contains("broken on purpose");
        assertThat(get("/log?after=" + log.json().get("last").asLong()).json().get("entries")).isEmpty();

        String taskId = call(b, "{\"function\": \"start_crunch\"}").json().path("response").asText();
        // a browser may not launch tasks: the server function does, in its name
        JsonNode tasks = get("/tasks").json().get("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("id").asText()).isEqualTo(taskId);
        assertThat(tasks.get(0).get("name").asText()).isEqualTo("crunch");
        runtime.tasks().runAll();
        JsonNode done = get("/tasks").json().get("tasks").get(0);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("returnValue").asLong()).isEqualTo(42);

        JsonNode functions = get("/functions").json();
        assertThat(functions.get("serverCode").toString()).contains("\"add\"", "\"task:crunch\"");
        assertThat(functions.get("uplinks")).isEmpty();
    }

    @Test
    @DisplayName("a runtime that does not record calls answers the journal routes with 409")
    void journalNeedsRecording() throws Exception {
        AnvilRuntime quiet = track(AnvilRuntime.create());
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(quiet.controlUri() + "/journal")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("recordCalls");
    }

    // ------------------------------------------------------------------ the gate

    @Test
    @DisplayName("with an admin token: 401 without it or with a wrong one, 200 with it")
    void adminToken() throws Exception {
        AnvilRuntime guarded = track(AnvilRuntime.builder().adminToken("s3cret").build());
        URI uri = URI.create(guarded.controlUri() + "/clock");
        HttpResponse<String> without = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(reply(without).field()).isEqualTo("Authorization");
        assertThat(client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer wrong").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer s3cret").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("without a token: no web page of another origin, no other Host name, JSON bodies only")
    void loopbackOnly() throws Exception {
        Reply fromPage = send(HttpRequest.newBuilder(URI.create(control + "/clock")).header("Origin", "https://evil.example"));
        assertThat(fromPage.status()).isEqualTo(403);
        assertThat(fromPage.field()).isEqualTo("Origin");
        assertThat(send(HttpRequest.newBuilder(URI.create(control + "/clock"))
                .header("Origin", "http://localhost:8080")).status()).isEqualTo(200);
        Reply form = send(HttpRequest.newBuilder(URI.create(control + "/faults"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("appOffline=true")));
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.field()).isEqualTo("Content-Type");
        assertThat(runtime.browser().isAppOnline()).isTrue();

        String rebound = rawGet("/_/control/clock", "anvil.evil.example:" + control.getPort());
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("\"field\":\"Host\"");
        assertThat(rawGet("/_/control/clock", "localhost:" + control.getPort())).startsWith("HTTP/1.1 200");
    }

    @Test
    @DisplayName("the app's own HTTP routing never reaches the control API, in memory or over the listener")
    void notReachableAsAnAppRoute() throws Exception {
        runtime.registerEndpoint(dev.anvilcheck.server.Endpoint.route("/_/control/clock"), a -> "app");
        assertThat(runtime.http().get("/_/control/clock").status()).isEqualTo(404);
        assertThat(get("/clock").json().has("fake")).isTrue();
    }

    private String rawGet(String target, String host) throws IOException {
        try (Socket s = new Socket(control.getHost(), control.getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
