package dev.anvilcheck.tck.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anvilcheck.spi.Faults;
import dev.anvilcheck.spi.TimeControl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SPI's clock and fault hooks of a target that offers the optional anvilcheck control API
 * ({@link WireTarget#control()}; docs/CONTROL.md), and nothing else of that API: {@link TimeControl}
 * by {@code GET /clock} and {@code POST /clock/advance} (on a target running a fake clock),
 * {@link Faults} by {@code POST /faults}, {@code /faults/worker-dies}, and the task faults of
 * {@link dev.anvilcheck.spi.TaskControl} by {@code POST /faults/task}. The suite uses no other route:
 * callers, calls and what it observes stay on the wire. Each request carries the target's admin token
 * when it names one. A refusal of the API is an exception naming the route, status and the API's
 * message: 404 an {@link IllegalArgumentException} (an unknown function or task), 409 an
 * {@link UnsupportedOperationException} (not possible on this target, e.g. the system clock), any
 * other an {@link IllegalStateException}. Faults switched on through one {@code WireControl} are
 * switched off by {@link #reset()}, since one target serves every test.
 */
final class WireControl implements TimeControl, Faults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String adminToken;
    private final HttpClient client;
    private final Set<String> dying = ConcurrentHashMap.newKeySet();
    private volatile boolean switched;

    WireControl(URI base, String adminToken) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.adminToken = adminToken;
        this.client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    // ---------------------------------------------------------------- TimeControl

    /** The target's clock ({@code GET /clock}, its {@code now}). */
    @Override
    public Instant now() {
        return Instant.parse(send("GET", "/clock", null).path("now").asText());
    }

    /**
     * Moves the target's fake clock ({@code POST /clock/advance}, in milliseconds: the API's unit).
     *
     * @throws UnsupportedOperationException if the target runs on the system clock
     */
    @Override
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + duration);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("millis", duration.toMillis());
        send("POST", "/clock/advance", body);
    }

    // ---------------------------------------------------------------- Faults

    @Override
    public void appOffline(boolean offline) {
        setFault("appOffline", offline);
    }

    @Override
    public void quotaExceeded(boolean exceeded) {
        setFault("quotaExceeded", exceeded);
    }

    @Override
    public void appLocked(boolean locked) {
        setFault("appLocked", locked);
    }

    /**
     * {@code POST /faults/worker-dies}: the API answers 404 for a function server code did not
     * register, such as one an uplink provides, whose calls run on no worker of the runtime's.
     */
    @Override
    public void workerDiesDuring(String function, boolean dies) {
        ObjectNode body = JSON.createObjectNode();
        body.put("function", function);
        body.put("on", dies);
        send("POST", "/faults/worker-dies", body);
        if (dies) {
            dying.add(function);
        } else {
            dying.remove(function);
        }
    }

    private void setFault(String name, boolean on) {
        ObjectNode body = JSON.createObjectNode();
        body.put(name, on);
        send("POST", "/faults", body);
        switched |= on;
    }

    /**
     * Ends a running task by a fault ({@code POST /faults/task}; TASK-23).
     *
     * @param taskId the task's id
     * @param fault {@code worker-dies} or {@code executor-forgets}
     */
    void taskFault(String taskId, String fault) {
        ObjectNode body = JSON.createObjectNode();
        body.put("task", taskId);
        body.put("fault", fault);
        send("POST", "/faults/task", body);
    }

    /** Switches off what this client switched on, so that the next test finds the target healthy. */
    void reset() {
        if (switched) {
            ObjectNode body = JSON.createObjectNode();
            body.put("appOffline", false);
            body.put("quotaExceeded", false);
            body.put("appLocked", false);
            send("POST", "/faults", body);
            switched = false;
        }
        for (String function : Set.copyOf(dying)) {
            workerDiesDuring(function, false);
        }
    }

    // ---------------------------------------------------------------- plumbing

    private JsonNode send(String method, String route, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + route)).timeout(REQUEST_TIMEOUT);
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the control API at " + base + " did not answer " + method + " " + route
                    + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the control API: " + method + " " + route, e);
        }
        JsonNode answer;
        try {
            answer = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the control API answered " + method + " " + route + " with "
                    + response.statusCode() + " and no JSON: " + abbreviate(response.body()), e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return answer;
        }
        String message = "the control API refused " + method + " " + route + " (" + status + "): "
                + answer.path("error").path("message").asText(abbreviate(response.body()));
        throw switch (status) {
            case 404 -> new IllegalArgumentException(message);
            case 409 -> new UnsupportedOperationException(message);
            default -> new IllegalStateException(message);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return "control API " + base;
    }
}
