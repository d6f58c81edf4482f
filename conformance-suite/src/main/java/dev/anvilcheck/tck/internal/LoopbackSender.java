package dev.anvilcheck.tck.internal;

import dev.anvilcheck.spi.HttpSender;
import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Sends requests over a real socket to the origin a runtime under test listens on, with the JDK's
 * HTTP/1.1 client, so that every HTTP clause can be checked over the wire as well as in memory.
 * Headers the JDK client sets itself ({@code host}, {@code content-length}, {@code connection},
 * {@code expect}, {@code upgrade}) are not sent from the request.
 */
public final class LoopbackSender implements HttpSender {
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final URI origin;
    private final Duration timeout;

    /**
     * @param origin the runtime's origin, e.g. {@code http://127.0.0.1:41234}
     * @param timeout how long one request may take
     */
    public LoopbackSender(URI origin, Duration timeout) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public RawHttpResponse send(RawHttpRequest request) {
        byte[] body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(origin + request.target()))
                .timeout(timeout)
                .method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new RawHttpResponse(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Sending " + request.method() + " " + request.target() + " to " + origin
                    + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending " + request.method() + " " + request.target(), e);
        }
    }

    @Override
    public String toString() {
        return "LoopbackSender[" + origin + "]";
    }
}
