package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-15: a {@code Content-Disposition} an {@code HttpResponse} gives is added after the
 * default one of its Media instead of replacing it, as a runtime that treated only
 * {@code Content-Type} as replacing would send it. In memory only.
 */
@Breaks(value = "HTTP-15", bug = "a given Content-Disposition added to the Media's default instead of replacing it")
public final class ContentDispositionAddedNotReplaced extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        String disposition = response.header("content-disposition");
        if (disposition == null || disposition.startsWith("inline")) {
            return response;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put("content-disposition", List.of("inline", disposition));
        return new RawHttpResponse(response.status(), headers, response.body());
    }
}
