package dev.anvilcheck.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Python side of the harness: runs {@code interop_scenarios.py} with the official client for
 * one key kind and collects its {@code RESULT} lines, one JSON outcome per scenario. The script's
 * standard error (the client's own logging and any traceback) goes to a file.
 */
final class PythonSide {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonSide() {}

    /**
     * Runs the script and returns the outcomes it printed.
     *
     * @param python the Python 3 interpreter that has ws4py, six and future
     * @param script {@code interop_scenarios.py}
     * @param client the official client's directory ({@code uplink/python} of an anvil-runtime checkout)
     * @param serve the serve process to connect to
     * @param secret the uplink key of that kind
     * @param key the key kind
     * @param timezone the time zone of the process ({@code TZ})
     * @param log where its standard error goes
     * @param timeoutSeconds how long it may run
     * @return outcome per scenario id, in the order printed
     * @throws IOException if it cannot start, fails, or outlives the timeout
     */
    static Map<String, JsonNode> play(String python, Path script, Path client, ServeProcess serve, String secret,
            Scenario.Key key, String timezone, Path log, long timeoutSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(python, "-u", script.toString(), "--client", client.toString(),
                "--url", serve.uplink().toString(), "--api", serve.api().toString(), "--key", secret,
                "--mode", key == Scenario.Key.SERVER ? "server" : "client"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().put("TZ", timezone);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process process = pb.start();
        process.getOutputStream().close();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            List<String> read = new ArrayList<>();
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    read.add(line);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return read;
        });
        List<String> printed;
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("the Python scenarios did not finish within " + timeoutSeconds
                        + " s (see " + log + ")");
            }
            printed = lines.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the Python scenarios' output: " + e, e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("the Python scenarios (" + key.name().toLowerCase(java.util.Locale.ROOT)
                    + " key) exited with " + process.exitValue() + "; see " + log);
        }
        Map<String, JsonNode> outcomes = new LinkedHashMap<>();
        for (String line : printed) {
            if (line.startsWith("RESULT ")) {
                JsonNode result = JSON.readTree(line.substring("RESULT ".length()));
                outcomes.put(result.path("id").asText(), result.path("outcome"));
            }
        }
        return outcomes;
    }
}
