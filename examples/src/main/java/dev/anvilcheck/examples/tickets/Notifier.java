package dev.anvilcheck.examples.tickets;

import dev.anvilcheck.secrets.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of the external notification service, a JSON API: {@code POST <base>/v1/messages}
 * with a bearer key. Its base URL and key are app secrets ({@code notify_api_url},
 * {@code notify_api_key}), so tests point it at a WireMock stub.
 */
public final class Notifier {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * Sends a message.
     *
     * @param to the recipient's email
     * @param text the message
     * @return the service's id of the message
     * @throws NotificationFailed if the service does not accept it
     * @throws IOException if the service cannot be reached
     * @throws InterruptedException if the call is interrupted, e.g. when it timed out
     */
    public String send(String to, String text) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Secrets.getSecret("notify_api_url") + "/v1/messages"))
                .header("Authorization", "Bearer " + Secrets.getSecret("notify_api_key"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":" + json(to) + ",\"text\":" + json(text) + "}"))
                .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new NotificationFailed("The notification service answered " + response.statusCode() + " for " + to);
        }
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new NotificationFailed("The notification service sent no message id for " + to);
        }
        return id.group(1);
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
