package dev.anvilcheck.soak.server;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.HttpEndpoint;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.VarKeyword;
import java.util.Map;

/**
 * The server functions the soak harness serves: passed to serve mode with
 * {@code -cp soak/target/classes --module dev.anvilcheck.soak.server.SoakServerModule}, so that the
 * fuzzed calls reach real server code. {@code echo} returns its argument (the steady client's
 * function); {@code sleep} waits a short, bounded time, holding a call thread as slow server code
 * does; {@code media_echo} receives and returns Media; the endpoint {@code /echo} answers HTTP
 * requests with what it was sent. Nothing here keeps state between calls, so whatever the server
 * holds after a soak run is the server's own.
 *
 * @since 0.1
 */
public final class SoakServerModule {
    /** The longest {@code sleep} waits, whatever it is asked: 100 ms. */
    public static final long MAX_SLEEP_MILLIS = 100;

    /**
     * Serve mode instantiates the module with this constructor.
     *
     * @since 0.1
     */
    public SoakServerModule() {
        // stateless
    }

    /**
     * {@code echo(value)}: returns {@code value} as it was received (the steady client's call).
     *
     * @param value any value that crosses the wire
     * @return the same value
     * @since 0.1
     */
    @Callable("echo")
    public Object echo(Object value) {
        return value;
    }

    /**
     * {@code sleep(seconds)}: waits {@code seconds}, at most {@link #MAX_SLEEP_MILLIS} and at least
     * nothing, then returns the milliseconds it waited; an interruption ends the wait early.
     *
     * @param seconds how long to wait
     * @return the milliseconds waited
     * @since 0.1
     */
    @Callable("sleep")
    public long sleep(double seconds) {
        long millis = Double.isNaN(seconds) ? 0 : (long) Math.max(0, Math.min(MAX_SLEEP_MILLIS, seconds * 1000));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return millis;
    }

    /**
     * {@code media_echo(media)}: reads every byte of {@code media} and returns a new Media with the
     * same bytes, content type and name, so Media crosses in both directions ({@code None} gives
     * {@code None}).
     *
     * @param media the Media received
     * @return a copy of it
     * @since 0.1
     */
    @Callable("media_echo")
    public Media mediaEcho(Media media) {
        if (media == null) {
            return null;
        }
        String type = media.contentType() == null ? "application/octet-stream" : media.contentType();
        return new BlobMedia(type, media.getBytes(), media.name());
    }

    /**
     * The endpoint {@code /echo} ({@code GET}, {@code POST}): answers with the method, the path,
     * the query parameter {@code n} (so a client can tell pipelined responses apart) and the body's
     * length.
     *
     * @param params the query and form parameters, as keyword arguments (HTTP-05)
     * @return a JSON object
     * @since 0.1
     */
    @HttpEndpoint("/echo")
    public Map<String, Object> httpEcho(@VarKeyword Map<String, Object> params) {
        HttpRequest request = AnvilServer.request();
        Object n = request.queryParams().get("n");
        Media body = request.body();
        return Map.of("method", request.method(), "path", request.path(), "n", n == null ? "" : n,
                "length", body == null ? 0 : body.length());
    }
}
