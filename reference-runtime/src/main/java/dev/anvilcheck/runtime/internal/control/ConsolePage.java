package dev.anvilcheck.runtime.internal.control;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live console, {@value #PREFIX}: one HTML page, its script and its style sheet, read from
 * the runtime's jar, with nothing fetched from elsewhere (its {@code Content-Security-Policy}
 * allows this origin only). The page drives the control API from the browser and follows its
 * event stream. It is served behind the same {@link ControlGate} as the API ({@link ControlApi#serve}
 * asks the gate first), so whoever may open it may already use the API.
 */
final class ConsolePage {
    /** The console's path; its assets are below it. */
    static final String PREFIX = "/_/console";

    /** The files served, by path, with their type. */
    private static final Map<String, String[]> FILES = Map.of(
            PREFIX, new String[] {"console.html", "text/html; charset=utf-8"},
            PREFIX + "/", new String[] {"console.html", "text/html; charset=utf-8"},
            PREFIX + "/console.js", new String[] {"console.js", "text/javascript; charset=utf-8"},
            PREFIX + "/console.css", new String[] {"console.css", "text/css; charset=utf-8"});

    private ConsolePage() {}

    static RawHttpResponse serve(RawHttpRequest raw) {
        String target = raw.target();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String method = raw.method().toUpperCase(Locale.ROOT);
        String[] file = FILES.get(path);
        if (file == null) {
            return ControlJson.error(404, null, "no console file at " + path + "; the console is at " + PREFIX);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            RawHttpResponse r = ControlJson.error(405, null, method + " is not allowed on " + path + "; allowed: GET");
            Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
            headers.put("allow", List.of("GET, HEAD"));
            return new RawHttpResponse(405, headers, r.body());
        }
        Map<String, List<String>> headers = ControlJson.headers(file[1]);
        headers.put("Content-Security-Policy", List.of("default-src 'none'; script-src 'self'; style-src 'self';"
                + " connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'"));
        headers.put("X-Frame-Options", List.of("DENY"));
        headers.put("Referrer-Policy", List.of("no-referrer"));
        return new RawHttpResponse(200, headers, read(file[0]));
    }

    private static byte[] read(String name) {
        try (InputStream in = ConsolePage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the runtime's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
