package dev.anvilcheck.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.interop.probe.Describe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP requests of the endpoint scenarios, sent as the Python script's {@code Http.request}
 * sends them, and their responses reduced to the same outcome: status, content type, a few
 * headers, and the body as JSON, as text, or as length and SHA-256.
 */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> HEADERS = List.of("Allow", "WWW-Authenticate", "X-Interop",
            "Content-Disposition", "Access-Control-Allow-Origin", "Access-Control-Allow-Headers");

    private final URI api;
    private final String origin;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Http(URI api) {
        this.api = api;
        String a = api.toString();
        this.origin = a.substring(0, a.length() - "/_/api".length());
    }

    Map<String, Object> request(String method, String path, String body, Map<String, String> headers, boolean root,
            boolean bodyDigest) throws IOException, InterruptedException {
        URI url = URI.create((root ? origin : api.toString()) + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", (long) response.statusCode());
        out.put("content_type", response.headers().firstValue("Content-Type").orElse(null));
        for (String name : HEADERS) {
            response.headers().firstValue(name).ifPresent(v -> out.put(name.toLowerCase(java.util.Locale.ROOT), v));
        }
        byte[] data = response.body();
        if (bodyDigest) {
            out.put("body_length", (long) data.length);
            out.put("body_sha256", Describe.sha256(data));
        } else {
            String text = new String(data, StandardCharsets.UTF_8);
            JsonNode parsed = null;
            if (!text.isBlank()) {
                try {
                    parsed = JSON.readTree(text);
                } catch (IOException notJson) {
                    parsed = null;
                }
            }
            if (parsed != null && !parsed.isMissingNode()) {
                out.put("body_json", parsed);
            } else {
                out.put("body", text);
            }
        }
        return out;
    }
}
