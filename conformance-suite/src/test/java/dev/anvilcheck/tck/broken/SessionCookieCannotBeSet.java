package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.RawHttpRequest;
import dev.anvilcheck.spi.RawHttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Breaks HTTP-16 as this project's runtime once did: a {@code Set-Cookie} of the session cookie
 * is dropped as if it were one of the cookie jars, which the App Server alone protects
 * ({@code conf/app-cookie-names}).
 */
@Breaks(value = "HTTP-16", bug = "Set-Cookie of the session cookie dropped")
public final class SessionCookieCannotBeSet extends HttpResponseRewriting {
    @Override
    protected RawHttpResponse rewrite(RawHttpRequest request, RawHttpResponse response) {
        List<String> cookies = response.headerValues("set-cookie");
        if (cookies.stream().noneMatch(c -> c.startsWith("anvil-session="))) {
            return response;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put("set-cookie", cookies.stream().filter(c -> !c.startsWith("anvil-session=")).toList());
        return new RawHttpResponse(response.status(), headers, response.body());
    }
}
